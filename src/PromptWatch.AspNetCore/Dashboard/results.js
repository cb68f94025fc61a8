// An opened card's evaluation results: a link to each report (served by this host, in a sandbox) and, when its store
// has a view of its own (a console page, a signed URL), a second link to the report there. Each link opens something
// the others do not: the commit's page of all its results (eval/{sha}) is left out, since it would only redirect to
// the same report, and a folder store has no view but the report itself.
import { badge, h, section } from "./dom.js";
import { safeHref } from "./format.js";

export function evaluationSection(entry) {
  const links = [];
  if (entry.has_eval_results) {
    for (const result of Array.isArray(entry.eval_results) ? entry.eval_results : []) {
      const href = safeHref(result?.url);
      if (!href) continue;
      const name = result.name || href;
      const view = safeHref(result.view_url);
      links.push(h("li", null,
        h("a", { class: "eval-link", "data-testid": "eval-report", href, target: "_blank", rel: "noopener noreferrer", text: name }),
        result.kind ? badge("badge-result", String(result.kind).toLowerCase()) : null,
        view && view !== href
          ? h("a", {
            class: "eval-link eval-view", "data-testid": "eval-view", href: view, target: "_blank", rel: "noopener noreferrer",
            text: result.store ? `in ${result.store}` : "in its store", "aria-label": `${name} in ${result.store || "its store"}`,
          })
          : null));
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
