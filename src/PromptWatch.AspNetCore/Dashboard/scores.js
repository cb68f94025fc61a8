// Evaluation scores as the page shows them: a change's badges (value, difference from the previous evaluated
// version, a regression marked) and a drift side's scores.
import { h, srOnly } from "./dom.js";

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

function formatNumber(value) {
  return Number.isFinite(value) ? numberFormat.format(value) : "?";
}

function deltaText(delta) {
  if (!Number.isFinite(delta) || delta === 0) return "±0";
  return `${delta > 0 ? "+" : "−"}${numberFormat.format(Math.abs(delta))}`;
}

// A change's scores (entry.scores) as badges, or its score file's error (entry.scores_error) as one.
export function scoreBadges(entry) {
  if (typeof entry.scores_error === "string" && entry.scores_error) {
    return [h("span", { class: "badge badge-score is-error", "data-testid": "score-error", title: entry.scores_error, text: "scores unreadable" })];
  }
  if (!Array.isArray(entry.scores)) return [];
  return entry.scores.filter((score) => typeof score?.name === "string").map((score) => {
    const hasPrevious = Number.isFinite(score.previous);
    const title = hasPrevious
      ? `${score.name}: ${formatNumber(score.previous)} → ${formatNumber(score.value)} (${score.direction === "lower" ? "lower" : "higher"} is better)${score.regressed ? ", a regression" : ""}`
      : `${score.name}: ${formatNumber(score.value)}, the first evaluated version`;
    return h("span", { class: `badge badge-score${score.regressed ? " is-regressed" : ""}`, "data-testid": "score-badge", "data-metric": score.name, title },
      srOnly("Score "), `${score.name} ${formatNumber(score.value)}`,
      hasPrevious ? h("span", { class: "score-delta", text: ` ${deltaText(score.delta)}` }) : null,
      score.regressed ? h("span", { class: "score-regressed", text: " regressed" }) : null);
  });
}

// A drift side's scores ({metric: value}) as one line, or null when it has none.
export function sideScores(scores) {
  if (!scores || typeof scores !== "object") return null;
  const names = Object.keys(scores);
  if (names.length === 0) return null;
  return h("span", { class: "drift-scores", "data-testid": "drift-scores", text: ` (${names.map((name) => `${name} ${formatNumber(scores[name])}`).join(", ")})` });
}
