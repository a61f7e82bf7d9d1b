// The one place failures are shown page-wide: a banner that stays until dismissed or replaced.
import { h, fill } from "./dom.js";

export function banner(message, kind = "error") {
  const area = document.getElementById("banner");
  if (!area) return;
  fill(area, h(`div.banner.${kind}`, { role: kind === "error" ? "alert" : "status" },
    h("span", null, message),
    h("button.link", { type: "button", onclick: () => fill(area), "aria-label": "Dismiss message" }, "Dismiss")));
}

export function clearBanner() {
  const area = document.getElementById("banner");
  if (area) fill(area);
}
