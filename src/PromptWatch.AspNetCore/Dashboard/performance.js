// PromptWatch dashboard: the "Slowest operations" panel. Reads api/performance (the last hour) and lists the
// operations with the highest p95, flagging those slower than their baseline; built with DOM calls only.
import { getJson } from "./api.js";
import { h } from "./dom.js";

const REFRESH_MS = 60000;
const SHOWN = 5;

function milliseconds(value) {
  const ms = Number(value) || 0;
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 10 ? 0 : 1)} ms`;
}

function render(panel, data) {
  const operations = Array.isArray(data?.operations) ? data.operations.slice(0, SHOWN) : [];
  const title = h("h2", { id: "performance-title", class: "performance-title", text: "Slowest operations" });
  if (operations.length === 0) {
    panel.replaceChildren(title, h("p", {
      class: "muted performance-empty",
      "data-testid": "performance-empty",
      text: "No operation finished in the last hour. Scans, fetches, refreshes and health checks appear here, slowest first, once they run.",
    }));
    return;
  }
  const rows = operations.map((op) => h("tr", { class: op.slower_than_baseline ? "performance-slow" : "" },
    h("th", { scope: "row", text: op.operation }),
    h("td", { text: milliseconds(op.p95_ms) }),
    h("td", { text: milliseconds(op.p50_ms) }),
    h("td", { text: String(op.count) }),
    h("td", { text: `${Math.round((Number(op.success_rate) || 0) * 100)} %` }),
    h("td", { text: op.slower_than_baseline ? `slower than ${milliseconds(op.baseline_p95_ms)}` : "" })));
  panel.replaceChildren(title, h("table", { class: "performance-table", "data-testid": "performance-table" },
    h("thead", {}, h("tr", {},
      ...["Operation", "p95", "p50", "Count", "Success", ""].map((name) => h("th", { scope: "col", text: name })))),
    h("tbody", {}, ...rows)));
}

async function load(panel) {
  try {
    render(panel, await getJson("api/performance"));
    panel.hidden = false;
  } catch {
    // The panel stays as it was: the timeline's own errors say when the API is unreachable.
  }
}

export function startPerformance() {
  const panel = document.getElementById("performance");
  // A workspace's page has no api/performance: the monitor's figures are the whole process's.
  if (!panel || document.body.dataset.performance !== "true") return;
  load(panel);
  window.setInterval(() => load(panel), REFRESH_MS);
}
