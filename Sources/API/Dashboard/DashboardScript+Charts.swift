/// SVG drawing for the dashboard: a line chart of a series (with its min/max band) and an outage timeline.
extension DashboardScript {
    static let charts = #"""
    const SVG = "http://www.w3.org/2000/svg";
    const iso = t => new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
    function svg(tag, attributes, ...children) {
      const node = document.createElementNS(SVG, tag);
      for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
      for (const child of children) node.append(child);
      return node;
    }

    // A line chart of [time ms, value] pairs with min/max shading when given.
    function lineChart(points, label) {
      const width = 900, height = 260, left = 50, bottom = 24;
      const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });
      const values = points.flatMap(p => [p.min ?? p.value, p.max ?? p.value]).filter(v => v != null);
      if (!values.length) { chart.append(svg("text", { x: left, y: height / 2 }, "no readings in this range")); return chart; }
      const t0 = points[0].time, t1 = Math.max(points[points.length - 1].time, t0 + 1);
      let v0 = Math.min(...values), v1 = Math.max(...values);
      if (v1 - v0 < 1e-9) { v0 -= 1; v1 += 1; }
      const x = t => left + (t - t0) / (t1 - t0) * (width - left - 10);
      const y = v => 10 + (v1 - v) / (v1 - v0) * (height - bottom - 10);
      for (const v of [v0, (v0 + v1) / 2, v1]) {
        chart.append(svg("line", { x1: left, x2: width - 10, y1: y(v), y2: y(v), stroke: "#eee" }));
        chart.append(svg("text", { x: 2, y: y(v) + 4 }, v.toFixed(1)));
      }
      for (const t of [t0, (t0 + t1) / 2, t1]) chart.append(svg("text", { x: x(t) - 40, y: height - 6 }, new Date(t).toLocaleString()));
      const present = points.filter(p => p.value != null);
      if (present.some(p => p.min != null)) {
        const band = present.map(p => `${x(p.time)},${y(p.max)}`).concat(present.slice().reverse().map(p => `${x(p.time)},${y(p.min)}`));
        chart.append(svg("polygon", { points: band.join(" "), fill: "#c9dcf2" }));
      }
      chart.append(svg("polyline", { points: present.map(p => `${x(p.time)},${y(p.value)}`).join(" "), fill: "none", stroke: "#1f5fa8", "stroke-width": 1.5 }));
      return chart;
    }

    // Outage bars over [from, to) ms; open outages run to `to` in red.
    function timeline(outages, from, to) {
      const width = 900, height = 50, left = 50;
      const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "outage timeline" });
      const x = t => left + Math.max(0, Math.min(1, (t - from) / (to - from))) * (width - left - 10);
      chart.append(svg("line", { x1: left, x2: width - 10, y1: 20, y2: 20, stroke: "#999" }));
      for (const outage of outages) {
        const start = Date.parse(outage.start), end = outage.end ? Date.parse(outage.end) : to;
        const bar = svg("rect", { x: x(start), y: 10, width: Math.max(2, x(end) - x(start)), height: 20, fill: outage.end ? "#e08a2c" : "#c62828" });
        bar.append(svg("title", {}, `${outage.start} → ${outage.end || "open"} (${outage.class})`));
        chart.append(bar);
      }
      chart.append(svg("text", { x: left, y: 45 }, new Date(from).toLocaleDateString()));
      chart.append(svg("text", { x: width - 90, y: 45 }, new Date(to).toLocaleDateString()));
      chart.append(svg("text", { x: 2, y: 25 }, outages.length + " outages"));
      return chart;
    }
    """#
}
