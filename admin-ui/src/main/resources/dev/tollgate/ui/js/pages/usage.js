// Usage and cost analytics: sums grouped by model, provider, consumer, route, day or hour over
// any range, summed by the database (GET /usage?group_by=), as a chart, a table and a CSV file.
import { h, fill, table, fmtNumber, fmtCost } from "../dom.js";
import { get, raw, qs } from "../api.js";
import { go } from "../router.js";
import { remembered, remember } from "../session.js";
import { barChart } from "../chart.js";

const GROUPS = [["model", "Model"], ["provider", "Provider"], ["consumer", "Consumer"], ["route", "Route"], ["day", "Day (UTC)"], ["hour", "Hour (UTC)"]];
const FILTERS = [["consumer", "Consumer"], ["model", "Model"], ["provider", "Provider"], ["route", "Route"]];
const PRESETS = { "24h": 1, "7d": 7, "30d": 30, "90d": 90 };

function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

function keyOf(row, group) {
  if (group === "consumer") return row.consumer_name || row.consumer || "(anonymous)";
  if (group === "hour") return new Date(row.hour).toLocaleString();
  return row[group] || "(none)";
}

export async function usagePage(el, loc) {
  const group = loc.params.get("group_by") || "model";
  const preset = remembered("usage-range", "30d");
  const today = new Date();
  const from = loc.params.get("from") || isoDate(new Date(today.getTime() - (PRESETS[preset] || 30) * 86400000));
  const to = loc.params.get("to") || "";
  const filters = {};
  for (const [k] of FILTERS) if (loc.params.get(k)) filters[k] = loc.params.get(k);
  const params = { group_by: group, from, to, ...filters };

  const groupSelect = h("select", { id: "usage-group" }, GROUPS.map(([k, l]) => h("option", { value: k }, l)));
  groupSelect.value = group;
  const fromInput = h("input", { id: "usage-from", type: "date", value: from });
  const toInput = h("input", { id: "usage-to", type: "date", value: to });
  const filterInputs = FILTERS.map(([k, l]) => [k, l, h("input", { id: `usage-${k}`, type: "search", value: filters[k] || "", autocomplete: "off" })]);
  const status = h("p.form-status", { role: "status", "aria-live": "polite" });
  const submit = () => {
    const p = { group_by: groupSelect.value, from: fromInput.value, to: toInput.value };
    for (const [k, , input] of filterInputs) if (input.value.trim()) p[k] = input.value.trim();
    go(`/usage${qs(p)}`);
  };
  const controls = h("form.filters", { role: "search", onsubmit: (e) => {
    e.preventDefault();
    submit();
  } },
  h("label", { for: "usage-group" }, "Group by"), groupSelect,
  h("label", { for: "usage-from" }, "From"), fromInput,
  h("label", { for: "usage-to" }, "To (exclusive)"), toInput,
  filterInputs.map(([, l, input]) => [h("label", { for: input.id }, l), input]),
  h("button.primary", { type: "submit" }, "Show"));
  const presets = h("div.range-picker", { role: "group", "aria-label": "Quick ranges" },
    Object.keys(PRESETS).map((k) => h("button", { type: "button", onclick: () => {
      remember("usage-range", k);
      fromInput.value = isoDate(new Date(Date.now() - PRESETS[k] * 86400000));
      toInput.value = "";
      submit();
    } }, `Last ${k}`)));
  const csv = h("button", { type: "button", id: "usage-csv", onclick: async () => {
    try {
      const res = await raw(`/usage${qs({ ...params, format: "csv" })}`);
      const url = URL.createObjectURL(await res.blob());
      const a = h("a", { href: url, download: `tollgate-usage-by-${group}.csv` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      fill(status, "CSV downloaded.");
    } catch (e) {
      fill(status, `No CSV: ${e.message}`);
    }
  } }, "Download CSV");
  fill(el, h("div.page-head", null, h("h1", null, "Usage and cost"), presets), controls, h("p", null, "Loading…"));

  // the 500 costliest groups (every day or hour); the CSV file has them all
  const shown = group === "day" || group === "hour" ? {} : { size: 500 };
  const data = (await get(`/usage${qs({ ...params, ...shown })}`)).data;
  const priced = data.some((r) => r.cost !== null && r.cost > 0);
  const currency = (data.find((r) => r.currency) || {}).currency || "";
  const chronological = group === "day" || group === "hour";
  const rows = chronological ? data : data.slice(0, 25);
  const chart = barChart({
    title: priced ? `Cost by ${group}` : `Tokens by ${group}`,
    points: rows.map((r) => ({ label: keyOf(r, group), short: keyOf(r, group).slice(0, 14), value: priced ? r.cost || 0 : r.total_tokens })),
    valueLabel: priced ? currency || "cost" : "tokens",
    format: priced ? (v) => (v < 1 ? v.toPrecision(2) : v.toFixed(2)) : (v) => fmtNumber(v),
  });
  const total = data.reduce((a, r) => ({ requests: a.requests + r.requests, tokens: a.tokens + r.total_tokens, cost: a.cost + (r.cost || 0) }),
    { requests: 0, tokens: 0, cost: 0 });
  fill(el, h("div.page-head", null, h("h1", null, "Usage and cost"), presets), controls,
    h("p.muted", null, `${fmtNumber(total.requests)} LLM calls, ${fmtNumber(total.tokens)} tokens${priced ? `, ${fmtCost(total.cost, currency)}` : ""} from ${from}${to ? ` to ${to}` : " to now"}, summed by the database`
      + `${data.length === 500 ? " (the 500 costliest groups; the CSV file has every one)" : ""}.`),
    data.length ? chart : h("p.empty", { id: "usage-empty" }, "No usage records in this range."),
    h("div.form-actions", null, csv, status),
    data.length ? table(`Usage by ${group}`, [GROUPS.find(([k]) => k === group)[1], "Requests", "Prompt tokens", "Completion tokens",
      "Cached prompt", "Reasoning", "Total tokens", "Cost", "Unpriced calls"], data.map((r) => ({
      cells: [keyOf(r, group), fmtNumber(r.requests), fmtNumber(r.prompt_tokens), fmtNumber(r.completion_tokens),
        fmtNumber(r.cached_prompt_tokens), fmtNumber(r.reasoning_tokens), fmtNumber(r.total_tokens),
        r.cost !== null ? fmtCost(r.cost, r.currency) : r.currency === "mixed" ? "mixed currencies" : "–", fmtNumber(r.unpriced_requests)],
    }))) : null);
}
