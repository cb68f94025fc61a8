// A change's card: its head (name, badges, commit line) and, once opened, its details.
import { commitSection, errorSection, parametersSection, promptSection } from "./details.js";
import { appendAll, badge, h, nextId, srOnly } from "./dom.js";
import { entryKind, entryTitle } from "./entries.js";
import { absoluteTime, firstLine, parseDate, relativeTimeElement, shortSha } from "./format.js";
import { evaluationSection } from "./results.js";
import { state } from "./state.js";

const KNOWN_ENVIRONMENTS = new Set(["test", "prod"]);

function environmentBadge(name) {
  const env = String(name ?? "");
  const known = KNOWN_ENVIRONMENTS.has(env.toLowerCase());
  return h("span", {
    class: `badge badge-env ${known ? `env-${env.toLowerCase()}` : "env-other"}`,
    title: `Environment: ${env || "unknown"}`,
  }, srOnly("Environment: "), env || "unknown");
}

function kindBadge(kind) {
  return h("span", { class: `badge badge-kind kind-${kind}` }, srOnly("Change: "), kind);
}

function enabledBadge(enabled) {
  const on = enabled === true;
  return h("span", { class: `badge badge-state ${on ? "state-on" : "state-off"}` },
    h("span", { class: "state-dot", "aria-hidden": "true" }), on ? "enabled" : "disabled");
}

function metaItem(label, content, className) {
  return h("span", { class: `meta-item${className ? ` ${className}` : ""}` },
    label ? h("span", { class: "meta-label", text: label }) : null, content);
}

export function buildCard(entry, key) {
  const kind = entryKind(entry);
  const id = nextId("card");
  const detailsId = `${id}-details`;
  const expanded = state.expanded.has(key);
  const sha = entry.commit_sha ?? "";

  const toggle = h("button", {
    type: "button",
    class: "card-toggle",
    "aria-expanded": String(expanded),
    "aria-controls": detailsId,
    "data-focus": "toggle",
  }, h("span", { class: "chevron", "aria-hidden": "true" }), h("span", { class: "card-name", text: entryTitle(entry) }));

  const badges = h("span", { class: "badges" },
    environmentBadge(entry.environment),
    kindBadge(kind),
    entry.show_enabled === true ? enabledBadge(entry.enabled) : null,
    entry.has_eval_results === true ? badge("badge-eval", "eval results", "This commit has evaluation results") : null,
    entry.eval_results_status === "unknown" ? badge("badge-eval-unknown", "results unknown", "The result store could not be read: there may be results") : null);

  const message = firstLine(entry.commit_message);
  const date = parseDate(entry.commit_date);

  const meta = h("div", { class: "card-meta" },
    entry.model ? metaItem("model", h("span", { class: "mono model", text: entry.model })) : null,
    sha ? metaItem(null, h("code", { class: "sha", title: sha, text: entry.commit_hash || shortSha(sha) }), "meta-sha") : null,
    entry.commit_author_name ? metaItem(null, h("span", { class: "author", text: entry.commit_author_name })) : null,
    metaItem(null, h("span", { class: "when" },
      relativeTimeElement(entry.commit_date, "when-relative"),
      date ? h("span", { class: "when-absolute" }, srOnly(", "), absoluteTime(date)) : null)),
    showRepositoryNames() && entry.repository ? metaItem("repo", h("span", { text: entry.repository })) : null);

  const changed = kind === "changed" && Array.isArray(entry.changed_fields) && entry.changed_fields.length > 0
    ? h("p", { class: "card-fields" }, h("span", { class: "meta-label", text: "changed" }),
      entry.changed_fields.map((field) => h("code", { class: "chip", text: field })))
    : null;

  const errorLine = kind === "error" && entry.error?.message
    ? h("p", { class: "card-error-line", text: firstLine(entry.error.message) })
    : null;

  const head = h("div", { class: "card-head" },
    h("div", { class: "card-title-row" }, h("h2", { class: "card-title" }, toggle), badges),
    message ? h("p", { class: "card-message", text: message }) : null,
    errorLine,
    meta,
    changed);

  const details = h("div", { class: "card-details", id: detailsId, hidden: !expanded });

  const node = h("li", {
    class: `card card-${kind}${expanded ? " is-open" : ""}`,
    "data-testid": "change-card",
    "data-env": entry.environment ?? "",
    "data-usecase": entry.usecase ?? "",
    "data-sha": sha,
    "data-kind": kind,
    "data-key": key,
  }, head, details);

  const setExpanded = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    node.classList.toggle("is-open", open);
    node.classList.remove("is-new");
    if (open) {
      state.expanded.add(key);
      if (!details.hasChildNodes()) fillDetails(details, entry, key);
      details.hidden = false;
    } else {
      state.expanded.delete(key);
      details.hidden = true;
    }
  };
  toggle.addEventListener("click", () => setExpanded(toggle.getAttribute("aria-expanded") !== "true"));
  head.addEventListener("click", (event) => {
    if (event.target.closest("button, a, input, select")) return;
    if (String(window.getSelection?.() ?? "").length > 0) return;
    setExpanded(toggle.getAttribute("aria-expanded") !== "true");
  });
  if (expanded) fillDetails(details, entry, key);
  return node;
}

function showRepositoryNames() {
  return state.repositories.length > 1;
}

function fillDetails(container, entry, key) {
  const kind = entryKind(entry);
  container.replaceChildren();
  appendAll(container, [
    kind === "error" ? errorSection(entry) : null,
    h("div", { class: "details-grid" }, commitSection(entry), parametersSection(entry)),
    promptSection(entry, key),
    evaluationSection(entry),
  ]);
}
