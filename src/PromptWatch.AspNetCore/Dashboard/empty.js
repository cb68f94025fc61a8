// The timeline's empty state. With a filter set, nothing matches it; without one, it says why nothing was found:
// which files each repository watches, whether each exists at the tip, whether it holds a use case, and how to
// watch others.
import { ui } from "./dom.js";
import { hasActiveFilters, state } from "./state.js";

export function renderEmptyState() {
  const filtered = hasActiveFilters();
  const title = ui.empty.querySelector(".state-title");
  ui.emptyClear.hidden = !filtered;
  if (filtered) {
    title.textContent = "No changes match these filters";
    ui.emptyText.textContent = "Try another environment, use case, status or search.";
    return;
  }
  title.textContent = "No changes yet";
  const reasons = state.repositories.map(explain).filter(Boolean);
  ui.emptyText.textContent = reasons.length > 0
    ? reasons.join(" ")
    : "No change to a watched values file has been found yet.";
}

function explain(repo, index) {
  const files = Array.isArray(repo.watched_files) ? repo.watched_files : [];
  if (files.length === 0) return "";
  const where = `the tip of ${repo.branch || "the branch"}`;
  const of = state.repositories.length > 1 ? ` of ${repo.name || repo.display_name || "a repository"}` : "";
  const watched = files.map(describe).join(", ");
  const how = `set GIT_WATCHED_FILES or PromptWatch:Repositories:${index}:Files.`;
  if (files.every((file) => !file.exists)) return `None of the watched files${of} exist at ${where}: watched ${watched}; ${how}`;
  if (files.every((file) => !file.use_cases)) return `None of the watched files${of} hold a use case at ${where}: watched ${watched}; ${how}`;
  return "";
}

function describe(file) {
  if (!file.exists) return `${file.path} (missing)`;
  const count = file.use_cases === 1 ? "1 use case" : `${file.use_cases} use cases`;
  return `${file.path} (${count})`;
}
