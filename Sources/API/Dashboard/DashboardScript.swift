/// The dashboard's script: hash routes (`#devices`, `#device/ID`, `#outages`, `#indices`), fetches
/// from `/api/v1` (with a bearer token kept in the session when the daemon asks for one), draws charts
/// as SVG, and refreshes the shown view every 15 seconds.
enum DashboardScript {
    static let javascript = "\"use strict\";\n" + charts + "\n" + views + "\n" + core

    /// Fetching, routing between views, refreshing; `start()` runs last, when every part is defined.
    static let core = #"""
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
