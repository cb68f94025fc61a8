// An opened card's evaluation results: links to the commit's reports.
import { badge, h, section } from "./dom.js";
import { safeHref } from "./format.js";

export function evaluationSection(entry) {
  const links = [];
  if (entry.has_eval_results) {
    const direct = safeHref(entry.eval_direct_url);
    if (direct) {
      links.push(h("li", null, h("a", {
        class: "eval-link eval-main", href: direct, target: "_blank", rel: "noopener noreferrer",
      }, "Main report")));
    }
    for (const result of Array.isArray(entry.eval_results) ? entry.eval_results : []) {
      const href = safeHref(result?.url);
      if (!href) continue;
      links.push(h("li", null,
        h("a", { class: "eval-link", href, target: "_blank", rel: "noopener noreferrer", text: result.name || href }),
        result.kind ? badge("badge-result", String(result.kind).toLowerCase()) : null));
    }
    const all = safeHref(entry.eval_results_url);
    if (all) {
      links.push(h("li", null, h("a", {
        class: "eval-link eval-all", href: all, target: "_blank", rel: "noopener noreferrer",
      }, "View results")));
    }
  }
  const empty = entry.eval_results_status === "unknown"
    ? "Results unknown: the result store could not be read. Try “Refresh results”."
    : "No evaluation results for this commit";
  return section("Evaluation results", "section-eval",
    links.length
      ? h("ul", { class: "eval-list" }, links)
      : h("p", { class: "muted", "data-testid": "eval-empty", text: empty }));
}
