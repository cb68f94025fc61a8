// The side-by-side prompt diff. A modified row's word-level highlights come from the server, which sends
// each side of the line in pieces (old_pieces, new_pieces: [{text, type}], type "unchanged" or not).
import { h, srOnly } from "./dom.js";

const ROW_KINDS = new Set(["unchanged", "inserted", "deleted", "modified"]);

// One side's pieces, or null when they are missing or do not make up the side's text.
function sideParts(pieces, text) {
  if (!Array.isArray(pieces) || !pieces.every((piece) => typeof piece?.text === "string")) return null;
  if (pieces.map((piece) => piece.text).join("") !== text) return null;
  return pieces.map((piece) => ({ text: piece.text, changed: piece.type !== "unchanged" }));
}

function commonLength(parts) {
  return parts.reduce((sum, part) => sum + (part.changed ? 0 : part.text.replace(/\s+/gu, "").length), 0);
}

// The word-level differences of a modified row, so the eye finds them; [null, null] shows each side whole.
function wordParts(row) {
  const oldText = String(row.old_text ?? "");
  const newText = String(row.new_text ?? "");
  const oldParts = sideParts(row.old_pieces, oldText);
  const newParts = sideParts(row.new_pieces, newText);
  if (!oldParts || !newParts) return [null, null];
  // Lines with little in common read better coloured as a whole.
  if (commonLength(oldParts) < 0.3 * Math.max(oldText.length, newText.length)) return [null, null];
  return [oldParts, newParts];
}

function diffTextCell(side, text, parts, rowKind) {
  if (text === null || text === undefined) return h("td", { class: `diff-text diff-${side} is-empty` });
  const cell = h("td", { class: `diff-text diff-${side}` });
  if (side === "old" && (rowKind === "deleted" || rowKind === "modified")) cell.append(srOnly("removed: "));
  if (side === "new" && (rowKind === "inserted" || rowKind === "modified")) cell.append(srOnly("added: "));
  if (parts) {
    for (const part of parts) {
      cell.append(part.changed ? h("mark", { class: "diff-word", text: part.text }) : part.text);
    }
  } else {
    cell.append(String(text));
  }
  return cell;
}

function diffNumberCell(side, number, text) {
  const empty = text === null || text === undefined;
  return h("td", { class: `diff-num diff-${side}${empty ? " is-empty" : ""}`, text: number ?? "" });
}

// `labels` ({old, new, caption}) name the two sides; by default a change's previous version and its commit.
export function diffView(rows, labels = {}) {
  const tbody = h("tbody");
  for (const row of rows) {
    if (!row) continue;
    const kind = ROW_KINDS.has(row.kind) ? row.kind : "unchanged";
    const [oldParts, newParts] = kind === "modified" ? wordParts(row) : [null, null];
    tbody.append(h("tr", { class: `diff-row row-${kind}` },
      diffNumberCell("old", row.old_number, row.old_text),
      diffTextCell("old", row.old_text, oldParts, kind),
      diffNumberCell("new", row.new_number, row.new_text),
      diffTextCell("new", row.new_text, newParts, kind)));
  }
  const table = h("table", { class: "diff", "data-testid": "diff" },
    h("caption", { class: "visually-hidden", text: labels.caption ?? "Prompt diff: the previous version and this commit, side by side" }),
    h("colgroup", null,
      h("col", { class: "col-num" }), h("col", { class: "col-text" }),
      h("col", { class: "col-num" }), h("col", { class: "col-text" })),
    h("thead", null, h("tr", null,
      h("th", { scope: "colgroup", colspan: "2", class: "diff-head-old", text: labels.old ?? "Previous" }),
      h("th", { scope: "colgroup", colspan: "2", class: "diff-head-new", text: labels.new ?? "This commit" }))),
    tbody);
  return h("div", { class: "diff-scroll" }, table);
}
