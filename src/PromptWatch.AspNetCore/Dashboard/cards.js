// A change's card: its head (name, badges, commit line) and, once opened, its details.
import { cardActions } from "./comparemenu.js";
import { commitSection, errorSection, parametersSection, promptSection } from "./details.js";
import { appendAll, badge, h, nextId, srOnly } from "./dom.js";
import { entryKind, entryTitle } from "./entries.js";
import { absoluteTime, firstLine, parseDate, relativeTimeElement, shortSha } from "./format.js";
import { evaluationSection } from "./results.js";
import { scoreBadges } from "./scores.js";
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

function enabledBadge(enabled, environment) {
  const on = enabled === true;
  const env = String(environment ?? "") || "its environment";
  return h("span", {
    class: `badge badge-state ${on ? "state-on" : "state-off"}`,
    "data-testid": "enabled-badge",
    title: on ? `This use case is enabled in ${env} now` : `This use case is disabled in ${env} now`,
  }, h("span", { class: "state-dot", "aria-hidden": "true" }), on ? "enabled" : "disabled");
}

// The version that is current in its environment: the newest entry of its use case there, not a removal.
function isLive(entry, kind) {
  return entry.is_latest === true && (kind === "added" || kind === "changed");
}

function liveBadge(environment) {
  const env = String(environment ?? "") || "its environment";
  return h("span", {
    class: "badge badge-live",
    "data-testid": "live-badge",
    title: `This is the version live in ${env} now: no later change of this use case there`,
  }, h("span", { class: "live-dot", "aria-hidden": "true" }), "live");
}

const CHIP_VALUE_LENGTH = 40;

function chipValue(value) {
  if (value === null || value === undefined || value === "") return "-";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.length > CHIP_VALUE_LENGTH ? `${text.slice(0, CHIP_VALUE_LENGTH - 1)}…` : text;
}

function currentValue(entry, field) {
  if (field.startsWith("extras.")) return entry.extras && typeof entry.extras === "object" ? entry.extras[field.slice(7)] : undefined;
  return entry[field];
}

// A changed field as the command line shows it: "top_k 50 → 40"; the prompt by its name only (the diff shows it).
function changeChip(entry, field) {
  const previous = entry.previous_values && typeof entry.previous_values === "object" ? entry.previous_values : {};
  if (field === "prompt" || !Object.hasOwn(previous, field)) return h("code", { class: "chip", text: field });
  const from = chipValue(previous[field]);
  const to = chipValue(currentValue(entry, field));
  return h("code", { class: "chip chip-change", title: `${field}: ${from} → ${to}` },
    h("span", { class: "chip-field", text: field }), " ",
    srOnly("from "), h("span", { class: "chip-old", text: from }),
    h("span", { class: "arrow", "aria-hidden": "true", text: " → " }), srOnly(" to "),
    h("span", { class: "chip-new", text: to }));
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
    isLive(entry, kind) ? liveBadge(entry.environment) : null,
    entry.show_enabled === true ? enabledBadge(entry.enabled, entry.environment) : null,
    entry.has_eval_results === true ? badge("badge-eval", "eval results", "This commit has evaluation results") : null,
    entry.eval_results_status === "unknown" ? badge("badge-eval-unknown", "results unknown", "The result store could not be read: there may be results") : null,
    scoreBadges(entry));

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
      entry.changed_fields.map((field) => changeChip(entry, field)))
    : null;

  const errorLine = kind === "error" && entry.error?.message
    ? h("p", { class: "card-error-line", text: firstLine(entry.error.message) })
    : null;

  const head = h("div", { class: "card-head" },
    h("div", { class: "card-title-row" }, h("h2", { class: "card-title" }, toggle), badges),
    message ? h("p", { class: "card-message", text: message }) : null,
    errorLine,
    meta,
    changed,
    cardActions(entry));

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
