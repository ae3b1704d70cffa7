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

    const views = { devices: showDevices };

    async function route() {
      const [name, argument] = location.hash.replace(/^#/, "").split("/");
      const view = views[name] ? name : "devices";
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
      window.addEventListener("hashchange", route);
      route();
      setInterval(route, REFRESH_MS);
    }

    start();
    """#
}
