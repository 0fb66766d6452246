// SPDX-License-Identifier: EUPL-1.2
// SPDX-FileCopyrightText: 2026 Safetyplan contributors
// Render every chart on the page: an element with data-chart="ID" gets the Vega-Lite spec in
// the JSON script element with that id. vegaEmbed comes from the locally served bundle.
const locale = window.SAFETYPLAN_CHART_LOCALE || {};

function renderCharts(root) {
  if (!window.vegaEmbed) return;
  root.querySelectorAll("[data-chart]:not([data-rendered])").forEach((el) => {
    const source = document.getElementById(el.dataset.chart);
    if (!source) return;
    el.dataset.rendered = "1";
    const spec = JSON.parse(source.textContent);
    window.vegaEmbed(el, spec, {
      actions: false,
      renderer: "svg",
      formatLocale: locale.format,
      timeFormatLocale: locale.time,
    }).then((result) => {
      // Keep the chart out of the tab order; its figures are in a table beside it.
      el.querySelectorAll("svg").forEach((svg) => svg.setAttribute("aria-hidden", "true"));
      el.dataset.ready = "1";
    }).catch((err) => { el.textContent = ""; console.error(err); });
  });
}

renderCharts(document);
document.body.addEventListener("htmx:afterSettle", (event) => renderCharts(event.target));
