// The views that take the page's place while their address is in the location: Compare (compare.js) and a use
// case's page (usecase.js). The timeline stays loaded underneath; Escape or the Close button goes back to it and
// returns the focus to what opened the view.
import { renderCompare } from "./compare.js";
import { h } from "./dom.js";
import { parseRoute } from "./routes.js";
import { renderUseCase } from "./usecase.js";

let opener = null;
let generation = 0;

function container() {
  return document.getElementById("view");
}

function close() {
  const view = container();
  if (!view || view.hidden) return;
  window.history.pushState(null, "", `${window.location.pathname}${window.location.search}`);
  show(null);
}

function show(route) {
  const view = container();
  generation += 1;
  const current = generation;
  if (!route) {
    if (view.hidden) return;
    view.hidden = true;
    view.replaceChildren();
    document.body.classList.remove("has-view");
    const target = opener && opener.isConnected ? opener : document.getElementById("changes");
    opener = null;
    target?.focus();
    return;
  }
  const wasHidden = view.hidden;
  const closeButton = h("button", { type: "button", class: "button view-close", "data-testid": "view-close", text: "Close" });
  closeButton.addEventListener("click", close);
  const body = h("div", { class: "view-body" });
  view.replaceChildren(closeButton, body);
  view.hidden = false;
  document.body.classList.add("has-view");
  if (wasHidden) window.scrollTo({ top: 0 });
  const stillCurrent = () => current === generation;
  const context = { stillCurrent, replace: replaceView };
  const rendered = route.view === "compare" ? renderCompare(body, route, context) : renderUseCase(body, route, context);
  rendered.then(() => {
    if (!stillCurrent()) return;
    // The heading takes the focus, so a screen reader announces the view and Tab goes on through it.
    const heading = body.querySelector("[data-view-heading]");
    if (heading && !body.contains(document.activeElement)) heading.focus();
  });
}

// Remembers the control that opens a view, so that closing it gives the focus back.
function rememberOpener(event) {
  const link = event.target.closest?.("a[href^='#compare/'], a[href^='#usecase/']");
  if (!link) return;
  // A card menu's link gives the focus back to the menu's button, which stays in view.
  if (container().hidden) opener = link.closest(".compare-with")?.querySelector("button") ?? link;
}

// Shows another address of a view in place (a picked version), without a history entry per pick.
export function replaceView(hash) {
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}${hash}`);
  show(parseRoute(hash));
}

export function startViews() {
  const view = container();
  if (!view) return;
  document.addEventListener("click", rememberOpener, true);
  window.addEventListener("hashchange", () => show(parseRoute(window.location.hash)));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || view.hidden || event.defaultPrevented) return;
    event.preventDefault();
    close();
  });
  show(parseRoute(window.location.hash));
}
