#!/usr/bin/env python3
"""A webhook receiver for tests: verifies every request with the reference `standardwebhooks`
package and appends what it received to a JSON Lines file.

Usage: webhook_receiver.py PORT SECRET OUT_FILE [STATUS]

PORT 0 lets the system choose a free port; "receiver listening on PORT" names the one taken.
SECRET may be @FILE: the secret is read from FILE at each request, so a test can start the
receiver, register its URL (which makes the secret), then write the secret.

Each line: {"webhook_id", "event_type", "event_id", "customer_id", "verified", "payload"}.
Verified requests get STATUS (default 204); unverified ones get 400.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

PORT, SECRET, OUT = int(sys.argv[1]), sys.argv[2], sys.argv[3]
STATUS = int(sys.argv[4]) if len(sys.argv) > 4 else 204


def webhook():
    if not SECRET.startswith("@"):
        return Webhook(SECRET)
    with open(SECRET[1:], encoding="utf-8") as handle:
        return Webhook(handle.read().strip())


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            payload = webhook().verify(body, headers)
            verified = True
        except WebhookVerificationError:
            payload, verified = json.loads(body), False
        record = {
            "webhook_id": headers.get("webhook-id"),
            "event_type": payload.get("event_type"),
            "event_id": payload.get("event_id"),
            "customer_id": payload.get("data", {}).get("customer", {}).get("id"),
            "verified": verified,
            "payload": payload,
        }
        with open(OUT, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")
        self.send_response(STATUS if verified else 400)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Receiver)
    print(f"receiver listening on {server.server_address[1]}", flush=True)
    server.serve_forever()
