// PromptWatch dashboard: a timeline of prompt and parameter changes read from the API next to this page
// (api/...). Native ES modules, no build step and no framework; this entry wires them together. The one
// shared mutable object is state.js's; every piece of data reaches the page through textContent or
// attributes, never as markup.
import { startActivity } from "./activity.js";
import { startAlerts } from "./alerts.js";
import { ui } from "./dom.js";
import { startDrift } from "./drift.js";
import { loadUseCases, startFilters } from "./filters.js";
import { updateRelativeTimes } from "./format.js";
import { startLiveUpdates, updateEverything } from "./live.js";
import { hideNotice, showNewCards } from "./notice.js";
import { startPerformance } from "./performance.js";
import { startPipelineMarks } from "./pipelinemarks.js";
import { startPipelines } from "./pipelines.js";
import { detectResultStores, refresh, refreshResults } from "./refresh.js";
import { loadRepositories } from "./repositories.js";
import { readPollInterval, state } from "./state.js";
import { loadFirstPage, loadMore } from "./timeline.js";
import { startViews } from "./view.js";

state.pollMs = readPollInterval();
startFilters();

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

loadFirstPage();
loadUseCases();
loadRepositories();
startLiveUpdates();
window.setInterval(loadRepositories, state.pollMs);
window.setInterval(updateRelativeTimes, 60000);
startAlerts();
startActivity();
startDrift();
startPerformance();
startViews();
startPipelineMarks();
startPipelines();
