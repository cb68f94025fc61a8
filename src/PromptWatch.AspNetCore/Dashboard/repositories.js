// The header's repository status: each repository's branch, tip and last scan.
import { getJson } from "./api.js";
import { renderEmptyState } from "./empty.js";
import { h, ui } from "./dom.js";
import { firstLine, parseDate, relativeTimeElement, shortSha } from "./format.js";
import { state } from "./state.js";

export async function loadRepositories() {
  try {
    const data = await getJson("api/repositories");
    state.repositories = Array.isArray(data) ? data : [];
    renderRepositories();
    // The empty state names the watched files, which this answer brings.
    if (!ui.empty.hidden) renderEmptyState();
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
