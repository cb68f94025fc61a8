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

// A bar per hour; the tallest bar fills the chart. Width and height are in viewBox units.
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
    if (count <= 0 || max <= 0) return;
    const barHeight = Math.max(2, (count / max) * (height - 2));
    chart.appendChild(svg("rect", {
      x: (i * slot + slot * 0.15).toFixed(2),
      y: (height - barHeight).toFixed(2),
      width: (slot * 0.7).toFixed(2),
      height: barHeight.toFixed(2),
      rx: 0.8,
      class: "activity-trend-bar",
      "data-count": count,
    }));
  });
  return chart;
}

function render(panel, data) {
  panel.replaceChildren();
  const head = el("div", "activity-head");
  const title = el("h2", "activity-title", "Activity this week");
  title.id = "activity-title";
  head.appendChild(title);
  if (data.week_start) head.appendChild(el("p", "activity-since", `since ${formatDate(data.week_start)} (${data.time_zone || "UTC"}) · trends: last 24 hours`));
  panel.appendChild(head);

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
    grid.appendChild(item);
  }
  panel.appendChild(grid);

  const alerts = Array.isArray(data.alerts) ? data.alerts.slice(0, 5) : [];
  if (alerts.length > 0) {
    const list = el("ul", "activity-alerts");
    list.setAttribute("aria-label", "Recent alerts");
    for (const alert of alerts) {
      const item = el("li", "activity-alert activity-alert-" + String(alert.severity || "info").replace(/[^a-z]/g, ""));
      item.appendChild(el("span", "activity-alert-kind", String(alert.kind || "").replace(/_/g, " ")));
      item.appendChild(el("span", "activity-alert-repo", alert.repository || ""));
      item.appendChild(el("span", "activity-alert-message", alert.message || ""));
      list.appendChild(item);
    }
    panel.appendChild(list);
  }
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
