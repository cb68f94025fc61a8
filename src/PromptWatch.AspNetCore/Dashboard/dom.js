// DOM helpers and the page's elements. Every piece of data reaches the page through textContent or
// attributes, never as markup.

const byId = (id) => document.getElementById(id);

// Module scripts run once the document is parsed: the elements are there.
export const ui = Object.freeze({
  repoStatus: byId("repo-status"),
  refresh: byId("refresh"),
  refreshResults: byId("refresh-results"),
  refreshLabel: byId("refresh-label"),
  refreshStatus: byId("refresh-status"),
  env: byId("filter-env"),
  usecase: byId("filter-usecase"),
  status: byId("filter-status"),
  q: byId("filter-q"),
  count: byId("result-count"),
  clearFilters: byId("clear-filters"),
  error: byId("error-state"),
  errorText: byId("error-text"),
  retry: byId("retry"),
  list: byId("changes"),
  loading: byId("loading"),
  empty: byId("empty-state"),
  emptyText: byId("empty-text"),
  emptyClear: byId("empty-clear"),
  loadMore: byId("load-more"),
  notice: byId("new-changes"),
  noticeText: byId("new-changes-text"),
  noticeShow: byId("new-changes-show"),
  noticeClose: byId("new-changes-close"),
});

let idSeq = 0;

export function h(tag, attrs, ...children) {
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

export function appendAll(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

export function srOnly(text) {
  return h("span", { class: "visually-hidden", text });
}

export function nextId(prefix) {
  idSeq += 1;
  return `${prefix}-${idSeq}`;
}

export function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function prefersReducedMotion() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

export function badge(className, text, title) {
  return h("span", { class: `badge ${className}`, text, title });
}

// A section of a card's details, with its heading.
export function section(title, className, ...content) {
  const headingId = nextId("section");
  return h("section", { class: `detail-section ${className}`, "aria-labelledby": headingId },
    h("h3", { class: "section-title", id: headingId, text: title }), content);
}
