#!/usr/bin/env python3
"""A webhook receiver for GridWatch's tests: Python's own HTTP server on 127.0.0.1.

    webhook_receiver.py [--fail-first N]

Answers the first N POSTs with 503 (to exercise retries), the rest with 204, and prints each POST as
one JSON line: {"status": answered, "delivery": X-GridWatch-Delivery, "body": the parsed JSON body}.
Prints READY <port> once it serves.
"""
import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fail-first", type=int, default=0)
    options = parser.parse_args()
    calls = {"count": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            calls["count"] += 1
            status = 503 if calls["count"] <= options.fail_first else 204
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            print(json.dumps({"status": status, "delivery": self.headers.get("X-GridWatch-Delivery"),
                              "content_type": self.headers.get("Content-Type"), "body": json.loads(body)}), flush=True)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"READY {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
