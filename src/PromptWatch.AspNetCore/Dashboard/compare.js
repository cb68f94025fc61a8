// The Compare view (#compare/<usecase>/<from>/<to>): two versions of a use case over api/compare, the fields that
// changed old → new and the prompt's side-by-side diff. Each side is picked from the use case's versions; an
// address without <to> asks for the second pick.
import { getJson } from "./api.js";
import { diffView } from "./diff.js";
import { h, plural } from "./dom.js";
import { absoluteTime, parseDate, shortSha, valueNode } from "./format.js";
import { compareHash, useCaseHash } from "./routes.js";
import { versionChoices, withRepository } from "./versions.js";

function picker(id, label, value, groups, onChange) {
  const select = h("select", { id, "data-testid": id });
  let found = false;
  for (const { group, options } of groups) {
    const optgroup = h("optgroup", { label: group });
    for (const option of options) {
      optgroup.append(h("option", { value: option.value, text: option.label }));
      if (option.value === value) found = true;
    }
    select.append(optgroup);
  }
  if (!value) select.prepend(h("option", { value: "", text: "Choose a version…" }));
  else if (!found) select.prepend(h("option", { value, text: value }));
  select.value = value ?? "";
  select.addEventListener("change", () => onChange(select.value));
  return h("div", { class: "field" }, h("label", { for: id, text: label }), select);
}

function sideSummary(title, side) {
  const date = parseDate(side?.commit_date);
  const text = !side?.present
    ? `${side?.environment ?? "?"}: not present`
    : `${side.environment} · ${shortSha(side.commit_sha)}${date ? ` · ${absoluteTime(date)}` : ""}`;
  return h("p", { class: "compare-side" }, h("span", { class: "meta-label", text: title }), " ", h("span", { "data-testid": `compare-side-${title}`, text }));
}

function changesTable(changes) {
  const rows = changes.filter((change) => change.field !== "prompt");
  if (rows.length === 0) return null;
  return h("table", { class: "compare-fields", "data-testid": "compare-fields" },
    h("caption", { class: "visually-hidden", text: "Changed fields, old and new values" }),
    h("thead", null, h("tr", null,
      h("th", { scope: "col", text: "Field" }), h("th", { scope: "col", text: "Old" }), h("th", { scope: "col", text: "New" }))),
    h("tbody", null, rows.map((change) => h("tr", { "data-field": change.field },
      h("th", { scope: "row" }, h("code", { text: change.field })),
      h("td", { class: "compare-old" }, valueNode(change.field, change.old)),
      h("td", { class: "compare-new" }, valueNode(change.field, change.new))))));
}

function result(data) {
  const changes = Array.isArray(data.changes) ? data.changes : [];
  const parts = [
    sideSummary("from", data.from),
    sideSummary("to", data.to),
    h("p", { class: "compare-count", "data-testid": "compare-count", role: "status", text: changes.length === 0 ? "No differences: the two versions are equal." : `${plural(changes.length, "field")} ${changes.length === 1 ? "differs" : "differ"}: ${changes.map((c) => c.field).join(", ")}` }),
    changesTable(changes),
  ];
  if (Array.isArray(data.diff) && data.diff.length > 0 && changes.some((change) => change.field === "prompt")) {
    parts.push(h("h3", { class: "section-title", text: "Prompt" }),
      diffView(data.diff, { old: `From (${data.from?.reference ?? "from"})`, new: `To (${data.to?.reference ?? "to"})`, caption: "Prompt diff: the two versions side by side" }));
  }
  return parts;
}

export async function renderCompare(container, route, context) {
  const { usecase, from, to, repository } = route;
  const heading = h("h2", { class: "view-title", tabindex: "-1", "data-view-heading": "", text: `Compare ${usecase}` });
  const pickers = h("div", { class: "filters compare-pickers", role: "group", "aria-label": "Versions to compare" });
  const output = h("div", { class: "compare-result", "data-testid": "compare-result", "aria-live": "polite" }, h("p", { class: "loading", text: "Loading…" }));
  container.replaceChildren(heading, pickers, output);

  const [choices, comparison] = await Promise.all([
    versionChoices(usecase, repository).catch(() => []),
    to ? getJson(withRepository(`api/compare?${new URLSearchParams({ usecase, from, to })}`, repository)).then((data) => ({ data }), (error) => ({ error })) : Promise.resolve(null),
  ]);
  if (!context.stillCurrent()) return;

  const go = (nextFrom, nextTo) => context.replace(compareHash(usecase, nextFrom, nextTo, repository));
  const swap = h("button", { type: "button", class: "button", "data-testid": "compare-swap", text: "Swap", disabled: !to });
  swap.addEventListener("click", () => go(to, from));
  pickers.replaceChildren(
    picker("compare-from", "From", from, choices, (value) => value && go(value, to)),
    picker("compare-to", "To", to, choices, (value) => value && go(from, value)),
    h("div", { class: "field compare-actions" }, swap));
  const envOf = (reference) => String(reference).split("@", 1)[0];
  const storyEnv = to ? envOf(to) : envOf(from);
  const storyLink = h("a", { class: "view-link", href: useCaseHash(storyEnv, usecase, repository), text: `${usecase}'s story in ${storyEnv}` });

  if (!comparison) {
    output.replaceChildren(h("p", { class: "compare-hint", "data-testid": "compare-hint", text: "Choose the version to compare with." }));
    pickers.querySelector("#compare-to")?.focus();
    return;
  }
  if (comparison.error) {
    output.replaceChildren(h("p", { class: "view-error", role: "alert", "data-testid": "view-error", text: comparison.error.message }));
    return;
  }
  output.replaceChildren(...result(comparison.data).filter(Boolean), h("p", null, storyLink));
}
