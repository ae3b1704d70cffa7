/// The dashboard's views: the device table by area, a meter's page, open outages with the
/// frequent-outage status, and the indices of a chosen period.
extension DashboardScript {
    static let views = #"""
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
    """#
}
