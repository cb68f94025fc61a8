// PromptWatch dashboard: the Drift panel. What differs between two environments now (api/drift): a row per use
// case, equal or what differs, how far the older side lags and whether each side's version was evaluated; a
// differing prompt opens its diff. #drift in the address opens the panel, #drift-<usecase> a use case's diff too.
import { getJson } from "./api.js";
import { diffView } from "./diff.js";
import { h, plural } from "./dom.js";
import { absoluteTime, parseDate } from "./format.js";
import { compareHash, useCaseHash } from "./routes.js";
import { sideScores } from "./scores.js";

const COLLAPSED_KEY = "promptwatch.drift.collapsed";

function readCollapsed() {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) !== "false";
  } catch {
    return true;
  }
}

function writeCollapsed(collapsed) {
  try {
    window.localStorage.setItem(COLLAPSED_KEY, String(collapsed));
  } catch {
    // Storage may be off: the panel still opens and closes, it is only not remembered.
  }
}

function evaluation(side) {
  const state = side.results_state;
  if (!side.present) return h("span", { class: "drift-eval drift-eval-none", text: "—" });
  if (state === "found") return h("span", { class: "drift-eval drift-eval-found", text: "evaluated", title: `${plural(side.results || 0, "result")} for this version` });
  if (state === "none") return h("span", { class: "drift-eval drift-eval-missing", text: "not evaluated" });
  if (state === "unknown") return h("span", { class: "drift-eval", text: "results unknown" });
  return h("span", { class: "drift-eval", text: "no result store" });
}

function stateText(useCase, left, right) {
  if (useCase.equal) return "equal";
  if (!useCase.left.present) return useCase.left.removed ? `removed from ${left}` : `not in ${left}`;
  if (!useCase.right.present) return useCase.right.removed ? `removed from ${right}` : `not in ${right}`;
  return `differs: ${(useCase.differing_fields || []).join(", ")}`;
}

function lagText(lag) {
  if (!lag) return null;
  const since = parseDate(lag.since);
  return `${lag.environment} is ${plural(lag.changes, "change")} behind${since ? ` since ${absoluteTime(since)}` : ""}`;
}

// Each present side's story, and the two sides in the Compare view.
function viewLinks(report, useCase, name, many) {
  const repository = many ? report.repository : null;
  const sides = [[report.left, useCase.left], [report.right, useCase.right]].filter(([, side]) => side?.present);
  return h("p", { class: "drift-links" },
    sides.map(([env]) => h("a", { class: "view-link", "data-testid": "drift-story", href: useCaseHash(env, name, repository), text: `Story in ${env}` })),
    sides.length === 2 && !useCase.equal ? h("a", { class: "view-link", "data-testid": "drift-compare", href: compareHash(name, report.left, report.right, repository), text: `Compare ${report.left} → ${report.right}` }) : null);
}

function useCaseItem(report, useCase, many) {
  const name = String(useCase.usecase);
  const item = h("li", { class: `drift-usecase${useCase.equal ? " is-equal" : " is-differing"}`, "data-testid": "drift-usecase", "data-usecase": name, id: `drift-${name}` });
  const head = h("div", { class: "drift-usecase-head" },
    h("span", { class: "drift-name", text: name }),
    h("span", { class: "drift-state", "data-testid": "drift-state", text: stateText(useCase, report.left, report.right) }));
  item.append(head);
  const lag = lagText(useCase.lag);
  if (lag) item.append(h("p", { class: "drift-lag", "data-testid": "drift-lag", text: lag }));
  item.append(h("p", { class: "drift-evals" },
    h("span", { class: "drift-side", text: `${report.left}: ` }), evaluation(useCase.left), sideScores(useCase.left?.scores),
    h("span", { class: "drift-side", text: ` · ${report.right}: ` }), evaluation(useCase.right), sideScores(useCase.right?.scores)));
  if (Array.isArray(useCase.diff) && useCase.diff.length > 0) {
    const toggle = h("button", { type: "button", class: "button button-quiet drift-diff-toggle", "data-testid": "drift-diff-toggle", "aria-expanded": "false", text: `Prompt diff (${report.left} → ${report.right})` });
    const holder = h("div", { class: "drift-diff", hidden: true });
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      if (open && holder.childElementCount === 0) holder.append(diffView(useCase.diff));
      holder.hidden = !open;
    });
    item.append(toggle, holder);
  }
  item.append(viewLinks(report, useCase, name, many));
  return item;
}

function render(panel, data) {
  const reports = Array.isArray(data?.repositories) ? data.repositories : [];
  if (reports.length === 0) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const collapsed = window.location.hash.startsWith("#drift") ? false : readCollapsed();
  const body = h("div", { class: "drift-body", id: "drift-body", hidden: collapsed });
  const toggle = h("button", { type: "button", class: "activity-toggle drift-toggle", "data-testid": "drift-toggle", "aria-expanded": String(!collapsed), "aria-controls": "drift-body" },
    h("span", { class: "chevron", "aria-hidden": "true" }),
    reports.length === 1 ? `Drift: ${reports[0].left} vs ${reports[0].right}` : "Drift between environments");
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    body.hidden = !open;
    panel.classList.toggle("is-collapsed", !open);
    writeCollapsed(!open);
  });
  panel.classList.toggle("is-collapsed", collapsed);
  for (const report of reports) {
    const list = h("ul", { class: "drift-list", "aria-label": `${report.repository}: ${report.left} vs ${report.right}` });
    for (const useCase of report.use_cases || []) list.append(useCaseItem(report, useCase, reports.length > 1));
    body.append(
      h("p", { class: "drift-summary", "data-testid": "drift-summary", text: `${reports.length > 1 ? `${report.repository}: ` : ""}${report.equal} equal, ${report.differing} differing` }),
      list);
  }
  panel.replaceChildren(h("div", { class: "activity-head" }, h("h2", { class: "activity-title", id: "drift-title" }, toggle)), body);
  const target = window.location.hash.length > "#drift-".length && window.location.hash.startsWith("#drift-")
    ? document.getElementById(decodeURIComponent(window.location.hash.slice(1)))
    : null;
  if (target) {
    target.querySelector(".drift-diff-toggle")?.click();
    target.scrollIntoView({ block: "start" });
  } else if (window.location.hash === "#drift") {
    panel.scrollIntoView({ block: "start" });
  }
}

// Loads the panel; a failure leaves it hidden (the timeline below is what the page is for).
export async function startDrift() {
  const panel = document.getElementById("drift");
  if (!panel) return;
  try {
    render(panel, await getJson("api/drift"));
  } catch {
    panel.hidden = true;
  }
}
