// Live updates: the server's event stream (api/events), and polling while it is down or missing.
import { loadAlerts } from "./alerts.js";
import { getJsonResponse, normalizePage, timelineTag } from "./api.js";
import { loadUseCases } from "./filters.js";
import { showNewChanges } from "./notice.js";
import { loadRepositories } from "./repositories.js";
import { state } from "./state.js";
import { reloadView } from "./timeline.js";

export function startLiveUpdates() {
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && state.pollTimer) pollOnce();
  });
  if (typeof window.EventSource !== "function") {
    startPolling();
    return;
  }
  let source;
  try {
    source = new EventSource("api/events");
  } catch {
    startPolling();
    return;
  }
  source.addEventListener("open", () => {
    // After a dropped stream the server may be another process, whose versions are not comparable with the
    // list's: forget the list's version, so that the stream's "hello" loads everything again.
    if (state.sseFailed) state.listVersion = null;
    state.sseOpen = true;
    state.sseFailed = false;
    stopPolling();
  });
  // Each connection starts with the timeline version it follows. A scan that published between the list's
  // first load and this connection sent no "changes" event to this page: load again when the versions differ.
  source.addEventListener("hello", (event) => {
    const version = eventData(event)?.version ?? null;
    if (!state.loaded) {
      // The first load is under way: it compares when it ends.
      state.streamVersion = version;
      return;
    }
    if (version === null || version !== state.listVersion) updateEverything();
    else loadRepositories();
  });
  source.addEventListener("changes", (event) => onPublished(eventData(event)));
  // Only a repository's status changed (a first scan ended, a refresh failed): show it at once.
  source.addEventListener("status", () => {
    loadRepositories();
    loadAlerts();
  });
  source.addEventListener("error", () => {
    state.sseOpen = false;
    state.sseFailed = true;
    // The browser retries a dropped stream by itself; poll meanwhile (and for good if it gave up).
    startPolling();
  });
}

function eventData(event) {
  try {
    return JSON.parse(event.data) ?? {};
  } catch {
    return {};
  }
}

function onPublished(data) {
  const version = data?.version;
  if (version !== undefined && version !== null) {
    if (state.seenVersions.has(version)) return;
    state.seenVersions.add(version);
  }
  state.baseline = null;
  const count = Number(data?.new_changes);
  // A first scan publishes every change as new: the filling list says enough, without a notice. Until the
  // repositories have loaded, the page cannot tell, so it stays quiet too.
  const firstScan = state.repositories.length === 0 || state.repositories.some((repo) => repo.scanning);
  if (Number.isFinite(count) && count > 0 && !firstScan) showNewChanges(count);
  updateEverything();
}

// Loads the list, the repositories' status, the use cases and the alerts again.
export function updateEverything() {
  reloadView();
  loadAlerts();
  loadRepositories();
  loadUseCases();
}

function startPolling() {
  if (state.pollTimer) return;
  state.pollTimer = window.setInterval(pollOnce, state.pollMs);
  pollOnce();
}

function stopPolling() {
  if (!state.pollTimer) return;
  window.clearInterval(state.pollTimer);
  state.pollTimer = 0;
}

async function pollOnce() {
  if (state.pollBusy || document.hidden) return;
  state.pollBusy = true;
  try {
    const { data, response } = await getJsonResponse("api/changes?limit=1");
    const page = normalizePage(data);
    const tag = timelineTag(response);
    const latest = { sha: page.items[0]?.commit_sha ?? null, total: page.total };
    const before = state.baseline;
    state.baseline = latest;
    const moved = before !== null && (before.sha !== latest.sha || before.total !== latest.total);
    if (moved && latest.total > before.total) showNewChanges(latest.total - before.total);
    // The first poll has no baseline: the version tells whether a scan published since the list loaded. Only
    // the process that served the list counts (replicas number their versions each on their own).
    const behind = state.loaded && tag !== null && tag.instance === state.listInstance && tag.version !== state.listVersion;
    if (moved || behind) updateEverything();
  } catch {
    // Quiet: the next tick tries again, and the list keeps what it shows.
  } finally {
    state.pollBusy = false;
  }
}
