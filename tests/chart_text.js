// Every text plotly drew in each chart on the page, with its box, and the boxes that may clip it.
// Read by tests/test_chart_layout.py through page.evaluate.
() => {
  const SELECTOR = [
    ".xaxislayer-above text", ".yaxislayer-above text",   // tick labels, every axis
    ".gtitle", ".g-xtitle text", ".g-ytitle text",        // chart and axis titles
    ".legendtext", ".legendtitletext",                    // legend entries
    ".annotation-text", ".textpoint text", ".bartext",   // annotations and data labels
  ].join(", ");
  const box = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const kind = (t) => t.closest(".legend") ? "legend" : t.closest(".xaxislayer-above") ? "x tick"
    : t.closest(".yaxislayer-above") ? "y tick" : t.classList.contains("gtitle") ? "title"
    : t.closest(".g-xtitle, .g-ytitle") ? "axis title" : t.closest(".annotation") ? "annotation"
    : "data label";
  const visible = (t) => {
    for (let el = t; el && el.tagName !== "svg"; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") return false;
    }
    return true;
  };
  // A data label inside a clipped layer (cliponaxis) shows only within its subplot's plot area.
  const clip = (t, plot) => {
    if (t.closest(".legend")) return box(plot.querySelector(".legend .bg").getBoundingClientRect());
    const clipped = t.closest("[clip-path]");
    const subplot = t.closest(".subplot");
    if (!clipped || !subplot || !subplot.contains(clipped)) return null;
    const name = [...subplot.classList].find((c) => c !== "subplot");
    const drag = plot.querySelector(`.draglayer .${name} .nsewdrag`);
    return drag ? box(drag.getBoundingClientRect()) : null;
  };
  return [...document.querySelectorAll(".stPlotlyChart .js-plotly-plot")].map((plot) => {
    const svg = plot.querySelector(".main-svg");
    const title = plot.querySelector(".gtitle");
    const texts = [...plot.querySelectorAll(SELECTOR)]
      .filter((t) => t.textContent.trim() && visible(t))
      .map((t) => ({text: t.textContent, kind: kind(t), box: box(t.getBoundingClientRect()), clip: clip(t, plot)}))
      .filter((t) => t.box.right - t.box.left > 0 && t.box.bottom - t.box.top > 0);
    return {title: title ? title.textContent : "(untitled chart)", svg: box(svg.getBoundingClientRect()), texts};
  });
}
