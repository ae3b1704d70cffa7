import Hummingbird

/// The dashboard: one page, one script, one style sheet, all compiled into the binary.
struct DashboardRoutes {
    func add(to router: Router<APIRequestContext>) {
        router.get("/") { _, _ in Response.text(DashboardPage.html, contentType: "text/html; charset=utf-8") }
        router.get("dashboard.js") { _, _ in Response.text(DashboardScript.javascript, contentType: "text/javascript; charset=utf-8") }
        router.get("dashboard.css") { _, _ in Response.text(DashboardPage.css, contentType: "text/css; charset=utf-8") }
    }
}
