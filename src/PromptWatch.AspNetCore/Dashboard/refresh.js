// The header's buttons: "Refresh" (fetch and rescan now) and "Refresh results" (list the result stores now).
import { getJson } from "./api.js";
import { ui } from "./dom.js";
import { loadUseCases } from "./filters.js";
import { showNewChanges } from "./notice.js";
import { loadRepositories } from "./repositories.js";
import { state } from "./state.js";
import { reloadView } from "./timeline.js";

const STATUS_HIDE_MS = 5000;

function setRefreshStatus(text, isError) {
  window.clearTimeout(state.statusTimer);
  ui.refreshStatus.textContent = text;
  ui.refreshStatus.classList.toggle("is-error", Boolean(isError));
  if (text && !isError) {
    state.statusTimer = window.setTimeout(() => { ui.refreshStatus.textContent = ""; }, STATUS_HIDE_MS);
  }
}

export async function refresh() {
  if (state.refreshing) return;
  state.refreshing = true;
  ui.refresh.setAttribute("aria-disabled", "true");
  ui.refresh.classList.add("is-busy");
  ui.refreshLabel.textContent = "Refreshing…";
  setRefreshStatus("");
  try {
    const result = await getJson("api/refresh", { method: "POST" });
    const count = Number(result?.new_changes);
    if (Number.isFinite(count) && count > 0) {
      // With a live stream, its own event announces them.
      if (!state.sseOpen) showNewChanges(count);
    } else {
      setRefreshStatus("Up to date");
    }
    state.baseline = null;
    await Promise.all([reloadView(), loadRepositories(), loadUseCases()]);
  } catch (error) {
    // A repository that failed shows its error in the repository status: say it once, there.
    await loadRepositories();
    const shown = state.repositories.some((repo) => repo.last_scan_ok === false && repo.last_error);
    setRefreshStatus(shown ? "Refresh failed: see the repository status" : `Refresh failed: ${error instanceof Error ? error.message : "unknown error"}`, true);
  } finally {
    state.refreshing = false;
    ui.refresh.removeAttribute("aria-disabled");
    ui.refresh.classList.remove("is-busy");
    ui.refreshLabel.textContent = "Refresh";
  }
}

export async function refreshResults() {
  if (state.refreshingResults) return;
  state.refreshingResults = true;
  ui.refreshResults.setAttribute("aria-disabled", "true");
  ui.refreshResults.classList.add("is-busy");
  setRefreshStatus("");
  try {
    const result = await getJson("api/s3-refresh", { method: "POST" });
    setRefreshStatus(resultsStatus(Number(result?.updated_count) || 0, Number(result?.total_changes) || 0));
    state.baseline = null;
    await reloadView();
  } catch (error) {
    setRefreshStatus(`Refreshing results failed: ${error instanceof Error ? error.message : "unknown error"}`, true);
    await reloadView();
  } finally {
    state.refreshingResults = false;
    ui.refreshResults.removeAttribute("aria-disabled");
    ui.refreshResults.classList.remove("is-busy");
  }
}

// Shows "Refresh results" only when the server has result stores (its s3-debug endpoint exists).
export async function detectResultStores() {
  try {
    const data = await getJson("api/s3-debug");
    ui.refreshResults.hidden = !(Array.isArray(data?.stores) && data.stores.length > 0);
  } catch {
    ui.refreshResults.hidden = true;
  }
}

// What a results refresh found, saying what it counts: "26 of 73 changes have evaluation results".
export function resultsStatus(withResults, total) {
  const changes = total === 1 ? "change" : "changes";
  const verb = withResults === 1 ? "has" : "have";
  return `${withResults} of ${total} ${changes} ${verb} evaluation results`;
}
