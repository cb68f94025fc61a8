// Pipeline marks on the timeline's cards: the checks of each change's commit (passing, failing, pending, undecided)
// and "deployed in <environment>" on the version live there now. On while <body data-pipelines-url> names the
// pipeline routes' base ("none": off; empty: the page's own base). Checks come from api/v1/pipeline/commits for the
// shown cards' commits; deployed versions from api/usecases (its "deployed" field). Both are read again when the
// pipeline's event stream says runs or deployments changed, and on the page's poll interval while that stream is down.
import { coalesced } from "./coalesce.js";
import { getJson } from "./api.js";
import { h, srOnly, ui } from "./dom.js";
import { absoluteTime, parseDate, shortSha } from "./format.js";
import { state } from "./state.js";

const MAX_SHAS = 100;
const DEBOUNCE_MS = 150;
const STATES = new Set(["passing", "failing", "pending", "undecided"]);

const marks = {
  base: "",
  checks: new Map(),
  deployed: new Map(),
  timer: 0,
  pollTimer: 0,
  everything: false,
};

export function startPipelineMarks() {
  const value = document.body.dataset.pipelinesUrl ?? "none";
  if (value === "none") return;
  marks.base = value === "" || value.endsWith("/") ? value : `${value}/`;
  // Cards come and go as the list loads, filters and updates: mark the new ones, and read what is not known yet.
  new MutationObserver(() => {
    markCards();
    schedule(false);
  }).observe(ui.list, { childList: true });
  listen();
  schedule(true);
}

function deployedKey(repository, environment, usecase) {
  return [repository ?? "", environment ?? "", usecase ?? ""].join("\u001f");
}

function listen() {
  if (typeof window.EventSource !== "function") {
    startPolling();
    return;
  }
  let source;
  try {
    source = new EventSource(`${marks.base}api/v1/pipeline/events?events=pipeline,builds`);
  } catch {
    startPolling();
    return;
  }
  source.addEventListener("open", () => {
    stopPolling();
    // Whatever happened while the stream was down.
    schedule(true);
  });
  source.addEventListener("pipeline", () => schedule(true));
  source.addEventListener("builds", () => schedule(true));
  // The browser reconnects by itself; read on the page's poll interval meanwhile.
  source.addEventListener("error", startPolling);
}

function startPolling() {
  if (marks.pollTimer) return;
  marks.pollTimer = window.setInterval(() => {
    if (!document.hidden) schedule(true);
  }, state.pollMs);
}

function stopPolling() {
  if (!marks.pollTimer) return;
  window.clearInterval(marks.pollTimer);
  marks.pollTimer = 0;
}

// One read a little later for a burst of changes; `everything` reads every shown commit again, else only new ones.
function schedule(everything) {
  marks.everything = marks.everything || everything;
  if (marks.timer) return;
  marks.timer = window.setTimeout(() => {
    marks.timer = 0;
    load();
  }, DEBOUNCE_MS);
}

function shownShas() {
  const shas = new Set();
  for (const { entry } of state.cards.values()) {
    if (typeof entry?.commit_sha === "string" && entry.commit_sha) shas.add(entry.commit_sha);
  }
  return [...shas];
}

// Reads the marks; a call during a read makes one more once it ends (with `everything` if any call since asked for it).
const load = coalesced(async () => {
  const everything = marks.everything;
  marks.everything = false;
  try {
    const wanted = shownShas().filter((sha) => everything || !marks.checks.has(sha));
    for (let start = 0; start < wanted.length; start += MAX_SHAS) {
      const chunk = wanted.slice(start, start + MAX_SHAS);
      const data = await getJson(`${marks.base}api/v1/pipeline/commits?sha=${chunk.map(encodeURIComponent).join(",")}`);
      for (const commit of Array.isArray(data?.commits) ? data.commits : []) {
        if (typeof commit?.sha === "string") marks.checks.set(commit.sha, commit);
      }
    }
    const useCases = await getJson("api/usecases");
    const deployed = new Map();
    for (const item of Array.isArray(useCases) ? useCases : []) {
      if (item?.deployed && typeof item.deployed.sha === "string") deployed.set(deployedKey(item.repository, item.environment, item.usecase), item.deployed);
    }
    marks.deployed = deployed;
    markCards();
  } catch {
    // Quiet: the marks stay as they were until the next change or poll.
  }
});

function runText(run) {
  const outcome = run.status === "completed" ? run.conclusion ?? "completed" : run.status;
  const number = Number.isFinite(run.run_number) ? ` #${run.run_number}` : "";
  const attempt = Number.isFinite(run.attempt) && run.attempt > 1 ? ` (attempt ${run.attempt})` : "";
  return `${run.workflow ?? "workflow"}${number}${attempt}: ${outcome}`;
}

function checksBadge(commit) {
  const value = STATES.has(commit.state) ? commit.state : null;
  if (!value) return null;
  const runs = Array.isArray(commit.runs) ? commit.runs : [];
  return h("span", {
    class: `badge badge-checks checks-${value}`,
    "data-testid": "checks-badge",
    "data-pipeline-mark": "",
    "data-state": value,
    title: `Checks ${value}: ${runs.map(runText).join("; ")}`,
  }, h("span", { class: "checks-dot", "aria-hidden": "true" }), srOnly("Checks: "), `checks ${value}`);
}

function deployedBadge(environment, deployed) {
  const env = String(environment ?? "") || "its environment";
  const at = parseDate(deployed.at);
  const run = deployed.run && Number.isFinite(deployed.run.id) ? `, run ${deployed.run.id}` : "";
  const commit = deployed.deployed_sha && deployed.deployed_sha !== deployed.sha ? ` (commit ${shortSha(deployed.deployed_sha)})` : "";
  return h("span", {
    class: "badge badge-deployed",
    "data-testid": "deployed-badge",
    "data-pipeline-mark": "",
    "data-env": env,
    title: `Live in ${env}: deployed to ${deployed.environment ?? env}${commit}${at ? ` on ${absoluteTime(at)}` : ""}, deployment ${deployed.deployment_id}${run}`,
  }, h("span", { class: "deployed-dot", "aria-hidden": "true" }), `deployed in ${env}`);
}

function markCards() {
  for (const { node, entry } of state.cards.values()) {
    const sha = entry?.commit_sha ?? "";
    const commit = marks.checks.get(sha);
    const deployed = entry?.kind !== "error" ? marks.deployed.get(deployedKey(entry?.repository, entry?.environment, entry?.usecase)) : null;
    const live = deployed && deployed.sha === sha ? deployed : null;
    const signature = JSON.stringify([commit?.state ?? null, commit?.runs ?? null, live]);
    if (node.dataset.pipelineMarks === signature) continue;
    node.dataset.pipelineMarks = signature;
    const badges = node.querySelector(".badges");
    if (!badges) continue;
    for (const old of badges.querySelectorAll("[data-pipeline-mark]")) old.remove();
    const added = [commit ? checksBadge(commit) : null, live ? deployedBadge(entry.environment, live) : null].filter(Boolean);
    badges.append(...added);
  }
}
