/// The OpenAPI 3.0 description of `/api/v1`, `/health` and `/metrics`, written by hand; `APITests`
/// checks that every documented operation is routed and every route is documented.
enum OpenAPIDocument {
    static let text = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "GridWatch gateway API",
        "version": "1.0.0",
        "description": "Devices, readings, outages, interruption events, reliability indices and rule violations of one gateway. Times are ISO-8601 with an offset (a + in a query string must be sent as %2B) or plain dates at the gateway's offset. Errors are RFC 9457 problem documents. Lists are paged with limit/offset; X-Total-Count gives the total and Link rel=next the next page. When the daemon has a tokens file, every /api and /metrics request needs Authorization: Bearer TOKEN; POST needs an annotate token."
      },
      "servers": [{"url": "/"}],
      "security": [{"bearer": []}, {}],
      "paths": {
        "/api/v1/devices": {"get": {"operationId": "listDevices", "summary": "Every device with status and link health",
          "parameters": [{"$ref": "#/components/parameters/area"}, {"$ref": "#/components/parameters/line"},
            {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["online", "degraded", "offline", "never_seen"]}},
            {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/offset"}],
          "responses": {"200": {"$ref": "#/components/responses/list"}, "400": {"$ref": "#/components/responses/problem"}}}},
        "/api/v1/devices/{id}": {"get": {"operationId": "getDevice", "summary": "Latest values with quality, health, recent errors and points",
          "parameters": [{"$ref": "#/components/parameters/deviceID"}],
          "responses": {"200": {"$ref": "#/components/responses/object"}, "404": {"$ref": "#/components/responses/problem"}}}},
        "/api/v1/devices/{id}/readings": {"get": {"operationId": "getReadings", "summary": "One point's raw series, or buckets of step (min/mean/max)",
          "parameters": [{"$ref": "#/components/parameters/deviceID"},
            {"name": "point", "in": "query", "required": true, "schema": {"type": "string"}, "example": "voltage_a"},
            {"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"},
            {"name": "step", "in": "query", "description": "Whole minutes: 15, 15m, 1h, 1d", "schema": {"type": "string"}}],
          "responses": {"200": {"$ref": "#/components/responses/list"}, "400": {"$ref": "#/components/responses/problem"}, "404": {"$ref": "#/components/responses/problem"}}}},
        "/api/v1/outages": {"get": {"operationId": "listOutages", "summary": "Outage records overlapping [from, to)",
          "parameters": [{"name": "meter", "in": "query", "schema": {"type": "string"}}, {"$ref": "#/components/parameters/area"},
            {"$ref": "#/components/parameters/line"}, {"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"},
            {"name": "open", "in": "query", "schema": {"type": "boolean"}},
            {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/offset"}],
          "responses": {"200": {"$ref": "#/components/responses/list"}, "400": {"$ref": "#/components/responses/problem"}}}},
        "/api/v1/events/{id}": {"get": {"operationId": "getEvent", "summary": "An interruption event with its outage records and annotations",
          "parameters": [{"$ref": "#/components/parameters/eventID"}],
          "responses": {"200": {"$ref": "#/components/responses/object"}, "404": {"$ref": "#/components/responses/problem"}}}},
        "/api/v1/events/{id}/annotation": {"post": {"operationId": "annotateEvent", "summary": "Classify an event and its records (annotate role)",
          "parameters": [{"$ref": "#/components/parameters/eventID"}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false,
            "properties": {"class": {"type": "string", "enum": ["fault_internal", "fault_external", "planned", "temporary", "supply_shortage", "grid_limit"]},
              "cause": {"type": "string"}, "cause_code": {"type": "string"}, "work_order": {"type": "string"}, "author": {"type": "string"}}}}}},
          "responses": {"200": {"$ref": "#/components/responses/object"}, "400": {"$ref": "#/components/responses/problem"},
            "401": {"$ref": "#/components/responses/problem"}, "403": {"$ref": "#/components/responses/problem"}, "404": {"$ref": "#/components/responses/problem"}}}},
        "/api/v1/indices": {"get": {"operationId": "getIndices", "summary": "IEEE 1366 and DL/T 836 indices, the JSON of `gridwatch indices`",
          "parameters": [{"name": "by", "in": "query", "description": "area, line, county, region or system, comma-separated", "schema": {"type": "string", "default": "system"}},
            {"name": "id", "in": "query", "description": "Only the group with this id", "schema": {"type": "string"}},
            {"$ref": "#/components/parameters/fromRequired"}, {"$ref": "#/components/parameters/toRequired"},
            {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}}],
          "responses": {"200": {"$ref": "#/components/responses/object"}, "304": {"description": "Not modified since the ETag"},
            "400": {"$ref": "#/components/responses/problem"}, "404": {"$ref": "#/components/responses/problem"}}}},
        "/api/v1/violations": {"get": {"operationId": "listViolations", "summary": "Rule violations, newest first",
          "parameters": [{"name": "open", "in": "query", "schema": {"type": "boolean"}}, {"name": "rule", "in": "query", "schema": {"type": "string"}},
            {"name": "entity", "in": "query", "schema": {"type": "string", "enum": ["meter", "area", "line"]}},
            {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/offset"}],
          "responses": {"200": {"$ref": "#/components/responses/list"}, "400": {"$ref": "#/components/responses/problem"}}}},
        "/api/v1/violations/{id}/ack": {"post": {"operationId": "acknowledgeViolation", "summary": "Acknowledge a violation with an optional remediation note (annotate role)",
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {"note": {"type": "string"}, "by": {"type": "string"}}}}}},
          "responses": {"200": {"$ref": "#/components/responses/object"}, "400": {"$ref": "#/components/responses/problem"},
            "401": {"$ref": "#/components/responses/problem"}, "403": {"$ref": "#/components/responses/problem"}, "404": {"$ref": "#/components/responses/problem"}}}},
        "/api/v1/frequent-outages": {"get": {"operationId": "getFrequentOutageStatus", "summary": "Frequent-outage status per line and area for a year (columns of `gridwatch report frequent-outages`)",
          "parameters": [{"name": "year", "in": "query", "description": "Calendar year at the gateway's offset (default: this year)", "schema": {"type": "integer"}}],
          "responses": {"200": {"$ref": "#/components/responses/object"}, "400": {"$ref": "#/components/responses/problem"}}}},
        "/api/v1/openapi.json": {"get": {"operationId": "getOpenAPI", "summary": "This document", "security": [],
          "responses": {"200": {"$ref": "#/components/responses/object"}}}},
        "/health": {"get": {"operationId": "getHealth", "summary": "Liveness, readiness and the reason when not ready (GET /health)", "security": [],
          "responses": {"200": {"$ref": "#/components/responses/object"}, "503": {"$ref": "#/components/responses/object"}}}},
        "/metrics": {"get": {"operationId": "getMetrics", "summary": "Prometheus text format (GET /metrics)",
          "responses": {"200": {"description": "Prometheus exposition format 0.0.4", "content": {"text/plain": {"schema": {"type": "string"}}}}}}}
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "parameters": {
          "deviceID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
          "eventID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
          "area": {"name": "area", "in": "query", "schema": {"type": "string"}},
          "line": {"name": "line", "in": "query", "schema": {"type": "string"}},
          "from": {"name": "from", "in": "query", "description": "Inclusive; ISO-8601 with offset or a date", "schema": {"type": "string"}},
          "to": {"name": "to", "in": "query", "description": "Exclusive; after from", "schema": {"type": "string"}},
          "fromRequired": {"name": "from", "in": "query", "required": true, "schema": {"type": "string"}},
          "toRequired": {"name": "to", "in": "query", "required": true, "schema": {"type": "string"}},
          "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
          "offset": {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}}
        },
        "responses": {
          "list": {"description": "A JSON array (one page)", "headers": {"X-Total-Count": {"schema": {"type": "integer"}}, "Link": {"schema": {"type": "string"}}},
            "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}},
          "object": {"description": "A JSON object", "content": {"application/json": {"schema": {"type": "object"}}}},
          "problem": {"description": "An RFC 9457 problem document",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        },
        "schemas": {
          "Problem": {"type": "object", "required": ["type", "title", "status", "detail"],
            "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}, "parameter": {"type": "string"}}}
        }
      }
    }
    """#
}
