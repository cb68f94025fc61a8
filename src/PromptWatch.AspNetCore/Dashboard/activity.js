// PromptWatch dashboard: the Activity panel. Reads the URL of the activity data (the GitHub integration's
// /api/monitor/dashboard) from <body data-activity-url>; without one the panel stays hidden. Draws the
// counters of the week and a 24-hour trend per counter as inline SVG; everything is built with DOM calls
// (no HTML strings), so names from webhooks can never become markup. The dashboard's entry module starts it.
import { showSignIn, signInLink } from "./signin.js";

const REFRESH_MS = 60000;
const SVG = "http://www.w3.org/2000/svg";
const LABELS = {
  commits: "Commits",
  pushes: "Pushes",
  pulls_opened: "PRs opened",
  pulls_merged: "PRs merged",
  pulls_closed: "PRs closed",
  issues_opened: "Issues opened",
  issues_closed: "Issues closed",
  deployments: "Deployments",
  build_failures: "Build failures",
  test_failures: "Test failures",
  conflicts: "Conflicts",
  hotfixes: "Hotfixes",
  other: "Other events",
};
const WARN = new Set(["build_failures", "test_failures", "conflicts", "hotfixes"]);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  return node;
}

function formatDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
}

function formatHour(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? "");
  return date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

function formatWhen(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? "");
  return date.toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

function countText(counter, count) {
  const label = (LABELS[counter] || counter).toLowerCase();
  return `${count.toLocaleString()} ${label}`;
}

// A bar per hour; the tallest bar fills the chart. Width and height are in viewBox units. Each hour is a group with
// its own <title> (the browser's tooltip on hover: the hour and its count) over the whole height of its slot.
function trendChart(counter, buckets) {
  const width = 96;
  const height = 28;
  const list = Array.isArray(buckets) ? buckets : [];
  const max = list.reduce((m, b) => Math.max(m, Number(b.count) || 0), 0);
  const total = list.reduce((s, b) => s + (Number(b.count) || 0), 0);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "activity-trend", role: "img", preserveAspectRatio: "none" });
  const title = svg("title");
  title.textContent = `${LABELS[counter] || counter}: ${total} in the last ${list.length} hours`;
  chart.appendChild(title);
  chart.appendChild(svg("line", { x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5, class: "activity-trend-base" }));
  if (list.length === 0) return chart;
  const slot = width / list.length;
  list.forEach((bucket, i) => {
    const count = Number(bucket.count) || 0;
    const hour = svg("g", { class: "activity-trend-hour", "data-start": bucket.start ?? "" });
    const tip = svg("title");
    tip.textContent = `${formatHour(bucket.start)}: ${countText(counter, count)}`;
    hour.appendChild(tip);
    hour.appendChild(svg("rect", { x: (i * slot).toFixed(2), y: 0, width: slot.toFixed(2), height, class: "activity-trend-slot" }));
    if (count > 0 && max > 0) {
      const barHeight = Math.max(2, (count / max) * (height - 2));
      hour.appendChild(svg("rect", {
        x: (i * slot + slot * 0.15).toFixed(2),
        y: (height - barHeight).toFixed(2),
        width: (slot * 0.7).toFixed(2),
        height: barHeight.toFixed(2),
        rx: 0.8,
        class: "activity-trend-bar",
        "data-count": count,
      }));
    }
    chart.appendChild(hour);
  });
  return chart;
}

// The time axis under a trend: the first hour's start, the middle one's, and "now".
function trendAxis(buckets) {
  const list = Array.isArray(buckets) ? buckets : [];
  const axis = el("div", "activity-trend-axis");
  axis.setAttribute("aria-hidden", "true");
  if (list.length === 0) return axis;
  axis.appendChild(el("span", null, formatHour(list[0].start)));
  axis.appendChild(el("span", null, formatHour(list[Math.floor(list.length / 2)].start)));
  axis.appendChild(el("span", null, "now"));
  return axis;
}

// The week per watched repository, deliveries of every other repository on a row of their own. A few counters only:
// the cards above hold them all.
const REPOSITORY_COUNTERS = ["commits", "pushes", "pulls_merged", "build_failures"];

// Open on a wide screen; on a phone it starts closed, so that the open panel still fits one screen.
function repositoryTable(repositories) {
  const details = el("details", "activity-repositories-details");
  details.dataset.testid = "activity-repositories";
  details.open = !window.matchMedia("(max-width: 36rem)").matches;
  details.appendChild(el("summary", "activity-repositories-caption", `This week by repository (${repositories.length})`));
  const table = el("table", "activity-repositories");
  const head = el("tr");
  head.appendChild(el("th", null, "Repository"));
  for (const counter of REPOSITORY_COUNTERS) {
    const th = el("th", "activity-repositories-count", LABELS[counter] || counter);
    th.scope = "col";
    head.appendChild(th);
  }
  const thead = el("thead");
  thead.appendChild(head);
  table.appendChild(thead);
  const body = el("tbody");
  for (const repository of repositories) {
    const row = el("tr", repository.watched ? "activity-repository" : "activity-repository activity-repository-other");
    row.dataset.testid = "activity-repository";
    if (repository.name) row.dataset.repository = repository.name;
    const name = el("th", null, repository.watched ? repository.name : "Other repositories");
    name.scope = "row";
    if (!repository.watched) name.title = "Deliveries of repositories PromptWatch does not watch";
    row.appendChild(name);
    const counters = repository.counters || {};
    for (const counter of REPOSITORY_COUNTERS) {
      const value = Number(counters[counter]) || 0;
      const cell = el("td", "activity-repositories-count" + (WARN.has(counter) && value > 0 ? " activity-counter-warn" : ""), value.toLocaleString());
      cell.dataset.counter = counter;
      row.appendChild(cell);
    }
    body.appendChild(row);
  }
  table.appendChild(body);
  details.appendChild(table);
  return details;
}

function alertItem(alert) {
  const severity = String(alert.severity || "info").toLowerCase().replace(/[^a-z]/g, "");
  const item = el("li", "activity-alert activity-alert-" + severity);
  item.dataset.testid = "activity-alert";
  const head = el("span", "activity-alert-head");
  const level = el("span", "activity-alert-severity", severity);
  level.dataset.testid = "activity-alert-severity";
  head.appendChild(level);
  head.appendChild(el("span", "activity-alert-kind", String(alert.kind || "").replace(/_/g, " ")));
  if (alert.at) {
    const when = el("time", "activity-alert-time", formatWhen(alert.at));
    when.dateTime = alert.at;
    when.title = new Date(alert.at).toString();
    head.appendChild(when);
  }
  item.appendChild(head);
  if (alert.repository) item.appendChild(el("span", "activity-alert-repo", alert.repository));
  const message = el("span", "activity-alert-message", alert.message || "");
  item.appendChild(message);
  // Links only to GitHub pages, opened apart from the dashboard.
  if (typeof alert.url === "string" && /^https:\/\/[^/]+\//.test(alert.url)) {
    const link = el("a", "activity-alert-link", "Open on GitHub");
    link.href = alert.url;
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    item.appendChild(link);
  }
  return item;
}

const COLLAPSED_KEY = "promptwatch.activity.collapsed";

function readCollapsed() {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === "true";
  } catch {
    return false;
  }
}

function writeCollapsed(collapsed) {
  try {
    window.localStorage.setItem(COLLAPSED_KEY, String(collapsed));
  } catch {
    // Storage may be off: the panel still opens and closes, it is only not remembered.
  }
}

function render(panel, data) {
  panel.replaceChildren();
  const collapsed = readCollapsed();
  const head = el("div", "activity-head");
  const title = el("h2", "activity-title");
  title.id = "activity-title";
  const toggle = el("button", "activity-toggle");
  toggle.type = "button";
  toggle.dataset.testid = "activity-toggle";
  toggle.setAttribute("aria-expanded", String(!collapsed));
  toggle.setAttribute("aria-controls", "activity-body");
  const chevron = el("span", "chevron");
  chevron.setAttribute("aria-hidden", "true");
  toggle.appendChild(chevron);
  toggle.appendChild(document.createTextNode("Activity this week"));
  title.appendChild(toggle);
  head.appendChild(title);
  if (data.week_start) head.appendChild(el("p", "activity-since", `since ${formatDate(data.week_start)} (${data.time_zone || "UTC"}) · trends: last 24 hours`));
  panel.appendChild(head);

  const body = el("div", "activity-body");
  body.id = "activity-body";
  body.hidden = collapsed;
  panel.classList.toggle("is-collapsed", collapsed);
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    body.hidden = !open;
    panel.classList.toggle("is-collapsed", !open);
    writeCollapsed(!open);
  });

  const grid = el("ul", "activity-counters");
  const counters = data.counters || {};
  const trends = data.trends || {};
  for (const counter of Object.keys(counters)) {
    const value = Number(counters[counter]) || 0;
    const item = el("li", "activity-counter" + (WARN.has(counter) && value > 0 ? " activity-counter-warn" : ""));
    item.dataset.counter = counter;
    item.appendChild(el("span", "activity-label", LABELS[counter] || counter));
    const number = el("span", "activity-value", value.toLocaleString());
    number.dataset.testid = "activity-value";
    item.appendChild(number);
    item.appendChild(trendChart(counter, trends[counter]));
    item.appendChild(trendAxis(trends[counter]));
    grid.appendChild(item);
  }
  body.appendChild(grid);

  const repositories = Array.isArray(data.repositories) ? data.repositories : [];
  if (repositories.length > 0) body.appendChild(repositoryTable(repositories));

  const alerts = Array.isArray(data.alerts) ? data.alerts.slice(0, 5) : [];
  if (alerts.length > 0) {
    const list = el("ul", "activity-alerts");
    list.setAttribute("aria-label", "Recent alerts");
    for (const alert of alerts) list.appendChild(alertItem(alert));
    body.appendChild(list);
  }
  panel.appendChild(body);
}

function notice(panel, text) {
  panel.replaceChildren(el("p", "activity-notice", text));
}

// Returns false when reading again is pointless (the page has no credentials for it).
async function load(panel, url) {
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" });
  } catch {
    notice(panel, "Activity could not be loaded.");
    return true;
  }
  if (response.status === 401 && showSignIn()) {
    panel.replaceChildren(el("p", "activity-notice", "Sign in to see GitHub activity: "));
    panel.firstChild.appendChild(signInLink("Sign in", "activity-sign-in"));
    return false;
  }
  if (response.status === 401 || response.status === 403) {
    notice(panel, "Sign in to see GitHub activity.");
    return false;
  }
  if (!response.ok) {
    notice(panel, `Activity could not be loaded (HTTP ${response.status}).`);
    return true;
  }
  try {
    render(panel, await response.json());
  } catch {
    notice(panel, "Activity could not be read.");
  }
  return true;
}

// Shows the panel and keeps it current, when the page has an activity URL.
export function startActivity() {
  const panel = document.getElementById("activity");
  const url = document.body.dataset.activityUrl;
  if (!panel || !url) return;
  panel.hidden = false;
  notice(panel, "Loading activity…");
  let timer = 0;
  const refresh = async () => {
    if (document.visibilityState !== "visible") return;
    if (await load(panel, url)) return;
    // Refused: asking again every minute would only be refused again.
    clearInterval(timer);
    document.removeEventListener("visibilitychange", refresh);
  };
  load(panel, url).then((readable) => {
    if (!readable) return;
    timer = setInterval(refresh, REFRESH_MS);
    document.addEventListener("visibilitychange", refresh);
  });
}
