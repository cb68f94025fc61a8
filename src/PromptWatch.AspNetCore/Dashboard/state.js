// The dashboard's state: the one object the modules share, and the filters' place in the page's URL.

export const FILTERS = ["env", "usecase", "status", "q"];
const STATUSES = new Set(["", "enabled", "disabled"]);
const DEFAULT_POLL_MS = 30000;
const MIN_POLL_MS = 1000;

export const state = {
  pollMs: DEFAULT_POLL_MS,
  filters: { env: "", usecase: "", status: "", q: "" },
  items: [],
  nextCursor: null,
  total: 0,
  loaded: false,
  generation: 0,
  controller: null,
  loadingMore: false,
  reloading: false,
  reloadAgain: false,
  cards: new Map(),
  expanded: new Set(),
  diffOpen: new Set(),
  usecases: [],
  repositories: [],
  sseOpen: false,
  sseFailed: false,
  pollTimer: 0,
  pollBusy: false,
  baseline: null,
  listVersion: null,
  listInstance: null,
  streamVersion: null,
  seenVersions: new Set(),
  newCount: 0,
  noticeTimer: 0,
  statusTimer: 0,
  searchTimer: 0,
  refreshing: false,
  refreshingResults: false,
};

export function readFiltersFromUrl() {
  const params = new URLSearchParams(window.location.search);
  for (const name of FILTERS) state.filters[name] = (params.get(name) ?? "").trim();
  if (!STATUSES.has(state.filters.status)) state.filters.status = "";
}

export function writeFiltersToUrl(push) {
  const params = new URLSearchParams(window.location.search);
  for (const name of FILTERS) {
    if (state.filters[name]) params.set(name, state.filters[name]);
    else params.delete(name);
  }
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
  if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

export function hasActiveFilters() {
  return FILTERS.some((name) => state.filters[name]);
}

// The host's poll interval, from <body data-poll-interval>.
export function readPollInterval() {
  const value = Number.parseInt(document.body.dataset.pollInterval ?? "", 10);
  if (!Number.isFinite(value)) return DEFAULT_POLL_MS;
  return Math.max(MIN_POLL_MS, value);
}
