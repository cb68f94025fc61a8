// What the page reads from a change entry of the API.

const KINDS = new Set(["added", "changed", "removed", "error"]);

export function entryKey(entry) {
  return [entry.repository ?? "", entry.commit_sha ?? "", entry.environment ?? "",
    entry.usecase ?? "", entry.file_path ?? "", entry.kind ?? ""].join("\u001f");
}

export function entryKind(entry) {
  return KINDS.has(entry.kind) ? entry.kind : "changed";
}

export function entryTitle(entry) {
  if (entry.usecase) return entry.usecase;
  return entryKind(entry) === "error" ? "Unreadable values file" : "Unnamed use case";
}

export function hasDiffChanges(entry) {
  return Array.isArray(entry.diff) && entry.diff.some((row) => row && row.kind !== "unchanged");
}
