// The filter controls: their options from the use cases, their values from and to the URL.
import { getJson } from "./api.js";
import { h, ui } from "./dom.js";
import { FILTERS, hasActiveFilters, readFiltersFromUrl, state, writeFiltersToUrl } from "./state.js";
import { loadFirstPage } from "./timeline.js";

const SEARCH_DELAY_MS = 250;

export function applyFiltersToControls() {
  rebuildFilterOptions();
  ui.status.value = state.filters.status;
  if (ui.q.value !== state.filters.q) ui.q.value = state.filters.q;
  ui.clearFilters.hidden = !hasActiveFilters();
}

function setSelectOptions(select, options, selected) {
  const signature = JSON.stringify(options);
  if (select.dataset.signature !== signature) {
    select.replaceChildren(...options.map((option) => h("option", { value: option.value, text: option.label })));
    select.dataset.signature = signature;
  }
  select.value = selected;
}

function rebuildFilterOptions() {
  const { env, usecase } = state.filters;
  const environments = [...new Set(state.usecases.map((u) => u.environment).filter(Boolean))];
  environments.sort((a, b) => a.localeCompare(b));
  if (env && !environments.includes(env)) environments.push(env);
  setSelectOptions(ui.env, [
    { value: "", label: "All" },
    ...environments.map((name) => ({ value: name, label: name })),
  ], env);

  const byName = new Map();
  for (const u of state.usecases) {
    if (!u.usecase || (env && u.environment !== env)) continue;
    const removed = byName.has(u.usecase) ? byName.get(u.usecase) && Boolean(u.removed) : Boolean(u.removed);
    byName.set(u.usecase, removed);
  }
  if (usecase && !byName.has(usecase)) byName.set(usecase, false);
  const names = [...byName.keys()].sort((a, b) => a.localeCompare(b));
  setSelectOptions(ui.usecase, [
    { value: "", label: "All" },
    ...names.map((name) => ({ value: name, label: byName.get(name) ? `${name} (removed)` : name })),
  ], usecase);
}

function setFilter(name, value, push) {
  if (state.filters[name] === value) return;
  state.filters[name] = value;
  if (name === "env") rebuildFilterOptions();
  writeFiltersToUrl(push);
  ui.clearFilters.hidden = !hasActiveFilters();
  loadFirstPage();
}

function clearFilters() {
  window.clearTimeout(state.searchTimer);
  for (const name of FILTERS) state.filters[name] = "";
  applyFiltersToControls();
  writeFiltersToUrl(true);
  loadFirstPage();
}

export async function loadUseCases() {
  try {
    const data = await getJson("api/usecases");
    state.usecases = Array.isArray(data) ? data : [];
    rebuildFilterOptions();
  } catch {
    // The filters still work with what the URL holds; options come with the next update.
  }
}

// Reads the filters from the URL and lets the controls, the browser's history and the clear buttons change them.
export function startFilters() {
  readFiltersFromUrl();
  applyFiltersToControls();

  ui.env.addEventListener("change", () => setFilter("env", ui.env.value, true));
  ui.usecase.addEventListener("change", () => setFilter("usecase", ui.usecase.value, true));
  ui.status.addEventListener("change", () => setFilter("status", ui.status.value, true));
  ui.q.addEventListener("input", () => {
    window.clearTimeout(state.searchTimer);
    state.searchTimer = window.setTimeout(() => setFilter("q", ui.q.value.trim(), false), SEARCH_DELAY_MS);
  });
  ui.q.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    window.clearTimeout(state.searchTimer);
    setFilter("q", ui.q.value.trim(), false);
  });
  ui.clearFilters.addEventListener("click", clearFilters);
  ui.emptyClear.addEventListener("click", clearFilters);
  window.addEventListener("popstate", () => {
    readFiltersFromUrl();
    applyFiltersToControls();
    loadFirstPage();
  });
}
