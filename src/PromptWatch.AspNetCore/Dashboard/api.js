// The API next to the page (api/...): JSON requests, their errors, and the timeline's pages. A 401 shows the
// header's "Sign in" link (signin.js) when the host has a sign-in endpoint.
import { showSignIn } from "./signin.js";

export const PAGE_SIZE = 50;

export class ApiError extends Error {}

export async function getJson(url, options = {}) {
  return (await getJsonResponse(url, options)).data;
}

// The parsed body with the response, for callers that read its headers too.
export async function getJsonResponse(url, options = {}) {
  let response;
  try {
    response = await fetch(url, {
      ...options,
      headers: { Accept: "application/json", ...(options.headers ?? {}) },
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (error) {
    if (error && error.name === "AbortError") throw error;
    throw new ApiError("The server could not be reached.");
  }
  if (!response.ok) {
    if (response.status === 401) showSignIn();
    let detail = "";
    try {
      const text = await response.text();
      try {
        const body = JSON.parse(text);
        detail = body.detail || body.error || body.message || body.title || "";
      } catch {
        detail = text.length <= 200 ? text : "";
      }
    } catch {
      detail = "";
    }
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    throw new ApiError(detail ? `${status}: ${String(detail).trim()}` : `The server answered ${status}.`);
  }
  try {
    return { data: await response.json(), response };
  } catch {
    throw new ApiError("The server sent a reply that is not JSON.");
  }
}

export function normalizePage(data) {
  if (Array.isArray(data)) return { items: data, nextCursor: null, total: data.length };
  const items = Array.isArray(data?.items) ? data.items : [];
  const total = Number.isFinite(data?.total) ? data.total : items.length;
  return { items, nextCursor: data?.next_cursor || null, total };
}

function changesUrl(filters, cursor) {
  const params = new URLSearchParams();
  params.set("limit", String(PAGE_SIZE));
  if (cursor) params.set("cursor", cursor);
  for (const [name, value] of Object.entries(filters)) {
    if (value) params.set(name, value);
  }
  return `api/changes?${params}`;
}

// One page of the timeline under `filters` ({env, usecase, status, q}), with the version its ETag shows.
export async function fetchPage(filters, cursor, signal) {
  const { data, response } = await getJsonResponse(changesUrl(filters, cursor), { signal });
  const tag = timelineTag(response);
  return { ...normalizePage(data), instance: tag?.instance ?? null, version: tag?.version ?? null };
}

// The server process and timeline version a list response shows, read from its ETag ("pw-<instance>-<version>",
// "-br" or "-gz" after it for a compressed body); null when the ETag is missing or not ours (a proxy may drop or replace it).
export function timelineTag(response) {
  const match = /^(?:W\/)?"pw-([0-9a-f]+)-(\d+)(?:-(?:br|gz))?"$/.exec(response.headers.get("ETag") ?? "");
  return match ? { instance: match[1], version: Number(match[2]) } : null;
}
