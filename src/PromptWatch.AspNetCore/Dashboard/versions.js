// The versions of a use case the views offer to pick from: each environment's current one, then every version
// in each environment (api/usecases and api/usecases/{env}/{usecase}/history), newest first.
import { getJson } from "./api.js";
import { absoluteTime, firstLine, parseDate, shortSha } from "./format.js";

export function withRepository(url, repository) {
  if (!repository) return url;
  return `${url}${url.includes("?") ? "&" : "?"}repository=${encodeURIComponent(repository)}`;
}

export function scoresUrl(env, usecase, repository) {
  return withRepository(`api/usecases/${encodeURIComponent(env)}/${encodeURIComponent(usecase)}/scores`, repository);
}

export function historyUrl(env, usecase, repository) {
  return withRepository(`api/usecases/${encodeURIComponent(env)}/${encodeURIComponent(usecase)}/history`, repository);
}

// The environments the use case was ever in (or, with `current`, is in now), in the order api/usecases lists them.
export async function environmentsOf(usecase, repository, current = false) {
  const list = await getJson("api/usecases");
  const names = [];
  for (const item of Array.isArray(list) ? list : []) {
    if (item?.usecase !== usecase || !item.environment || (current && item.removed)) continue;
    if (repository && item.repository && item.repository !== repository) continue;
    if (!names.includes(item.environment)) names.push(item.environment);
  }
  return names;
}

function versionLabel(env, version) {
  const date = parseDate(version.commit_date);
  const message = firstLine(version.commit_message);
  const kind = version.kind === "removed" ? " (removed)" : "";
  return `${env} · ${version.commit_hash || shortSha(version.commit_sha)}${kind}${date ? ` · ${absoluteTime(date)}` : ""}${message ? ` · ${message}` : ""}`;
}

// [{group, options: [{value, label}]}]: the references api/compare accepts, with what a person reads.
export async function versionChoices(usecase, repository) {
  const environments = await environmentsOf(usecase, repository);
  const histories = await Promise.all(environments.map(async (env) => {
    try {
      return { env, versions: (await getJson(historyUrl(env, usecase, repository)))?.versions ?? [] };
    } catch {
      return { env, versions: [] };
    }
  }));
  const groups = [{ group: "Current", options: environments.map((env) => ({ value: env, label: `${env}: current version` })) }];
  for (const { env, versions } of histories) {
    if (versions.length === 0) continue;
    groups.push({
      group: `Versions in ${env}`,
      options: [...versions].reverse().map((version) => ({ value: `${env}@${version.commit_sha}`, label: versionLabel(env, version) })),
    });
  }
  return groups;
}
