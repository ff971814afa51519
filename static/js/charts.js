// Small SVG charts for the monitoring dashboard, drawn from JSON in the page
// (json_script). No library: three chart kinds are all the dashboard needs, and
// the same numbers are always in an accessible table next to the chart.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1"];

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function niceMax(value) {
    if (value <= 0) {
      return 1;
    }
    var step = Math.pow(10, Math.floor(Math.log10(value)));
    return Math.ceil(value / step) * step;
  }

  function legend(svg, labels, y) {
    labels.forEach(function (label, i) {
      var x = 10 + i * 140;
      svg.appendChild(el("rect", { x: x, y: y - 10, width: 12, height: 12, fill: COLOURS[i] }));
      svg.appendChild(el("text", { x: x + 18, y: y, "font-size": 12 }, label));
    });
  }

  // Vertical bars (one group per row), or a line per series when kind is "line".
  function columns(svg, rows, labelKey, series, labels, kind) {
    var width = 640, height = 260, left = 44, bottom = 40, top = 24;
    var plotW = width - left - 10, plotH = height - top - bottom;
    var max = niceMax(Math.max.apply(null, [0].concat(rows.map(function (row) {
      return Math.max.apply(null, series.map(function (s) { return row[s] || 0; }));
    }))));
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    [0, 0.5, 1].forEach(function (f) {
      var y = top + plotH - f * plotH;
      svg.appendChild(el("line", { x1: left, x2: width - 10, y1: y, y2: y, stroke: "#dee2e6" }));
      svg.appendChild(el("text", { x: left - 6, y: y + 4, "font-size": 11, "text-anchor": "end" },
        String(Math.round(max * f))));
    });
    var slot = plotW / Math.max(rows.length, 1);
    var barW = Math.max(2, (slot * 0.8) / series.length);
    var every = Math.ceil(rows.length / 12);
    rows.forEach(function (row, i) {
      var x0 = left + i * slot;
      if (i % every === 0) {
        svg.appendChild(el("text", { x: x0 + slot / 2, y: height - bottom + 16, "font-size": 11,
          "text-anchor": "middle" }, String(row[labelKey])));
      }
      if (kind !== "line") {
        series.forEach(function (s, j) {
          var h = ((row[s] || 0) / max) * plotH;
          svg.appendChild(el("rect", { x: x0 + slot * 0.1 + j * barW, y: top + plotH - h,
            width: barW - 1, height: h, fill: COLOURS[j] }));
        });
      }
    });
    if (kind === "line") {
      series.forEach(function (s, j) {
        var points = rows.map(function (row, i) {
          return (left + i * slot + slot / 2) + "," + (top + plotH - ((row[s] || 0) / max) * plotH);
        });
        svg.appendChild(el("polyline", { points: points.join(" "), fill: "none",
          stroke: COLOURS[j], "stroke-width": 2 }));
        // A dot on every value, so that a single month still shows.
        points.forEach(function (point) {
          var xy = point.split(",");
          svg.appendChild(el("circle", { cx: xy[0], cy: xy[1], r: 3.5, fill: COLOURS[j] }));
        });
      });
    }
    legend(svg, labels, height - 6);
  }

  // Horizontal bars, for long labels such as theme names.
  function bars(svg, rows, labelKey, series, labels) {
    var rowH = 12 * series.length + 10, left = 200, width = 640, top = 10;
    var height = top + rows.length * rowH + 30;
    var plotW = width - left - 40;
    var max = niceMax(Math.max.apply(null, [0].concat(rows.map(function (row) {
      return Math.max.apply(null, series.map(function (s) { return row[s] || 0; }));
    }))));
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    rows.forEach(function (row, i) {
      var y0 = top + i * rowH;
      var name = String(row[labelKey]);
      svg.appendChild(el("text", { x: left - 6, y: y0 + rowH / 2 + 2, "font-size": 11,
        "text-anchor": "end" }, name.length > 32 ? name.slice(0, 31) + "…" : name));
      series.forEach(function (s, j) {
        var w = ((row[s] || 0) / max) * plotW;
        var y = y0 + 4 + j * 12;
        svg.appendChild(el("rect", { x: left, y: y, width: w, height: 10, fill: COLOURS[j] }));
        svg.appendChild(el("text", { x: left + w + 4, y: y + 9, "font-size": 10 }, String(row[s] || 0)));
      });
    });
    legend(svg, labels, height - 6);
  }

  function draw(holder) {
    var source = document.getElementById(holder.getAttribute("data-source"));
    if (!source) {
      return;
    }
    var rows = JSON.parse(source.textContent);
    var series = holder.getAttribute("data-series").split(",");
    var labels = holder.getAttribute("data-series-labels").split("|");
    var kind = holder.getAttribute("data-kind");
    var svg = el("svg", { "aria-hidden": "true", focusable: "false", width: "100%" });
    // Text in the SVG scales with its width: keep it readable on wide screens.
    svg.style.maxWidth = kind === "bars" ? "760px" : "100%";
    if (!rows.length) {
      return;
    }
    if (kind === "bars") {
      bars(svg, rows, holder.getAttribute("data-label"), series, labels);
    } else {
      columns(svg, rows, holder.getAttribute("data-label"), series, labels, kind);
    }
    holder.appendChild(svg);
    holder.setAttribute("data-drawn", "true");
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
