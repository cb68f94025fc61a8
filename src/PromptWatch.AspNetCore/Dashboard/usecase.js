// A use case's page (#usecase/<env>/<usecase>): its story in one environment over api/usecases/{env}/{usecase}/history,
// every version oldest first with the promotions found ("promoted from test at <commit>, <lag> after it appeared
// there"), the promotion lead time, and a link comparing each version with its predecessor.
import { getJson } from "./api.js";
import { h, plural } from "./dom.js";
import { duration, firstLine, relativeTimeElement, shortSha } from "./format.js";
import { compareHash, useCaseHash } from "./routes.js";
import { scoreSeries } from "./scorechart.js";
import { environmentsOf, historyUrl, scoresUrl } from "./versions.js";

function leadTimeText(leadTime) {
  if (!leadTime || !leadTime.promotions) return "No promotion into this environment yet.";
  return `${plural(leadTime.promotions, "promotion")}: lead time median ${duration(leadTime.median_seconds)}, last ${duration(leadTime.last_seconds)}, slowest ${duration(leadTime.slowest_seconds)}`;
}

function versionItem(data, version, previous, repository) {
  const sha = String(version.commit_sha ?? "");
  const fields = Array.isArray(version.changed_fields) ? version.changed_fields : [];
  const kind = String(version.kind ?? "changed");
  const item = h("li", { class: `story-version story-${kind}${version.promotion ? " is-promotion" : ""}`, "data-testid": "story-version", "data-sha": sha, "data-kind": kind },
    h("div", { class: "story-head" },
      h("code", { class: "sha", title: sha, text: version.commit_hash || shortSha(sha) }),
      h("span", { class: `badge badge-kind kind-${kind}`, text: kind }),
      version.is_latest === true && kind !== "removed" ? h("span", { class: "badge badge-live", text: "current" }) : null,
      relativeTimeElement(version.commit_date, "story-when"),
      version.commit_author_name ? h("span", { class: "author", text: version.commit_author_name }) : null),
    firstLine(version.commit_message) ? h("p", { class: "story-message", text: firstLine(version.commit_message) }) : null,
    fields.length > 0 ? h("p", { class: "card-fields" }, h("span", { class: "meta-label", text: "changed" }), fields.map((field) => h("code", { class: "chip", text: field }))) : null,
    version.promotion?.text ? h("p", { class: "story-promotion", "data-testid": "story-promotion", text: version.promotion.text }) : null);
  if (previous) {
    item.append(h("a", {
      class: "view-link",
      "data-testid": "story-compare",
      href: compareHash(data.usecase, `${data.environment}@${previous.commit_sha}`, `${data.environment}@${sha}`, repository),
      text: `Compare with ${shortSha(previous.commit_sha)}`,
    }));
  }
  return item;
}

export async function renderUseCase(container, route, context) {
  const { env, usecase, repository } = route;
  const heading = h("h2", { class: "view-title", tabindex: "-1", "data-view-heading": "", text: `${usecase} in ${env}` });
  container.replaceChildren(heading, h("p", { class: "loading", text: "Loading…" }));
  let data;
  let environments;
  let scores;
  try {
    [data, environments, scores] = await Promise.all([
      getJson(historyUrl(env, usecase, repository)),
      environmentsOf(usecase, repository).catch(() => []),
      getJson(scoresUrl(env, usecase, repository)).catch(() => null),
    ]);
  } catch (error) {
    if (!context.stillCurrent()) return;
    container.replaceChildren(heading, h("p", { class: "view-error", role: "alert", "data-testid": "view-error", text: error.message }));
    return;
  }
  if (!context.stillCurrent()) return;

  const versions = Array.isArray(data?.versions) ? data.versions : [];
  const others = environments.filter((name) => name !== data.environment);
  const nav = others.length > 0
    ? h("p", { class: "story-envs" }, h("span", { class: "meta-label", text: "also in" }), " ",
      others.map((name) => h("a", { class: "view-link", href: useCaseHash(name, usecase, repository), text: name })),
      others.map((name) => h("a", { class: "view-link", href: compareHash(usecase, name, data.environment, repository), text: `Compare ${name} with ${data.environment}` })))
    : null;

  const show = h("select", { id: "story-filter", "data-testid": "story-filter" },
    h("option", { value: "", text: "Every version" }),
    h("option", { value: "promotions", text: "Promotions only" }));
  const count = h("p", { class: "result-count", "data-testid": "story-count", "aria-live": "polite" });
  const list = h("ol", { class: "story", "data-testid": "story", "aria-label": `Versions of ${usecase} in ${data.environment}, oldest first` });
  versions.forEach((version, index) => list.append(versionItem(data, version, index > 0 ? versions[index - 1] : null, repository)));
  const applyFilter = () => {
    let shown = 0;
    for (const item of list.children) {
      item.hidden = show.value === "promotions" && !item.classList.contains("is-promotion");
      if (!item.hidden) shown += 1;
    }
    count.textContent = show.value ? `${shown} of ${plural(versions.length, "version")}` : plural(versions.length, "version");
  };
  show.addEventListener("change", applyFilter);
  applyFilter();

  container.replaceChildren(heading,
    h("p", { class: "story-lead", "data-testid": "story-lead", text: leadTimeText(data.lead_time) }),
    nav,
    scoreSeries(scores),
    h("div", { class: "filters story-filters" }, h("div", { class: "field" }, h("label", { for: "story-filter", text: "Show" }), show)),
    count,
    list);
}
