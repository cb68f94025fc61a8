"use strict";

// PromptWatch dashboard: a timeline of prompt and parameter changes read from the API next to
// this page (api/...). Plain DOM, no framework; every piece of data reaches the page through
// textContent or attributes, never as markup.
(() => {
  const PAGE_SIZE = 50;
  const DEFAULT_POLL_MS = 30000;
  const MIN_POLL_MS = 1000;
  const SEARCH_DELAY_MS = 250;
  const NOTICE_HIDE_MS = 30000;
  const STATUS_HIDE_MS = 5000;
  const MAX_RELOAD_PAGES = 100;
  const FILTERS = ["env", "usecase", "status", "q"];
  const STATUSES = new Set(["", "enabled", "disabled"]);
  const KINDS = new Set(["added", "changed", "removed", "error"]);
  const ROW_KINDS = new Set(["unchanged", "inserted", "deleted", "modified"]);
  const PARAMETERS = ["model", "temperature", "top_k", "top_p", "max_tokens", "enabled"];
  const KNOWN_ENVIRONMENTS = new Set(["test", "prod"]);

  const ui = {};

  const state = {
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
    idSeq: 0,
  };

  // ---------------------------------------------------------------- DOM helpers

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (name === "class") node.className = value;
        else if (name === "text") node.textContent = value;
        else if (name === "hidden") node.hidden = true;
        else node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    appendAll(node, children);
    return node;
  }

  function appendAll(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
  }

  function srOnly(text) {
    return h("span", { class: "visually-hidden", text });
  }

  function nextId(prefix) {
    state.idSeq += 1;
    return `${prefix}-${state.idSeq}`;
  }

  function plural(count, word) {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
  }

  function prefersReducedMotion() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  // ---------------------------------------------------------------- formatting

  const absoluteFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const RELATIVE_UNITS = [
    ["year", 365 * 24 * 3600],
    ["month", 30 * 24 * 3600],
    ["week", 7 * 24 * 3600],
    ["day", 24 * 3600],
    ["hour", 3600],
    ["minute", 60],
  ];

  function parseDate(text) {
    if (!text) return null;
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  function relativeTime(date) {
    const seconds = (date.getTime() - Date.now()) / 1000;
    const magnitude = Math.abs(seconds);
    if (magnitude < 45) return "just now";
    for (const [unit, size] of RELATIVE_UNITS) {
      if (magnitude >= size) return relativeFormat.format(Math.round(seconds / size), unit);
    }
    return relativeFormat.format(Math.round(seconds / 60), "minute");
  }

  function absoluteTime(date) {
    return absoluteFormat.format(date);
  }

  // A <time> that shows a relative date and is kept current; the absolute one is in its title.
  function relativeTimeElement(iso, className) {
    const date = parseDate(iso);
    if (!date) return h("span", { class: className, text: iso || "unknown date" });
    return h("time", {
      class: className,
      datetime: iso,
      title: absoluteTime(date),
      "data-relative": "",
      text: relativeTime(date),
    });
  }

  function updateRelativeTimes() {
    for (const node of document.querySelectorAll("time[data-relative]")) {
      const date = parseDate(node.getAttribute("datetime"));
      if (date) node.textContent = relativeTime(date);
    }
  }

  function firstLine(text) {
    return String(text ?? "").split(/\r?\n/, 1)[0].trim();
  }

  function shortSha(sha) {
    return sha ? String(sha).slice(0, 7) : "";
  }

  function isBlank(value) {
    return value === null || value === undefined || value === "";
  }

  function displayValue(field, value) {
    if (isBlank(value)) return null;
    if (field === "enabled") {
      const text = String(value).toLowerCase();
      if (value === true || text === "true") return "enabled";
      if (value === false || text === "false") return "disabled";
    }
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  function valueNode(field, value) {
    const text = displayValue(field, value);
    if (text === null) return h("span", { class: "value-unset", text: "not set" });
    return h("span", { class: "value", text });
  }

  function entryKey(entry) {
    return [entry.repository ?? "", entry.commit_sha ?? "", entry.environment ?? "",
      entry.usecase ?? "", entry.file_path ?? "", entry.kind ?? ""].join("\u001f");
  }

  function entryKind(entry) {
    return KINDS.has(entry.kind) ? entry.kind : "changed";
  }

  function entryTitle(entry) {
    if (entry.usecase) return entry.usecase;
    return entryKind(entry) === "error" ? "Unreadable values file" : "Unnamed use case";
  }

  function hasDiffChanges(entry) {
    return Array.isArray(entry.diff) && entry.diff.some((row) => row && row.kind !== "unchanged");
  }

  function safeHref(url) {
    if (typeof url !== "string" || url.trim() === "") return null;
    try {
      const parsed = new URL(url, document.baseURI);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : null;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {}

  async function getJson(url, options = {}) {
    return (await getJsonResponse(url, options)).data;
  }

  // The parsed body with the response, for callers that read its headers too.
  async function getJsonResponse(url, options = {}) {
    let response;
    try {
      response = await fetch(url, {
        ...options,
        headers: { Accept: "application/json", ...(options.headers ?? {}) },
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (error) {
      if (error && error.name === "AbortError") throw error;
      throw new ApiError("The server could not be reached.");
    }
    if (!response.ok) {
      let detail = "";
      try {
        const text = await response.text();
        try {
          const body = JSON.parse(text);
          detail = body.detail || body.error || body.message || body.title || "";
        } catch {
          detail = text.length <= 200 ? text : "";
        }
      } catch {
        detail = "";
      }
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
      throw new ApiError(detail ? `${status}: ${String(detail).trim()}` : `The server answered ${status}.`);
    }
    try {
      return { data: await response.json(), response };
    } catch {
      throw new ApiError("The server sent a reply that is not JSON.");
    }
  }

  function normalizePage(data) {
    if (Array.isArray(data)) return { items: data, nextCursor: null, total: data.length };
    const items = Array.isArray(data?.items) ? data.items : [];
    const total = Number.isFinite(data?.total) ? data.total : items.length;
    return { items, nextCursor: data?.next_cursor || null, total };
  }

  function changesUrl(cursor) {
    const params = new URLSearchParams();
    params.set("limit", String(PAGE_SIZE));
    if (cursor) params.set("cursor", cursor);
    for (const name of FILTERS) {
      const value = state.filters[name];
      if (value) params.set(name, value);
    }
    return `api/changes?${params}`;
  }

  async function fetchPage(cursor, signal) {
    const { data, response } = await getJsonResponse(changesUrl(cursor), { signal });
    const tag = timelineTag(response);
    return { ...normalizePage(data), instance: tag?.instance ?? null, version: tag?.version ?? null };
  }

  // The server process and timeline version a list response shows, read from its ETag ("pw-<instance>-<version>");
  // null when the ETag is missing or not ours (a proxy may drop or replace it).
  function timelineTag(response) {
    const match = /^(?:W\/)?"pw-([0-9a-f]+)-(\d+)"$/.exec(response.headers.get("ETag") ?? "");
    return match ? { instance: match[1], version: Number(match[2]) } : null;
  }

  // ---------------------------------------------------------------- filters and URL

  function readFiltersFromUrl() {
    const params = new URLSearchParams(window.location.search);
    for (const name of FILTERS) state.filters[name] = (params.get(name) ?? "").trim();
    if (!STATUSES.has(state.filters.status)) state.filters.status = "";
  }

  function writeFiltersToUrl(push) {
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

  function hasActiveFilters() {
    return FILTERS.some((name) => state.filters[name]);
  }

  function applyFiltersToControls() {
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

  // ---------------------------------------------------------------- list loading

  function beginLoad() {
    state.generation += 1;
    state.controller?.abort();
    state.controller = new AbortController();
    return { generation: state.generation, signal: state.controller.signal };
  }

  async function loadFirstPage() {
    const { generation, signal } = beginLoad();
    state.loadingMore = false;
    ui.list.setAttribute("aria-busy", "true");
    ui.loading.hidden = false;
    ui.empty.hidden = true;
    ui.loadMore.hidden = true;
    hideError();
    try {
      const page = await fetchPage(null, signal);
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

  async function loadMore() {
    if (!state.nextCursor || state.loadingMore) return;
    const generation = state.generation;
    const signal = state.controller?.signal;
    state.loadingMore = true;
    ui.loadMore.setAttribute("aria-disabled", "true");
    ui.loadMore.textContent = "Loading…";
    const before = new Set(state.cards.keys());
    try {
      const page = await fetchPage(state.nextCursor, signal);
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
  async function reloadView() {
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
        const first = await fetchPage(null, signal);
        if (generation !== state.generation) break;
        const wanted = Math.max(PAGE_SIZE, shown + Math.max(0, first.total - state.total));
        let items = first.items;
        let cursor = first.nextCursor;
        let pages = 1;
        while (cursor && items.length < wanted && pages < MAX_RELOAD_PAGES) {
          const page = await fetchPage(cursor, signal);
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

  // ---------------------------------------------------------------- list rendering

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
    if (empty) {
      const filtered = hasActiveFilters();
      ui.emptyText.textContent = filtered
        ? "Try another environment, use case, status or search."
        : "No change to a watched values file has been found yet.";
      ui.emptyClear.hidden = !filtered;
    }
  }

  function showError(error) {
    ui.errorText.textContent = error instanceof Error && error.message ? error.message : "Unknown error.";
    ui.error.hidden = false;
    ui.empty.hidden = true;
  }

  function hideError() {
    ui.error.hidden = true;
  }

  // ---------------------------------------------------------------- cards

  function badge(className, text, title) {
    return h("span", { class: `badge ${className}`, text, title });
  }

  function environmentBadge(name) {
    const env = String(name ?? "");
    const known = KNOWN_ENVIRONMENTS.has(env.toLowerCase());
    return h("span", {
      class: `badge badge-env ${known ? `env-${env.toLowerCase()}` : "env-other"}`,
      title: `Environment: ${env || "unknown"}`,
    }, srOnly("Environment: "), env || "unknown");
  }

  function kindBadge(kind) {
    return h("span", { class: `badge badge-kind kind-${kind}` }, srOnly("Change: "), kind);
  }

  function enabledBadge(enabled) {
    const on = enabled === true;
    return h("span", { class: `badge badge-state ${on ? "state-on" : "state-off"}` },
      h("span", { class: "state-dot", "aria-hidden": "true" }), on ? "enabled" : "disabled");
  }

  function metaItem(label, content, className) {
    return h("span", { class: `meta-item${className ? ` ${className}` : ""}` },
      label ? h("span", { class: "meta-label", text: label }) : null, content);
  }

  function buildCard(entry, key) {
    const kind = entryKind(entry);
    const id = nextId("card");
    const detailsId = `${id}-details`;
    const expanded = state.expanded.has(key);
    const sha = entry.commit_sha ?? "";

    const toggle = h("button", {
      type: "button",
      class: "card-toggle",
      "aria-expanded": String(expanded),
      "aria-controls": detailsId,
      "data-focus": "toggle",
    }, h("span", { class: "chevron", "aria-hidden": "true" }), h("span", { class: "card-name", text: entryTitle(entry) }));

    const badges = h("span", { class: "badges" },
      environmentBadge(entry.environment),
      kindBadge(kind),
      entry.show_enabled === true ? enabledBadge(entry.enabled) : null,
      entry.has_eval_results === true ? badge("badge-eval", "eval results", "This commit has evaluation results") : null,
      entry.eval_results_status === "unknown" ? badge("badge-eval-unknown", "results unknown", "The result store could not be read: there may be results") : null);

    const message = firstLine(entry.commit_message);
    const date = parseDate(entry.commit_date);

    const meta = h("div", { class: "card-meta" },
      entry.model ? metaItem("model", h("span", { class: "mono model", text: entry.model })) : null,
      sha ? metaItem(null, h("code", { class: "sha", title: sha, text: entry.commit_hash || shortSha(sha) }), "meta-sha") : null,
      entry.commit_author_name ? metaItem(null, h("span", { class: "author", text: entry.commit_author_name })) : null,
      metaItem(null, h("span", { class: "when" },
        relativeTimeElement(entry.commit_date, "when-relative"),
        date ? h("span", { class: "when-absolute" }, srOnly(", "), absoluteTime(date)) : null)),
      showRepositoryNames() && entry.repository ? metaItem("repo", h("span", { text: entry.repository })) : null);

    const changed = kind === "changed" && Array.isArray(entry.changed_fields) && entry.changed_fields.length > 0
      ? h("p", { class: "card-fields" }, h("span", { class: "meta-label", text: "changed" }),
        entry.changed_fields.map((field) => h("code", { class: "chip", text: field })))
      : null;

    const errorLine = kind === "error" && entry.error?.message
      ? h("p", { class: "card-error-line", text: firstLine(entry.error.message) })
      : null;

    const head = h("div", { class: "card-head" },
      h("div", { class: "card-title-row" }, h("h2", { class: "card-title" }, toggle), badges),
      message ? h("p", { class: "card-message", text: message }) : null,
      errorLine,
      meta,
      changed);

    const details = h("div", { class: "card-details", id: detailsId, hidden: !expanded });

    const node = h("li", {
      class: `card card-${kind}${expanded ? " is-open" : ""}`,
      "data-testid": "change-card",
      "data-env": entry.environment ?? "",
      "data-usecase": entry.usecase ?? "",
      "data-sha": sha,
      "data-kind": kind,
      "data-key": key,
    }, head, details);

    const setExpanded = (open) => {
      toggle.setAttribute("aria-expanded", String(open));
      node.classList.toggle("is-open", open);
      node.classList.remove("is-new");
      if (open) {
        state.expanded.add(key);
        if (!details.hasChildNodes()) fillDetails(details, entry, key);
        details.hidden = false;
      } else {
        state.expanded.delete(key);
        details.hidden = true;
      }
    };
    toggle.addEventListener("click", () => setExpanded(toggle.getAttribute("aria-expanded") !== "true"));
    head.addEventListener("click", (event) => {
      if (event.target.closest("button, a, input, select")) return;
      if (String(window.getSelection?.() ?? "").length > 0) return;
      setExpanded(toggle.getAttribute("aria-expanded") !== "true");
    });
    if (expanded) fillDetails(details, entry, key);
    return node;
  }

  function showRepositoryNames() {
    return state.repositories.length > 1;
  }

  function section(title, className, ...content) {
    const headingId = nextId("section");
    return h("section", { class: `detail-section ${className}`, "aria-labelledby": headingId },
      h("h3", { class: "section-title", id: headingId, text: title }), content);
  }

  function fillDetails(container, entry, key) {
    const kind = entryKind(entry);
    container.replaceChildren();
    appendAll(container, [
      kind === "error" ? errorSection(entry) : null,
      h("div", { class: "details-grid" }, commitSection(entry), parametersSection(entry)),
      promptSection(entry, key),
      evaluationSection(entry),
    ]);
  }

  function errorSection(entry) {
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

  function commitSection(entry) {
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

  function parametersSection(entry) {
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

  function promptSection(entry, key) {
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

  // ---------------------------------------------------------------- diff

  function tokenize(text) {
    return text.match(/\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];
  }

  function pushPart(parts, text, changed) {
    const last = parts.at(-1);
    if (last && last.changed === changed) last.text += text;
    else parts.push({ text, changed });
  }

  // Word-level differences between the two sides of a modified row, so the eye finds them.
  function wordDiff(oldText, newText) {
    const a = tokenize(oldText);
    const b = tokenize(newText);
    const whole = [[{ text: oldText, changed: false }], [{ text: newText, changed: false }]];
    if (a.length === 0 || b.length === 0 || a.length * b.length > 250000) return whole;
    const table = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
    for (let i = a.length - 1; i >= 0; i -= 1) {
      for (let j = b.length - 1; j >= 0; j -= 1) {
        table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    const oldParts = [];
    const newParts = [];
    let common = 0;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) {
        pushPart(oldParts, a[i], false);
        pushPart(newParts, b[j], false);
        if (a[i].trim()) common += a[i].length;
        i += 1;
        j += 1;
      } else if (table[i + 1][j] >= table[i][j + 1]) {
        pushPart(oldParts, a[i], true);
        i += 1;
      } else {
        pushPart(newParts, b[j], true);
        j += 1;
      }
    }
    while (i < a.length) pushPart(oldParts, a[i++], true);
    while (j < b.length) pushPart(newParts, b[j++], true);
    // Lines with little in common read better coloured as a whole.
    if (common < 0.3 * Math.max(oldText.length, newText.length)) return whole;
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

  function diffView(rows) {
    const tbody = h("tbody");
    for (const row of rows) {
      if (!row) continue;
      const kind = ROW_KINDS.has(row.kind) ? row.kind : "unchanged";
      const [oldParts, newParts] = kind === "modified"
        ? wordDiff(String(row.old_text ?? ""), String(row.new_text ?? ""))
        : [null, null];
      tbody.append(h("tr", { class: `diff-row row-${kind}` },
        diffNumberCell("old", row.old_number, row.old_text),
        diffTextCell("old", row.old_text, oldParts, kind),
        diffNumberCell("new", row.new_number, row.new_text),
        diffTextCell("new", row.new_text, newParts, kind)));
    }
    const table = h("table", { class: "diff", "data-testid": "diff" },
      h("caption", { class: "visually-hidden", text: "Prompt diff: the previous version and this commit, side by side" }),
      h("colgroup", null,
        h("col", { class: "col-num" }), h("col", { class: "col-text" }),
        h("col", { class: "col-num" }), h("col", { class: "col-text" })),
      h("thead", null, h("tr", null,
        h("th", { scope: "colgroup", colspan: "2", class: "diff-head-old", text: "Previous" }),
        h("th", { scope: "colgroup", colspan: "2", class: "diff-head-new", text: "This commit" }))),
      tbody);
    return h("div", { class: "diff-scroll" }, table);
  }

  // ---------------------------------------------------------------- evaluation results

  function evaluationSection(entry) {
    const links = [];
    if (entry.has_eval_results) {
      const direct = safeHref(entry.eval_direct_url);
      if (direct) {
        links.push(h("li", null, h("a", {
          class: "eval-link eval-main", href: direct, target: "_blank", rel: "noopener noreferrer",
        }, "Main report")));
      }
      for (const result of Array.isArray(entry.eval_results) ? entry.eval_results : []) {
        const href = safeHref(result?.url);
        if (!href) continue;
        links.push(h("li", null,
          h("a", { class: "eval-link", href, target: "_blank", rel: "noopener noreferrer", text: result.name || href }),
          result.kind ? badge("badge-result", String(result.kind).toLowerCase()) : null));
      }
      const all = safeHref(entry.eval_results_url);
      if (all) {
        links.push(h("li", null, h("a", {
          class: "eval-link eval-all", href: all, target: "_blank", rel: "noopener noreferrer",
        }, "View results")));
      }
    }
    const empty = entry.eval_results_status === "unknown"
      ? "Results unknown: the result store could not be read. Try “Refresh results”."
      : "No evaluation results for this commit";
    return section("Evaluation results", "section-eval",
      links.length
        ? h("ul", { class: "eval-list" }, links)
        : h("p", { class: "muted", "data-testid": "eval-empty", text: empty }));
  }

  // ---------------------------------------------------------------- repositories and use cases

  async function loadRepositories() {
    try {
      const data = await getJson("api/repositories");
      state.repositories = Array.isArray(data) ? data : [];
      renderRepositories();
    } catch (error) {
      if (state.repositories.length === 0) {
        ui.repoStatus.replaceChildren(h("span", { class: "repo-error", text: "Repository status unavailable" }));
      }
    }
  }

  function renderRepositories() {
    if (state.repositories.length === 0) {
      ui.repoStatus.replaceChildren(h("span", { class: "muted", text: "No repository configured" }));
      return;
    }
    const parts = state.repositories.map((repo) => {
      const failed = repo.last_scan_ok === false;
      const lastScan = parseDate(repo.last_scan);
      return h("span", { class: `repo${failed ? " repo-failed" : ""}` },
        h("span", { class: "repo-where" },
          h("span", { class: "repo-dot", "aria-hidden": "true" }),
          h("span", { class: "repo-name", title: repo.display_name || "", text: repo.name || repo.display_name || "repository" }),
          repo.branch ? h("span", { class: "repo-branch", title: "Branch", text: repo.branch }) : null,
          repo.tip_sha
            ? h("span", { class: "repo-tip" }, "@ ", h("code", { class: "sha", title: repo.tip_sha, text: shortSha(repo.tip_sha) }))
            : null),
        h("span", { class: "repo-scan" },
          lastScan ? ["scanned ", relativeTimeElement(repo.last_scan)] : repo.scanning ? "scanning…" : "not scanned yet"),
        failed
          ? h("span", { class: "repo-error" }, "Last scan failed", repo.last_error ? `: ${firstLine(repo.last_error)}` : "")
          : null);
    });
    ui.repoStatus.replaceChildren(...parts);
    const failed = state.repositories.filter((repo) => repo.last_scan_ok === false && repo.last_error);
    ui.repoStatus.title = failed.map((repo) => `${repo.display_name || repo.name}: ${repo.last_error}`).join("\n");
  }

  async function loadUseCases() {
    try {
      const data = await getJson("api/usecases");
      state.usecases = Array.isArray(data) ? data : [];
      rebuildFilterOptions();
    } catch {
      // The filters still work with what the URL holds; options come with the next update.
    }
  }

  // ---------------------------------------------------------------- live updates

  function startLiveUpdates() {
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
    source.addEventListener("status", () => loadRepositories());
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

  function updateEverything() {
    reloadView();
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

  function showNewChanges(count) {
    state.newCount += count;
    ui.noticeText.textContent = `${plural(state.newCount, "new change")}`;
    ui.notice.hidden = false;
    scheduleNoticeHide();
  }

  function scheduleNoticeHide() {
    window.clearTimeout(state.noticeTimer);
    state.noticeTimer = window.setTimeout(() => {
      if (ui.notice.matches(":hover, :focus-within")) scheduleNoticeHide();
      else hideNotice();
    }, NOTICE_HIDE_MS);
  }

  function hideNotice() {
    window.clearTimeout(state.noticeTimer);
    const hadFocus = ui.notice.contains(document.activeElement);
    ui.notice.hidden = true;
    state.newCount = 0;
    for (const node of ui.list.querySelectorAll(".card.is-new")) node.classList.remove("is-new");
    if (hadFocus) ui.list.focus({ preventScroll: true });
  }

  function showNewCards() {
    const first = ui.list.querySelector(".card.is-new") ?? ui.list.firstElementChild;
    window.scrollTo({ top: 0, behavior: prefersReducedMotion() ? "auto" : "smooth" });
    first?.querySelector(".card-toggle")?.focus({ preventScroll: true });
    window.clearTimeout(state.noticeTimer);
    ui.notice.hidden = true;
    state.newCount = 0;
  }

  // ---------------------------------------------------------------- refresh

  function setRefreshStatus(text, isError) {
    window.clearTimeout(state.statusTimer);
    ui.refreshStatus.textContent = text;
    ui.refreshStatus.classList.toggle("is-error", Boolean(isError));
    if (text && !isError) {
      state.statusTimer = window.setTimeout(() => { ui.refreshStatus.textContent = ""; }, STATUS_HIDE_MS);
    }
  }

  async function refresh() {
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
      setRefreshStatus(`Refresh failed: ${error instanceof Error ? error.message : "unknown error"}`, true);
    } finally {
      state.refreshing = false;
      ui.refresh.removeAttribute("aria-disabled");
      ui.refresh.classList.remove("is-busy");
      ui.refreshLabel.textContent = "Refresh";
    }
  }

  async function refreshResults() {
    if (state.refreshingResults) return;
    state.refreshingResults = true;
    ui.refreshResults.setAttribute("aria-disabled", "true");
    ui.refreshResults.classList.add("is-busy");
    setRefreshStatus("");
    try {
      const result = await getJson("api/s3-refresh", { method: "POST" });
      setRefreshStatus(`Results: ${Number(result?.updated_count) || 0} of ${Number(result?.total_changes) || 0} changes`);
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
  async function detectResultStores() {
    try {
      const data = await getJson("api/s3-debug");
      ui.refreshResults.hidden = !(Array.isArray(data?.stores) && data.stores.length > 0);
    } catch {
      ui.refreshResults.hidden = true;
    }
  }

  // ---------------------------------------------------------------- start

  function readPollInterval() {
    const value = Number.parseInt(document.body.dataset.pollInterval ?? "", 10);
    if (!Number.isFinite(value)) return DEFAULT_POLL_MS;
    return Math.max(MIN_POLL_MS, value);
  }

  function init() {
    Object.assign(ui, {
      repoStatus: document.getElementById("repo-status"),
      refresh: document.getElementById("refresh"),
      refreshResults: document.getElementById("refresh-results"),
      refreshLabel: document.getElementById("refresh-label"),
      refreshStatus: document.getElementById("refresh-status"),
      env: document.getElementById("filter-env"),
      usecase: document.getElementById("filter-usecase"),
      status: document.getElementById("filter-status"),
      q: document.getElementById("filter-q"),
      count: document.getElementById("result-count"),
      clearFilters: document.getElementById("clear-filters"),
      error: document.getElementById("error-state"),
      errorText: document.getElementById("error-text"),
      retry: document.getElementById("retry"),
      list: document.getElementById("changes"),
      loading: document.getElementById("loading"),
      empty: document.getElementById("empty-state"),
      emptyText: document.getElementById("empty-text"),
      emptyClear: document.getElementById("empty-clear"),
      loadMore: document.getElementById("load-more"),
      notice: document.getElementById("new-changes"),
      noticeText: document.getElementById("new-changes-text"),
      noticeShow: document.getElementById("new-changes-show"),
      noticeClose: document.getElementById("new-changes-close"),
    });

    state.pollMs = readPollInterval();
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
    ui.retry.addEventListener("click", () => {
      if (state.cards.size > 0) updateEverything();
      else {
        loadFirstPage();
        loadRepositories();
        loadUseCases();
      }
    });
    ui.loadMore.addEventListener("click", loadMore);
    ui.refresh.addEventListener("click", refresh);
    ui.refreshResults.addEventListener("click", refreshResults);
    detectResultStores();
    ui.noticeShow.addEventListener("click", showNewCards);
    ui.noticeClose.addEventListener("click", hideNotice);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !ui.notice.hidden && ui.notice.contains(document.activeElement)) hideNotice();
    });
    window.addEventListener("popstate", () => {
      readFiltersFromUrl();
      applyFiltersToControls();
      loadFirstPage();
    });
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && state.pollTimer) pollOnce();
    });

    loadFirstPage();
    loadUseCases();
    loadRepositories();
    startLiveUpdates();
    window.setInterval(loadRepositories, state.pollMs);
    window.setInterval(updateRelativeTimes, 60000);
  }

  init();
})();
