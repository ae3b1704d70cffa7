/// The dashboard's script: hash routes (`#devices`, `#device/ID`, `#outages`, `#indices`), fetches
/// from `/api/v1` (with a bearer token kept in the session when the daemon asks for one), draws charts
/// as SVG, and refreshes the shown view every 15 seconds.
enum DashboardScript {
    static let javascript = #"""
    "use strict";
    const REFRESH_MS = 15000;
    const state = { devices: [], token: sessionStorage.getItem("gridwatch.token") || "" };

    async function api(path) {
      const headers = state.token ? { Authorization: "Bearer " + state.token } : {};
      const response = await fetch("/api/v1" + path, { headers });
      if (response.status === 401) { document.getElementById("login").hidden = false; throw new Error("a bearer token is needed"); }
      const body = await response.json();
      if (!response.ok) throw new Error(body.detail || response.statusText);
      return body;
    }

    async function allPages(path) {
      const items = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await api(path + (path.includes("?") ? "&" : "?") + "limit=1000&offset=" + offset);
        items.push(...page);
        if (page.length < 1000) return items;
      }
    }

    function element(tag, attributes, ...children) {
      const node = document.createElement(tag);
      for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
      for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
      return node;
    }

    function fillTable(table, header, rows) {
      table.replaceChildren(element("tr", {}, ...header.map(h => element("th", {}, h))), ...rows);
    }

    function showError(error) {
      const box = document.getElementById("error");
      box.hidden = !error;
      box.textContent = error ? String(error.message || error) : "";
    }

    async function showDevices() {
      state.devices = await allPages("/devices");
      const areaSelect = document.getElementById("filter-area");
      const areas = [...new Set(state.devices.map(d => d.area || "(none)"))].sort();
      const chosen = areaSelect.value;
      areaSelect.replaceChildren(element("option", { value: "" }, "all"), ...areas.map(a => element("option", {}, a)));
      areaSelect.value = chosen;
      renderDevices();
    }

    function renderDevices() {
      const area = document.getElementById("filter-area").value;
      const status = document.getElementById("filter-status").value;
      const text = document.getElementById("filter-text").value.trim().toLowerCase();
      const shown = state.devices.filter(d => (!area || (d.area || "(none)") === area) && (!status || d.status === status)
        && (!text || d.id.toLowerCase().includes(text)));
      const byArea = new Map();
      for (const device of shown) {
        const key = device.area || "(none)";
        if (!byArea.has(key)) byArea.set(key, []);
        byArea.get(key).push(device);
      }
      const counts = {};
      for (const device of shown) counts[device.status] = (counts[device.status] || 0) + 1;
      document.getElementById("device-counts").textContent =
        shown.length + " devices: " + Object.entries(counts).map(([k, v]) => v + " " + k).join(", ");
      const sections = [...byArea.keys()].sort().map(key => {
        const table = element("table", { class: "devices" });
        fillTable(table, ["device", "status", "bus", "unit", "line", "last success", "ok/h", "p99 ms", "last error"],
          byArea.get(key).map(d => element("tr", { class: d.status },
            element("td", {}, element("a", { class: "device", href: "#device/" + encodeURIComponent(d.id) }, d.id)),
            element("td", { class: "status" }, d.status), element("td", {}, d.bus), element("td", {}, d.unit),
            element("td", {}, d.line), element("td", {}, d.last_success || "never"),
            element("td", {}, d.success_ratio == null ? "" : Math.round(d.success_ratio * 100) + "%"),
            element("td", {}, d.latency_p99_ms == null ? "" : d.latency_p99_ms.toFixed(1)), element("td", {}, d.last_error))));
        return element("div", {}, element("h3", {}, "Area " + key + " (" + byArea.get(key).length + ")"), table);
      });
      document.getElementById("device-areas").replaceChildren(...sections);
    }

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

    async function showDevice(id) {
      const detail = await api("/devices/" + encodeURIComponent(id));
      const device = detail.device;
      document.getElementById("device-title").textContent = "Meter " + device.id;
      document.getElementById("device-summary").textContent =
        `${device.status} · area ${device.area || "-"} · line ${device.line || "-"} · bus ${device.bus || "-"} unit ${device.unit ?? "-"} · last success ${device.last_success || "never"}`;
      const pointSelect = document.getElementById("device-point");
      const chosen = pointSelect.value || detail.points.find(p => p.startsWith("voltage")) || detail.points[0] || "";
      pointSelect.replaceChildren(...detail.points.map(p => element("option", {}, p)));
      pointSelect.value = chosen;
      const hours = Number(document.getElementById("device-range").value);
      const to = Date.now(), from = to - hours * 3600000;
      const range = `from=${iso(from)}&to=${iso(to)}`;
      const step = hours > 24 ? "15m" : hours > 6 ? "5m" : "1m";
      const series = chosen ? await api(`/devices/${encodeURIComponent(id)}/readings?point=${encodeURIComponent(chosen)}&step=${step}&${range}`) : [];
      document.getElementById("device-chart").replaceChildren(lineChart(series.map(b => ({ time: Date.parse(b.time), value: b.value, min: b.min, max: b.max })), chosen));
      const timelineFrom = to - 30 * 86400000;
      const outages = await allPages(`/outages?meter=${encodeURIComponent(id)}&from=${iso(timelineFrom)}`).catch(() => []);
      document.getElementById("device-timeline").replaceChildren(timeline(outages, timelineFrom, to));
      fillTable(document.getElementById("device-values"), ["point", "value", "quality", "time"],
        detail.values.map(v => element("tr", {}, element("td", {}, v.point), element("td", {}, v.value ?? "-"), element("td", {}, v.quality), element("td", {}, v.time))));
      fillTable(document.getElementById("device-errors"), ["time", "code", "error"],
        detail.recent_errors.map(e => element("tr", {}, element("td", {}, e.time), element("td", {}, e.code), element("td", {}, e.error))));
    }

    async function showOutages() {
      const open = await allPages("/outages?open=true");
      fillTable(document.getElementById("open-outages"), ["meter", "area", "line", "start", "minutes", "class", "event"],
        open.map(o => element("tr", { class: "open" },
          element("td", {}, element("a", { class: "device", href: "#device/" + encodeURIComponent(o.meter_id) }, o.meter_id)),
          element("td", {}, o.area), element("td", {}, o.line), element("td", {}, o.start),
          element("td", {}, Math.round(o.duration_seconds / 60)), element("td", {}, o.class), element("td", {}, o.event_id))));
      const status = await api("/frequent-outages");
      fillTable(document.getElementById("frequent-status"), ["level", "id", "line", "meters", "outages " + status.year, "frequent meters",
        "warned meters", "open problems", "cleared", "notes"],
        status.rows.map(r => element("tr", { class: r.open_problems > 0 ? "open" : "" },
          element("td", {}, r.level), element("td", {}, r.id), element("td", {}, r.line), element("td", {}, r.meters),
          element("td", {}, r.outages), element("td", {}, r.frequent_meters), element("td", {}, r.warned_meters),
          element("td", {}, r.open_problems), element("td", {}, r.cleared_problems), element("td", {}, r.notes.join("; ")))));
      const violations = await allPages("/violations?open=true");
      const order = { line: 0, area: 1, meter: 2 };
      violations.sort((a, b) => (order[a.entity] - order[b.entity]) || a.entity_id.localeCompare(b.entity_id));
      fillTable(document.getElementById("open-violations"), ["level", "id", "rule", "status", "outages", "window", "acknowledged", "note"],
        violations.map(v => element("tr", { class: v.level === "frequent" ? "open" : "" },
          element("td", {}, v.entity), element("td", {}, v.entity_id), element("td", {}, v.rule), element("td", {}, v.level),
          element("td", {}, v.count), element("td", {}, `${v.window_from} → ${v.window_to}`),
          element("td", {}, v.acknowledged || "no"), element("td", {}, v.remediation_note))));
    }

    async function showIndices() {
      const fromInput = document.getElementById("indices-from"), toInput = document.getElementById("indices-to");
      if (!fromInput.value) {
        const now = new Date();
        fromInput.value = `${now.getFullYear()}-01-01`;
        toInput.value = new Date(now.getTime() + 86400000).toISOString().slice(0, 10);
      }
      const by = document.getElementById("indices-by").value;
      const report = await api(`/indices?by=${by}&from=${fromInput.value}&to=${toInput.value}`);
      const columns = ["SAIFI", "SAIDI_minutes", "CAIDI_minutes", "ASAI", "MAIFI"];
      const format = v => v == null ? "" : Number(v).toFixed(4);
      fillTable(document.getElementById("indices-table"), ["by", "id", "customers", ...columns, "RS1 %"],
        report.groups.map(g => element("tr", {}, element("td", {}, g.by), element("td", {}, g.id), element("td", {}, g.customers),
          ...columns.map(c => element("td", {}, format(g.ieee1366[c]))), element("td", {}, format(g.dlt836.RS1_percent)))));
    }

    const views = { devices: showDevices, device: showDevice, outages: showOutages, indices: showIndices };

    async function route() {
      const [name, argument] = location.hash.replace(/^#/, "").split("/");
      const view = views[name] && (name !== "device" || argument) ? name : "devices";
      for (const section of document.querySelectorAll("main > section")) section.hidden = section.id !== "view-" + view;
      try {
        await views[view](argument && decodeURIComponent(argument));
        showError(null);
        document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
      } catch (error) {
        showError(error);
      }
    }

    function start() {
      for (const id of ["filter-area", "filter-status", "filter-text"]) document.getElementById(id).addEventListener("input", renderDevices);
      document.getElementById("login-form").addEventListener("submit", event => {
        event.preventDefault();
        state.token = document.getElementById("token").value.trim();
        sessionStorage.setItem("gridwatch.token", state.token);
        document.getElementById("login").hidden = true;
        route();
      });
      for (const id of ["device-point", "device-range"]) document.getElementById(id).addEventListener("change", route);
      document.getElementById("indices-form").addEventListener("submit", event => { event.preventDefault(); route(); });
      window.addEventListener("hashchange", route);
      route();
      setInterval(route, REFRESH_MS);
    }

    start();
    """#
}
