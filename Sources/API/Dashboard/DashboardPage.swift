/// The dashboard's page and style sheet. No build step and nothing from the network: the script is
/// `DashboardScript`, and the page talks only to this daemon's `/api/v1`.
enum DashboardPage {
    static let html = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>GridWatch</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/dashboard.css">
    <script src="/dashboard.js" defer></script>
    </head>
    <body>
    <header>
      <h1>GridWatch</h1>
      <nav><a href="#devices">Devices</a> <a href="#outages">Outages</a> <a href="#indices">Indices</a></nav>
      <span id="updated" class="muted"></span>
    </header>
    <div id="login" hidden>
      <form id="login-form"><label>Bearer token <input id="token" type="password" autocomplete="off"></label> <button>Use</button></form>
    </div>
    <p id="error" class="error" hidden></p>
    <main>
    <section id="view-devices">
      <h2>Devices</h2>
      <div class="filters">
        <label>Area <select id="filter-area"><option value="">all</option></select></label>
        <label>Status <select id="filter-status"><option value="">all</option><option>online</option><option>degraded</option><option>offline</option><option>never_seen</option></select></label>
        <label>Search <input id="filter-text" type="search" placeholder="device id"></label>
        <span id="device-counts" class="muted"></span>
      </div>
      <div id="device-areas"></div>
    </section>
    <section id="view-device" hidden>
      <h2 id="device-title"></h2>
      <p id="device-summary"></p>
      <label>Point <select id="device-point"></select></label>
      <label>Range <select id="device-range"><option value="6">6 hours</option><option value="24" selected>24 hours</option><option value="168">7 days</option></select></label>
      <div id="device-chart" class="chart"></div>
      <h3>Outage timeline (30 days)</h3>
      <div id="device-timeline" class="chart"></div>
      <h3>Latest values</h3>
      <table id="device-values"></table>
      <h3>Recent errors</h3>
      <table id="device-errors"></table>
    </section>
    <section id="view-outages" hidden>
      <h2>Open outages</h2>
      <table id="open-outages"></table>
      <h2>Frequent-outage status</h2>
      <table id="frequent-status"></table>
      <h2>Open rule violations</h2>
      <table id="open-violations"></table>
    </section>
    <section id="view-indices" hidden>
      <h2>Reliability indices</h2>
      <form id="indices-form" class="filters">
        <label>From <input id="indices-from" type="date" required></label>
        <label>To <input id="indices-to" type="date" required></label>
        <label>By <select id="indices-by"><option>area</option><option>line</option><option>system</option></select></label>
        <button>Compute</button>
      </form>
      <table id="indices-table"></table>
    </section>
    </main>
    </body>
    </html>
    """#

    static let css = #"""
    body { font-family: system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
    header { display: flex; gap: 1.5em; align-items: baseline; padding: .5em 1em; background: #1f3a5f; color: #fff; }
    header h1 { font-size: 1.2em; margin: 0; }
    header a { color: #cfe3ff; margin-right: .8em; }
    main { padding: 0 1em 2em; }
    table { border-collapse: collapse; margin: .3em 0 1em; font-size: .9em; }
    th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; }
    th { background: #eee; }
    .filters { display: flex; gap: 1em; align-items: center; margin: .5em 0; flex-wrap: wrap; }
    .muted { color: #888; font-size: .9em; }
    .error { color: #a00; padding: 0 1em; }
    tr.online td.status { background: #cdeccd; }
    tr.degraded td.status { background: #ffe8a8; }
    tr.offline td.status { background: #f8b4b4; }
    tr.never_seen td.status { background: #ddd; }
    tr.open { background: #fde2e2; }
    .chart svg { background: #fff; border: 1px solid #ccc; }
    .chart text { font-size: 11px; fill: #555; }
    a.device { font-family: monospace; }
    """#
}
