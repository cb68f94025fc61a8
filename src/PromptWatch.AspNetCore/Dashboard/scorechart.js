// A use case's score series on its page (over api/usecases/{env}/{usecase}/scores): one small line chart per metric,
// drawn as inline SVG (no library), oldest version on the left, a regression's point marked, each point's version
// and value in its tooltip; the same numbers in a table for keyboards and screen readers.
import { h } from "./dom.js";
import { shortSha } from "./format.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 320;
const HEIGHT = 96;
const PAD = 6;
const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  return node;
}

function points(series, metric) {
  return series.points
    .map((point) => ({ point, value: point?.scores?.[metric] }))
    .filter(({ value }) => Number.isFinite(value));
}

function chart(metric, direction, measured) {
  const values = measured.map(({ value }) => value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i) => (measured.length === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (measured.length - 1));
  const y = (value) => HEIGHT - PAD - ((value - min) / span) * (HEIGHT - 2 * PAD);
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "score-chart", role: "img", "aria-label": `${metric}: ${values.length} evaluated versions, from ${numberFormat.format(values[0])} to ${numberFormat.format(values[values.length - 1])} (${direction === "lower" ? "lower" : "higher"} is better)` });
  root.appendChild(svg("polyline", { class: "score-line", fill: "none", points: measured.map(({ value }, i) => `${x(i).toFixed(1)},${y(value).toFixed(1)}`).join(" ") }));
  measured.forEach(({ point, value }, i) => {
    const regressed = Array.isArray(point.regressed) && point.regressed.includes(metric);
    const dot = svg("circle", { cx: x(i).toFixed(1), cy: y(value).toFixed(1), r: regressed ? 4 : 3, class: `score-point${regressed ? " is-regressed" : ""}`, "data-testid": "score-point" });
    const tip = svg("title");
    tip.textContent = `${point.short_commit || shortSha(point.commit)}: ${metric} ${numberFormat.format(value)}${regressed ? " (regressed)" : ""}`;
    dot.appendChild(tip);
    root.appendChild(dot);
  });
  return root;
}

function table(metric, measured) {
  return h("table", { class: "score-table" },
    h("caption", { class: "visually-hidden", text: `${metric} per version, oldest first` }),
    h("thead", null, h("tr", null, h("th", { scope: "col", text: "Version" }), h("th", { scope: "col", text: metric }))),
    h("tbody", null, measured.map(({ point, value }) => {
      const regressed = Array.isArray(point.regressed) && point.regressed.includes(metric);
      return h("tr", { class: regressed ? "is-regressed" : null },
        h("td", null, h("code", { text: point.short_commit || shortSha(point.commit) })),
        h("td", { text: `${numberFormat.format(value)}${regressed ? " (regressed)" : ""}` }));
    })));
}

// The page's Scores section, or a line saying there are none.
export function scoreSeries(series) {
  const metrics = Array.isArray(series?.metrics) ? series.metrics.filter((m) => typeof m?.name === "string") : [];
  if (!Array.isArray(series?.points) || metrics.length === 0) {
    return h("p", { class: "story-scores-none", "data-testid": "score-series-none", text: "No evaluation scores for this use case here yet." });
  }
  return h("section", { class: "story-scores", "data-testid": "score-series", "aria-label": "Evaluation scores" },
    h("h3", { text: "Evaluation scores" }),
    metrics.map((metric) => {
      const measured = points(series, metric.name);
      if (measured.length === 0) return null;
      return h("figure", { class: "score-metric", "data-testid": "score-metric", "data-metric": metric.name },
        h("figcaption", { text: `${metric.name} (${metric.direction === "lower" ? "lower" : "higher"} is better)` }),
        chart(metric.name, metric.direction, measured),
        h("details", null, h("summary", { text: "Values" }), table(metric.name, measured)));
    }));
}
