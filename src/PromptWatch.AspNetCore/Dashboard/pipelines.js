// PromptWatch dashboard: the Pipelines panel. The base of the pipeline monitor's routes comes from
// <body data-pipelines-url> (PromptWatchEndpointOptions.PipelinesUrl): "none" means no monitor and no panel, an empty
// string the page's own base. Shows the overall status, the running and queued runs with their waiting time, the recent
// runs, the success rate, the median time to recovery and a daily trend of runs and failures (inline SVG). It is live:
// the monitor's server-sent events (pipeline and builds changes) read everything again, debounced. While the stream is
// open a timer only moves the running and waiting times on; while it is down (or missing) the timer reads everything.
// Every value reaches the page through textContent or attributes, never as markup.
import { coalesced } from "./coalesce.js";
import { getJson } from "./api.js";
import { h, plural } from "./dom.js";
import { relativeTimeElement } from "./format.js";

const REFRESH_MS = 30000;
const TICK_MS = 5000;
const DEBOUNCE_MS = 400;
const RECENT = 8;
const SVG = "http://www.w3.org/2000/svg";
const CHART_WIDTH = 320;
const CHART_HEIGHT = 64;
const FAILED = new Set(["failure", "timed_out", "startup_failure"]);
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

const panelState = { base: "", panel: null, last: null, readAt: 0, timer: 0, live: false };

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  return node;
}

// A span of seconds in its two largest units: "45 s", "3 min 20 s", "2 h 5 min", "1 d 4 h".
export function span(seconds) {
  const total = Math.max(0, Math.round(Number(seconds) || 0));
  const pair = (a, unitA, b, unitB) => (b === 0 ? `${a} ${unitA}` : `${a} ${unitA} ${b} ${unitB}`);
  if (total < 60) return `${total} s`;
  if (total < 3600) return pair(Math.floor(total / 60), "min", total % 60, "s");
  if (total < 86400) return pair(Math.floor(total / 3600), "h", Math.floor((total % 3600) / 60), "min");
  return pair(Math.floor(total / 86400), "d", Math.floor((total % 86400) / 3600), "h");
}

function percent(rate) {
  return `${((Number(rate) || 0) * 100).toFixed(1)} %`;
}

// What a run is: its conclusion once completed, else where it is ("in progress", "queued"...).
function runState(run) {
  const word = run.status === "completed" && run.conclusion ? run.conclusion : run.status;
  return String(word || "unknown");
}

function outcomeClass(run) {
  if (run.status !== "completed") return "pipelines-outcome-active";
  if (run.conclusion === "success") return "pipelines-outcome-success";
  if (FAILED.has(run.conclusion)) return "pipelines-outcome-failure";
  return "pipelines-outcome-neutral";
}

function stateBadge(run) {
  return h("span", { class: `pipelines-outcome ${outcomeClass(run)}`, "data-testid": "pipelines-run-state", text: runState(run).replace(/_/g, " ") });
}

// Links only to the CI system's https pages, opened apart from the dashboard.
function runLink(run) {
  if (typeof run.html_url !== "string" || !/^https:\/\/[^/]+\//.test(run.html_url)) return null;
  return h("a", { class: "pipelines-link", href: run.html_url, rel: "noopener noreferrer", target: "_blank", "data-testid": "pipelines-run-link", "aria-label": `${run.workflow} #${run.run_number} on GitHub`, text: "GitHub" });
}

function figure(label, value, testId, note) {
  return h("div", { class: "pipelines-figure" },
    h("dt", { class: "pipelines-figure-label", text: label }),
    h("dd", { class: "pipelines-figure-value", "data-testid": testId, text: value }),
    note ? h("dd", { class: "pipelines-figure-note", text: note }) : null);
}

function figures(overview) {
  const mttr = overview.mttr_seconds === null || overview.mttr_seconds === undefined ? "none" : span(overview.mttr_seconds);
  return h("dl", { class: "pipelines-figures" },
    figure("Success rate", percent(overview.success_rate), "pipelines-success-rate", `${plural(Number(overview.total_runs) || 0, "run")}`),
    figure("MTTR (median)", mttr, "pipelines-mttr", "failure to recovery"),
    figure("Running", String(Number(overview.running) || 0), "pipelines-running"),
    figure("Queued", String(Number(overview.queued) || 0), "pipelines-queued"));
}

function waitText(seconds, queued) {
  return queued ? `waiting ${span(seconds)}` : `running for ${span(seconds)}`;
}

// Moves the running and waiting times on by the time since the figures were read.
function tick() {
  if (!panelState.panel || !panelState.readAt) return;
  const elapsed = (Date.now() - panelState.readAt) / 1000;
  for (const node of panelState.panel.querySelectorAll(".pipelines-wait[data-seconds]")) {
    node.textContent = waitText(Number(node.dataset.seconds) + elapsed, node.dataset.queued === "true");
  }
}

function activeItem(entry, queued) {
  const run = entry.build;
  const seconds = queued ? entry.waiting_seconds : entry.running_seconds;
  return h("li", { class: `pipelines-active-run ${queued ? "is-queued" : "is-running"}`, "data-testid": "pipelines-active-run", "data-run-id": run.id, "data-state": queued ? "queued" : "running" },
    h("span", { class: "pipelines-workflow", text: run.workflow }),
    run.branch ? h("span", { class: "pipelines-branch", text: run.branch }) : null,
    stateBadge(run),
    h("span", { class: "pipelines-wait", "data-testid": "pipelines-wait", "data-seconds": Number(seconds) || 0, "data-queued": queued ? "true" : "false", text: waitText(seconds, queued) }),
    runLink(run));
}

function active(status) {
  const running = Array.isArray(status?.running) ? status.running : [];
  const queued = Array.isArray(status?.queued) ? status.queued : [];
  if (running.length + queued.length === 0) return h("p", { class: "muted pipelines-none", "data-testid": "pipelines-active-none", text: "Nothing running or queued." });
  return h("ul", { class: "pipelines-active", "data-testid": "pipelines-active", "aria-label": "Running and queued runs" },
    running.map((entry) => activeItem(entry, false)),
    queued.map((entry) => activeItem(entry, true)));
}

function recentTable(builds) {
  if (builds.length === 0) return h("p", { class: "muted pipelines-none", "data-testid": "pipelines-recent-none", text: "No runs yet." });
  return h("div", { class: "pipelines-recent-wrap" },
    h("table", { class: "pipelines-recent", "data-testid": "pipelines-recent" },
      h("caption", { class: "pipelines-caption", text: "Recent runs" }),
      h("thead", null, h("tr", null, ["Workflow", "Branch", "Actor", "Result", "Duration", "Started", ""].map((name) => h("th", { scope: "col", text: name })))),
      h("tbody", null, builds.map((run) => h("tr", { class: "pipelines-recent-run", "data-testid": "pipelines-recent-run", "data-run-id": run.id },
        h("th", { scope: "row", class: "pipelines-workflow", "data-testid": "pipelines-run-workflow", text: run.workflow }),
        h("td", { class: "pipelines-branch", "data-testid": "pipelines-run-branch", text: run.branch || "—" }),
        h("td", { "data-testid": "pipelines-run-actor", text: run.actor || "—" }),
        h("td", null, stateBadge(run)),
        h("td", { class: "pipelines-number", "data-testid": "pipelines-run-duration", text: run.duration_seconds === null || run.duration_seconds === undefined ? "—" : span(run.duration_seconds) }),
        h("td", null, relativeTimeElement(run.started_at || run.created_at, "pipelines-when")),
        h("td", null, runLink(run)))))));
}

function dayLabel(date) {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? String(date) : dayFormat.format(parsed);
}

// A slot per day: the day's runs as a bar, its failures as a red bar in front of it from the bottom; the tallest day
// fills the chart. Each day is a group with its own <title> (the browser's tooltip: the day, runs and failures).
function trendChart(days) {
  const max = days.reduce((m, d) => Math.max(m, Number(d.runs) || 0), 0);
  const runs = days.reduce((s, d) => s + (Number(d.runs) || 0), 0);
  const failures = days.reduce((s, d) => s + (Number(d.failures) || 0), 0);
  const chart = svg("svg", { viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`, class: "pipelines-trend", role: "img", preserveAspectRatio: "none", "data-testid": "pipelines-trend", "aria-label": `${plural(runs, "run")} and ${plural(failures, "failure")} in the last ${plural(days.length, "day")}` });
  chart.appendChild(svg("line", { x1: 0, y1: CHART_HEIGHT - 0.5, x2: CHART_WIDTH, y2: CHART_HEIGHT - 0.5, class: "pipelines-trend-base" }));
  if (days.length === 0) return chart;
  const slot = CHART_WIDTH / days.length;
  const height = (count) => (count > 0 && max > 0 ? Math.max(2, (count / max) * (CHART_HEIGHT - 2)) : 0);
  days.forEach((day, i) => {
    const count = Number(day.runs) || 0;
    const failed = Number(day.failures) || 0;
    const group = svg("g", { class: "pipelines-trend-day", "data-testid": "pipelines-trend-day", "data-date": day.date, "data-runs": count, "data-failures": failed });
    const tip = svg("title");
    tip.textContent = `${dayLabel(day.date)}: ${plural(count, "run")}, ${plural(failed, "failure")}`;
    group.appendChild(tip);
    group.appendChild(svg("rect", { x: (i * slot).toFixed(2), y: 0, width: slot.toFixed(2), height: CHART_HEIGHT, class: "pipelines-trend-slot" }));
    for (const [value, className] of [[count, "pipelines-trend-runs"], [failed, "pipelines-trend-failures"]]) {
      const bar = height(value);
      if (bar === 0) continue;
      group.appendChild(svg("rect", { x: (i * slot + slot * 0.15).toFixed(2), y: (CHART_HEIGHT - bar).toFixed(2), width: (slot * 0.7).toFixed(2), height: bar.toFixed(2), rx: 0.8, class: className }));
    }
    chart.appendChild(group);
  });
  return chart;
}

function trend(trends) {
  const days = Array.isArray(trends?.days) ? trends.days : [];
  const axis = h("div", { class: "pipelines-trend-axis", "aria-hidden": "true" });
  if (days.length > 0) axis.append(h("span", { text: dayLabel(days[0].date) }), h("span", { text: dayLabel(days[Math.floor(days.length / 2)].date) }), h("span", { text: "today" }));
  return h("figure", { class: "pipelines-trend-figure" },
    h("figcaption", { class: "pipelines-caption" }, "Runs and ", h("span", { class: "pipelines-legend-failures", text: "failures" }), " per day"),
    trendChart(days),
    axis);
}

function head(status, lookbackDays) {
  const word = ["passing", "failing", "unknown"].includes(status) ? status : "unknown";
  return h("div", { class: "pipelines-head" },
    h("h2", { class: "pipelines-title", id: "pipelines-title", text: "Pipelines" }),
    status === null ? null : h("span", { class: `pipelines-status pipelines-status-${word}`, "data-testid": "pipelines-status", text: word }),
    lookbackDays ? h("span", { class: "pipelines-since", text: `last ${plural(lookbackDays, "day")}` }) : null);
}

function render(data, stale) {
  const { overview, status, recent, trends } = data;
  const builds = Array.isArray(recent?.builds) ? recent.builds.slice(0, RECENT) : [];
  panelState.panel.dataset.status = String(overview.status || "unknown");
  const children = [
    head(String(overview.status || "unknown"), Number(overview.lookback_days) || 0),
    stale ? h("p", { class: "pipelines-note", role: "status", "data-testid": "pipelines-stale", text: stale }) : null,
    h("div", { class: "pipelines-summary" }, figures(overview), trend(trends)),
    active(status),
    recentTable(builds),
  ];
  panelState.panel.replaceChildren(...children.filter(Boolean));
  panelState.panel.hidden = false;
}

function renderError(error) {
  delete panelState.panel.dataset.status;
  panelState.panel.replaceChildren(
    head(null, 0),
    h("p", { class: "pipelines-note pipelines-error", role: "alert", "data-testid": "pipelines-error", text: `Could not load the pipelines: ${error.message}` }));
  panelState.panel.hidden = false;
}

function url(path) {
  return `${panelState.base}${path}`;
}

async function read() {
  const [overview, status, recent, trends] = await Promise.all([
    getJson(url("api/v1/pipeline/overview")),
    getJson(url("api/v1/pipeline/status")),
    getJson(url(`api/v1/pipeline/recent?limit=${RECENT}`)),
    getJson(url("api/v1/analytics/trends")),
  ]);
  return { overview: overview ?? {}, status, recent, trends };
}

// Reads everything again; a call during a load runs once that load ends.
export const loadPipelines = coalesced(async () => {
  if (!panelState.panel) return;
  try {
    panelState.last = await read();
    panelState.readAt = Date.now();
    render(panelState.last, "");
  } catch (error) {
    // A failure after a load keeps the figures shown, with the reason; before any, the reason alone.
    if (panelState.last) render(panelState.last, `Could not update the pipelines: ${error.message}`);
    else renderError(error);
  }
});

function scheduleLoad() {
  window.clearTimeout(panelState.timer);
  panelState.timer = window.setTimeout(loadPipelines, DEBOUNCE_MS);
}

function listen() {
  if (typeof window.EventSource !== "function") return;
  let source;
  try {
    source = new EventSource(url("api/v1/pipeline/events?events=pipeline,builds"));
  } catch {
    return;
  }
  source.addEventListener("pipeline", scheduleLoad);
  source.addEventListener("builds", scheduleLoad);
  // The browser reconnects a dropped stream by itself; what changed meanwhile is read once it is back.
  source.addEventListener("open", () => {
    panelState.live = true;
    if (panelState.last) scheduleLoad();
  });
  source.addEventListener("error", () => {
    panelState.live = false;
  });
}

export function startPipelines() {
  const panel = document.getElementById("pipelines");
  const base = document.body.dataset.pipelinesUrl;
  if (!panel || base === undefined || base === "none" || base.includes("{{")) return;
  panelState.panel = panel;
  panelState.base = base === "" || base.endsWith("/") ? base : `${base}/`;
  panel.replaceChildren(head(null, 0), h("p", { class: "muted pipelines-note", text: "Loading pipelines…" }));
  panel.hidden = false;
  loadPipelines();
  listen();
  window.setInterval(tick, TICK_MS);
  window.setInterval(() => {
    if (!document.hidden && !panelState.live) loadPipelines();
  }, REFRESH_MS);
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) loadPipelines();
  });
}
