// PromptWatch dashboard: the Alerts panel. The firing, acknowledged and silenced alerts of the host's alert routes
// (<body data-alerts-url>, PromptWatchEndpointOptions.AlertsUrl; no panel without it), most severe first, with
// acknowledge and resolve buttons. The buttons stay until the host refuses one (401 or 403): then the page knows the
// user may look but not act, and hides them. Reloaded by a timer, when the page becomes visible, and when the live
// feed reports a change (live.js calls loadAlerts).
import { coalesced } from "./coalesce.js";
import { h, plural } from "./dom.js";
import { relativeTimeElement } from "./format.js";
import { showSignIn } from "./signin.js";

const REFRESH_MS = 15000;
const SHOWN_STATES = ["firing", "acknowledged", "suppressed"];
const SEVERITY_ORDER = { critical: 0, error: 1, warning: 2, info: 3 };
const STATE_TEXT = { firing: "firing", acknowledged: "acknowledged", suppressed: "silenced" };

const panelState = { url: null, panel: null, canAct: true, note: "", stale: "", last: null };

class AlertsError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function request(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { ...options, headers: { Accept: "application/json", ...(options.headers ?? {}) }, credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new AlertsError(0, "The server could not be reached.");
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    if (response.status === 401) showSignIn();
    throw new AlertsError(response.status, String(body?.detail || body?.title || `The server answered ${response.status}.`));
  }
  return body;
}

function alertUrl(id, action) {
  return `${panelState.url}/${encodeURIComponent(id)}/${action}`;
}

function bySeverityThenAge(a, b) {
  const severity = (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9);
  if (severity !== 0) return severity;
  return String(b.fired_at || b.starts_at).localeCompare(String(a.fired_at || a.starts_at));
}

async function act(alert, action, button) {
  button.disabled = true;
  try {
    await request(alertUrl(alert.id, action), { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    panelState.note = "";
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      panelState.canAct = false;
      panelState.note = "You may see the alerts but not acknowledge or resolve them.";
    } else {
      panelState.note = `Could not ${action} “${alert.rule}”: ${error.message}`;
    }
  }
  await loadAlerts();
}

function actions(alert) {
  if (!panelState.canAct) return null;
  const buttons = [];
  if (alert.state === "firing" || alert.state === "suppressed") {
    const acknowledge = h("button", { type: "button", class: "button alerts-action", "data-testid": "alert-acknowledge", text: "Acknowledge" });
    acknowledge.addEventListener("click", () => act(alert, "acknowledge", acknowledge));
    buttons.push(acknowledge);
  }
  const resolve = h("button", { type: "button", class: "button button-quiet alerts-action", "data-testid": "alert-resolve", text: "Resolve" });
  resolve.addEventListener("click", () => act(alert, "resolve", resolve));
  buttons.push(resolve);
  return h("div", { class: "alerts-actions" }, buttons);
}

function alertItem(alert) {
  const severity = String(alert.severity || "warning");
  const state = String(alert.state);
  const acknowledgement = alert.acknowledgement
    ? h("span", { class: "alerts-by", text: ` · acknowledged by ${alert.acknowledgement.by}` })
    : null;
  return h("li", { class: `alerts-item alerts-severity-${severity} alerts-state-${state}`, "data-testid": "alert", "data-alert-id": alert.id, "data-state": state },
    h("div", { class: "alerts-item-head" },
      h("span", { class: `alerts-severity alerts-severity-badge-${severity}`, text: severity }),
      h("span", { class: "alerts-rule", text: alert.rule }),
      h("span", { class: "alerts-state", "data-testid": "alert-state", text: STATE_TEXT[state] ?? state })),
    h("p", { class: "alerts-summary", text: alert.summary }),
    h("p", { class: "alerts-meta" }, "since ", relativeTimeElement(alert.fired_at || alert.starts_at, "alerts-since"), acknowledgement),
    actions(alert));
}

function render(alerts) {
  const shown = alerts.filter((alert) => SHOWN_STATES.includes(alert.state)).sort(bySeverityThenAge);
  const firing = shown.filter((alert) => alert.state === "firing").length;
  const title = h("h2", { class: "alerts-title", id: "alerts-title", text: "Alerts" });
  const count = h("span", { class: "alerts-count", "data-testid": "alerts-count", text: shown.length === 0 ? "" : `${plural(firing, "firing")}, ${shown.length} open` });
  const children = [h("div", { class: "alerts-head" }, title, count)];
  if (panelState.note) children.push(h("p", { class: "alerts-note", role: "status", "data-testid": "alerts-note", text: panelState.note }));
  if (panelState.stale) children.push(h("p", { class: "alerts-note", role: "status", "data-testid": "alerts-stale", text: panelState.stale }));
  if (shown.length === 0) children.push(h("p", { class: "muted alerts-empty", "data-testid": "alerts-empty", text: "No alerts" }));
  else children.push(h("ul", { class: "alerts-list", "aria-label": "Open alerts, most severe first" }, shown.map(alertItem)));
  panelState.panel.classList.toggle("has-firing", firing > 0);
  panelState.panel.replaceChildren(...children);
  panelState.panel.hidden = false;
}

function renderError(error) {
  panelState.last = null;
  panelState.panel.classList.remove("has-firing");
  const text = error.status === 401 || error.status === 403
    ? "Sign in with an account that may see alerts to show them here."
    : `Could not load alerts: ${error.message}`;
  panelState.panel.replaceChildren(
    h("div", { class: "alerts-head" }, h("h2", { class: "alerts-title", id: "alerts-title", text: "Alerts" })),
    h("p", { class: "alerts-note", "data-testid": "alerts-error", text }));
  panelState.panel.hidden = false;
}

// Loads the panel again (a timer, the live feed, an action); a call during a load runs once that load ends.
export const loadAlerts = coalesced(async () => {
  if (!panelState.panel) return;
  try {
    const alerts = await request(`${panelState.url}?limit=200`);
    panelState.last = Array.isArray(alerts) ? alerts : [];
    panelState.stale = "";
    render(panelState.last);
  } catch (error) {
    // A failure after a load keeps the alerts shown, with the reason; before any, the reason alone.
    if (panelState.last && error.status !== 401 && error.status !== 403) {
      panelState.stale = `Could not update the alerts: ${error.message}`;
      render(panelState.last);
    } else {
      renderError(error);
    }
  }
});

export function startAlerts() {
  const panel = document.getElementById("alerts");
  const url = document.body.dataset.alertsUrl;
  if (!panel || !url) return;
  panelState.panel = panel;
  panelState.url = url.replace(/\/+$/, "");
  loadAlerts();
  window.setInterval(() => {
    if (!document.hidden) loadAlerts();
  }, REFRESH_MS);
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) loadAlerts();
  });
}
