// Dates and values as the page shows them.
import { h } from "./dom.js";

const absoluteFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const RELATIVE_UNITS = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function parseDate(text) {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function relativeTime(date) {
  const seconds = (date.getTime() - Date.now()) / 1000;
  const magnitude = Math.abs(seconds);
  if (magnitude < 45) return "just now";
  for (const [unit, size] of RELATIVE_UNITS) {
    if (magnitude >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return relativeFormat.format(Math.round(seconds / 60), "minute");
}

export function absoluteTime(date) {
  return absoluteFormat.format(date);
}

// A <time> that shows a relative date and is kept current; the absolute one is in its title.
export function relativeTimeElement(iso, className) {
  const date = parseDate(iso);
  if (!date) return h("span", { class: className, text: iso || "unknown date" });
  return h("time", {
    class: className,
    datetime: iso,
    title: absoluteTime(date),
    "data-relative": "",
    text: relativeTime(date),
  });
}

export function updateRelativeTimes() {
  for (const node of document.querySelectorAll("time[data-relative]")) {
    const date = parseDate(node.getAttribute("datetime"));
    if (date) node.textContent = relativeTime(date);
  }
}

export function firstLine(text) {
  return String(text ?? "").split(/\r?\n/, 1)[0].trim();
}

export function shortSha(sha) {
  return sha ? String(sha).slice(0, 7) : "";
}

export function isBlank(value) {
  return value === null || value === undefined || value === "";
}

function displayValue(field, value) {
  if (isBlank(value)) return null;
  if (field === "enabled") {
    const text = String(value).toLowerCase();
    if (value === true || text === "true") return "enabled";
    if (value === false || text === "false") return "disabled";
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function valueNode(field, value) {
  const text = displayValue(field, value);
  if (text === null) return h("span", { class: "value-unset", text: "not set" });
  return h("span", { class: "value", text });
}

export function safeHref(url) {
  if (typeof url !== "string" || url.trim() === "") return null;
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

// A span of seconds in its two largest units, as the API's promotion texts say it: "3 days 4 hours", "40 minutes".
export function duration(seconds) {
  const total = Math.max(0, Math.floor(Number(seconds) || 0));
  const unit = (count, name) => `${count} ${name}${count === 1 ? "" : "s"}`;
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (days > 0) return hours === 0 ? unit(days, "day") : `${unit(days, "day")} ${unit(hours, "hour")}`;
  if (hours > 0) return minutes === 0 ? unit(hours, "hour") : `${unit(hours, "hour")} ${unit(minutes, "minute")}`;
  return unit(minutes, "minute");
}
