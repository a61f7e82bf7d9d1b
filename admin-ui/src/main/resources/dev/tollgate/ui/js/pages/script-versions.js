// A script's last saved versions: look at one in the editor, or roll back to it (saving it again).
import { h, fill, table, fmtTime } from "../dom.js";
import { api, get } from "../api.js";

export function versionsPanel(name, load) {
  const list = h("div", { id: "versions-list", "aria-live": "polite" });
  const status = h("p.form-status", { role: "status" });
  const path = `/script-plugins/${encodeURIComponent(name)}`;
  async function show() {
    const v = await get(`${path}/versions`);
    fill(list, v.data.length ? table("Saved versions", ["Version", "Saved", "Length", "", ""], v.data.map((x, i) => ({
      cells: [i === 0 ? `${x.version} (deployed)` : String(x.version), fmtTime(x.saved_at), `${x.length} characters`,
        h("button.small", { type: "button", onclick: async () => {
          load((await get(`${path}/versions/${x.version}`)).source);
          fill(status, `Version ${x.version} is in the editor; it is not deployed until you save it.`);
        } }, `Open version ${x.version}`),
        i === 0 ? "" : h("button.small", { type: "button", onclick: async () => {
          const old = await get(`${path}/versions/${x.version}`);
          await api("PUT", path, { source: old.source });
          load(old.source);
          fill(status, `Rolled back: version ${x.version} is deployed again (saved as a new version).`);
          show();
        } }, `Roll back to version ${x.version}`)],
    }))) : h("p.empty", null, "No saved versions yet."));
  }
  const details = h("details.versions", null, h("summary", null, "Saved versions (the last 20)"), list, status);
  details.addEventListener("toggle", () => {
    if (details.open) show().catch((e) => fill(list, h("p.field-error", null, e.message)));
  });
  return details;
}
