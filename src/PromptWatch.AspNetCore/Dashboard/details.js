// The sections of an opened card: the unreadable file's error, the commit, the parameters and the prompt.
import { diffView } from "./diff.js";
import { badge, h, nextId, section, srOnly } from "./dom.js";
import { entryKind, hasDiffChanges } from "./entries.js";
import { absoluteTime, isBlank, parseDate, relativeTimeElement, valueNode } from "./format.js";
import { state } from "./state.js";

const PARAMETERS = ["model", "temperature", "top_k", "top_p", "max_tokens", "enabled"];

export function errorSection(entry) {
  const error = entry.error ?? {};
  const where = [];
  if (Number.isFinite(error.line)) where.push(`line ${error.line}`);
  if (Number.isFinite(error.column)) where.push(`column ${error.column}`);
  return h("div", { class: "error-box", role: "note" },
    h("p", { class: "error-title" }, "This version of ", h("code", { text: entry.file_path || "the values file" }),
      " could not be read", where.length ? ` (${where.join(", ")})` : "", "."),
    h("pre", { class: "error-message", text: error.message || "No error message was given." }));
}

function definition(term, ...content) {
  return [h("dt", { text: term }), h("dd", null, content)];
}

export function commitSection(entry) {
  const date = parseDate(entry.commit_date);
  const author = entry.commit_author_name || entry.commit_author_email
    ? [entry.commit_author_name ?? "", entry.commit_author_email
      ? h("span", { class: "email" }, entry.commit_author_name ? " <" : "", entry.commit_author_email,
        entry.commit_author_name ? ">" : "")
      : null]
    : null;
  return section("Commit", "section-commit",
    h("pre", { class: "commit-message", text: entry.commit_message || "(no message)" }),
    h("dl", { class: "facts" },
      author ? definition("Author", author) : null,
      definition("Date", date
        ? h("time", { datetime: entry.commit_date, title: entry.commit_date, text: absoluteTime(date) })
        : entry.commit_date || "unknown",
      date ? h("span", { class: "muted" }, " (", relativeTimeElement(entry.commit_date), ")") : null),
      entry.commit_sha ? definition("Commit", h("code", { class: "mono wrap", text: entry.commit_sha })) : null,
      entry.previous_commit_sha
        ? definition("Previous", h("code", { class: "mono wrap", text: entry.previous_commit_sha }))
        : null,
      entry.file_path ? definition("File", h("code", { class: "mono wrap", text: entry.file_path })) : null,
      entry.repository ? definition("Repository", entry.repository) : null));
}

function parameterRows(entry) {
  const changed = new Set(Array.isArray(entry.changed_fields) ? entry.changed_fields : []);
  const previous = entry.previous_values && typeof entry.previous_values === "object" ? entry.previous_values : {};
  const highlight = entryKind(entry) !== "added";
  const rows = PARAMETERS.map((field) => ({ field, value: entry[field] }));
  const extras = entry.extras && typeof entry.extras === "object" ? entry.extras : {};
  const extraNames = new Set(Object.keys(extras));
  for (const field of changed) if (field.startsWith("extras.")) extraNames.add(field.slice(7));
  for (const name of [...extraNames].sort((a, b) => a.localeCompare(b))) {
    rows.push({ field: `extras.${name}`, value: extras[name] ?? null });
  }
  return rows.map((row) => ({
    ...row,
    changed: highlight && changed.has(row.field),
    hasPrevious: Object.hasOwn(previous, row.field),
    previous: previous[row.field],
  }));
}

// A field name that may break after its dots and underscores, never inside a word.
function fieldName(field) {
  const code = h("code");
  for (const piece of field.split(/(?<=[._])/)) code.append(piece, h("wbr"));
  code.lastChild?.remove();
  return code;
}

export function parametersSection(entry) {
  const rows = parameterRows(entry).map((row) => {
    const field = row.field;
    let value;
    if (row.changed) {
      value = h("span", { class: "change" },
        srOnly("changed from "),
        row.hasPrevious ? valueNode(field, row.previous) : h("span", { class: "value-unset", text: "not set" }),
        h("span", { class: "arrow", "aria-hidden": "true", text: " → " }),
        srOnly(" to "),
        valueNode(field, row.value));
    } else {
      value = valueNode(field, row.value);
    }
    return h("tr", { class: row.changed ? "is-changed" : null },
      h("th", { scope: "row" }, fieldName(row.field), row.changed ? srOnly(" (changed)") : null), h("td", null, value));
  });
  return section("Parameters", "section-params",
    h("div", { class: "table-scroll" },
      h("table", { class: "params" },
        h("caption", { class: "visually-hidden", text: "Parameters; changed ones are highlighted" }),
        h("thead", null, h("tr", null, h("th", { scope: "col", text: "Name" }), h("th", { scope: "col", text: "Value" }))),
        h("tbody", null, rows))));
}

export function promptSection(entry, key) {
  const kind = entryKind(entry);
  const changed = kind === "changed" && Array.isArray(entry.changed_fields) && entry.changed_fields.includes("prompt");
  const headingId = nextId("section");
  const head = h("div", { class: "section-head" },
    h("h3", { class: "section-title", id: headingId, text: "Prompt" }),
    changed ? badge("badge-changed", "changed") : null);
  const body = [];
  body.push(isBlank(entry.prompt)
    ? h("p", { class: "muted", text: kind === "removed" ? "This use case was removed." : "No prompt." })
    : h("pre", { class: "prompt", tabindex: "0", "aria-label": "Prompt text", text: entry.prompt }));

  if (hasDiffChanges(entry)) {
    const diffId = nextId("diff");
    const open = state.diffOpen.has(key);
    const button = h("button", {
      type: "button",
      class: "button button-small",
      "data-testid": "diff-toggle",
      "data-focus": "diff-toggle",
      "aria-expanded": String(open),
      "aria-controls": diffId,
      text: open ? "Hide diff" : "Show diff",
    });
    const box = h("div", { class: "diff-box", id: diffId, hidden: !open });
    if (open) box.append(diffView(entry.diff));
    button.addEventListener("click", () => {
      const show = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(show));
      button.textContent = show ? "Hide diff" : "Show diff";
      if (show) {
        state.diffOpen.add(key);
        if (!box.hasChildNodes()) box.append(diffView(entry.diff));
      } else {
        state.diffOpen.delete(key);
      }
      box.hidden = !show;
    });
    head.append(button);
    body.push(box);
  }
  return h("section", { class: "detail-section section-prompt", "aria-labelledby": headingId }, head, body);
}
