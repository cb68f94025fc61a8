// The timeline: its pages loaded, reloaded in place, and drawn as a list of cards.
import { PAGE_SIZE, fetchPage } from "./api.js";
import { buildCard } from "./cards.js";
import { plural, ui } from "./dom.js";
import { renderEmptyState } from "./empty.js";
import { entryKey } from "./entries.js";
import { state } from "./state.js";

const MAX_RELOAD_PAGES = 100;

// ---------------------------------------------------------------- loading

function beginLoad() {
  state.generation += 1;
  state.controller?.abort();
  state.controller = new AbortController();
  return { generation: state.generation, signal: state.controller.signal };
}

export async function loadFirstPage() {
  const { generation, signal } = beginLoad();
  state.loadingMore = false;
  ui.list.setAttribute("aria-busy", "true");
  ui.loading.hidden = false;
  ui.empty.hidden = true;
  ui.loadMore.hidden = true;
  hideError();
  try {
    const page = await fetchPage(state.filters, null, signal);
    if (generation !== state.generation) return;
    state.items = page.items;
    state.nextCursor = page.nextCursor;
    state.total = page.total;
    state.listVersion = page.version;
    state.listInstance = page.instance;
    state.loaded = true;
    renderList({ preserveScroll: false, markNew: false });
    catchUpWithStream();
  } catch (error) {
    if (error?.name === "AbortError" || generation !== state.generation) return;
    state.items = [];
    state.nextCursor = null;
    state.total = 0;
    renderList({ preserveScroll: false, markNew: false });
    ui.empty.hidden = true;
    showError(error);
  } finally {
    if (generation === state.generation) {
      ui.list.removeAttribute("aria-busy");
      ui.loading.hidden = true;
    }
  }
}

export async function loadMore() {
  if (!state.nextCursor || state.loadingMore) return;
  const generation = state.generation;
  const signal = state.controller?.signal;
  state.loadingMore = true;
  ui.loadMore.setAttribute("aria-disabled", "true");
  ui.loadMore.textContent = "Loading…";
  const before = new Set(state.cards.keys());
  try {
    const page = await fetchPage(state.filters, state.nextCursor, signal);
    if (generation !== state.generation) return;
    state.items = state.items.concat(page.items);
    state.nextCursor = page.nextCursor;
    state.total = page.total;
    hideError();
    renderList({ preserveScroll: false, markNew: false });
    if (ui.loadMore.hidden) {
      // The button went away with the last page: keep focus in the list.
      const first = [...state.cards.entries()].find(([key]) => !before.has(key));
      first?.[1].node.querySelector(".card-toggle")?.focus();
    }
  } catch (error) {
    if (error?.name === "AbortError" || generation !== state.generation) return;
    showError(error);
  } finally {
    if (generation === state.generation) state.loadingMore = false;
    ui.loadMore.removeAttribute("aria-disabled");
    ui.loadMore.textContent = "Load more";
  }
}

// The event stream connected while the first load was under way; if it follows a newer timeline than the list
// shows (or the list's version is unknown), the "changes" event that would have said so came before it.
function catchUpWithStream() {
  const streamVersion = state.streamVersion;
  state.streamVersion = null;
  if (streamVersion !== null && (state.listVersion === null || state.listVersion < streamVersion)) reloadView();
}

// Loads the current view again (same filters, at least as many entries as shown) and updates
// the list in place, so opened cards, diffs, focus and the scroll position stay as they were.
export async function reloadView() {
  if (state.reloading) {
    state.reloadAgain = true;
    return;
  }
  state.reloading = true;
  try {
    do {
      state.reloadAgain = false;
      if (!state.loaded) {
        await loadFirstPage();
        continue;
      }
      const generation = state.generation;
      const signal = state.controller?.signal;
      const shown = state.items.length;
      const first = await fetchPage(state.filters, null, signal);
      if (generation !== state.generation) break;
      const wanted = Math.max(PAGE_SIZE, shown + Math.max(0, first.total - state.total));
      let items = first.items;
      let cursor = first.nextCursor;
      let pages = 1;
      while (cursor && items.length < wanted && pages < MAX_RELOAD_PAGES) {
        const page = await fetchPage(state.filters, cursor, signal);
        if (generation !== state.generation) return;
        items = items.concat(page.items);
        cursor = page.nextCursor;
        pages += 1;
      }
      if (generation !== state.generation) break;
      state.items = items;
      state.nextCursor = cursor;
      state.total = first.total;
      state.listVersion = first.version;
      state.listInstance = first.instance;
      hideError();
      renderList({ preserveScroll: true, markNew: true });
    } while (state.reloadAgain);
  } catch (error) {
    if (error?.name !== "AbortError") showError(error);
  } finally {
    state.reloading = false;
  }
}

// ---------------------------------------------------------------- rendering

function findScrollAnchor() {
  if (window.scrollY < 8) return null;
  for (const node of ui.list.children) {
    const rect = node.getBoundingClientRect();
    if (rect.bottom > 0) return { key: node.dataset.key, top: rect.top };
  }
  return null;
}

function renderList({ preserveScroll, markNew }) {
  const anchor = preserveScroll ? findScrollAnchor() : null;
  const active = document.activeElement;
  const activeCard = active && ui.list.contains(active) ? active.closest(".card") : null;
  const focus = activeCard
    ? { key: activeCard.dataset.key, role: active.dataset.focus || "toggle", node: active }
    : null;

  const seen = new Map();
  const keyed = [];
  for (const entry of state.items) {
    if (!entry || typeof entry !== "object") continue;
    let key = entryKey(entry);
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    if (count > 0) key = `${key}\u001f${count}`;
    keyed.push({ entry, key });
  }
  // New arrivals are the unknown entries above the last one already shown; those below it
  // only fill the page.
  let lastKnown = -1;
  keyed.forEach(({ key }, index) => {
    if (state.cards.has(key)) lastKnown = index;
  });
  const wanted = keyed.map(({ entry, key }, index) => {
    const json = JSON.stringify(entry);
    const old = state.cards.get(key);
    if (old && old.json === json) return old;
    const record = { node: buildCard(entry, key), json, entry };
    const arrived = markNew && !old && index < lastKnown;
    if (arrived || old?.node.classList.contains("is-new")) record.node.classList.add("is-new");
    state.cards.set(key, record);
    return record;
  });
  const keep = new Set(wanted.map((record) => record.node));
  for (const [key, record] of state.cards) {
    if (!keep.has(record.node)) state.cards.delete(key);
  }
  for (const node of [...ui.list.children]) {
    if (!keep.has(node)) node.remove();
  }
  // Insert in order, moving as few nodes as possible (a moved node loses focus).
  let reference = ui.list.firstChild;
  for (const record of wanted) {
    if (record.node === reference) {
      reference = reference.nextSibling;
    } else {
      ui.list.insertBefore(record.node, reference);
    }
  }
  while (reference) {
    const next = reference.nextSibling;
    reference.remove();
    reference = next;
  }

  if (focus && !focus.node.isConnected) {
    const node = state.cards.get(focus.key)?.node;
    const target = node?.querySelector(`[data-focus="${focus.role}"]`) ?? node?.querySelector(".card-toggle");
    target?.focus({ preventScroll: true });
  }
  if (anchor) {
    const node = state.cards.get(anchor.key)?.node;
    if (node?.isConnected) {
      const delta = node.getBoundingClientRect().top - anchor.top;
      if (Math.abs(delta) > 0.5) window.scrollBy(0, delta);
    }
  }
  updateListChrome();
}

function updateListChrome() {
  const shown = state.cards.size;
  ui.loadMore.hidden = !state.nextCursor;
  if (!state.loaded) {
    ui.count.textContent = "";
  } else if (state.total === 0 && shown === 0) {
    ui.count.textContent = "";
  } else {
    const total = Math.max(state.total, shown);
    ui.count.textContent = shown >= total
      ? `${plural(total, "change")}`
      : `Showing ${shown} of ${plural(total, "change")}`;
  }
  const empty = state.loaded && shown === 0 && ui.error.hidden;
  ui.empty.hidden = !empty;
  if (empty) renderEmptyState();
}

function showError(error) {
  ui.errorText.textContent = error instanceof Error && error.message ? error.message : "Unknown error.";
  ui.error.hidden = false;
  ui.empty.hidden = true;
}

function hideError() {
  ui.error.hidden = true;
}
