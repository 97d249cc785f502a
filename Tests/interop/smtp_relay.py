"""A real SMTP server for the tests: aiosmtpd (PyPI) on loopback.

Usage: smtp_relay.py PORT OUT_DIR [--tls CERT KEY] [--auth USER:PASSWORD]
                                  [--reject ADDRESS:CODE ...]

Every accepted message is written to OUT_DIR as NNNN.json: the envelope, the raw message, and
the message as Python's email package parses it (headers decoded, each MIME part's text), so
the Swift tests check Tresor's MIME against an independent parser. With --tls the server offers
STARTTLS and requires it; with --auth it requires AUTH (PLAIN or LOGIN) after STARTTLS.
--reject makes RCPT TO for ADDRESS fail with CODE (e.g. 450 or 550). PORT 0 lets the system
choose a free port. Prints "relay listening on PORT" when ready.
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, out_dir, rejects):
        self.out_dir = out_dir
        self.rejects = rejects
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        code = self.rejects.get(address)
        if code:
            return f"{code} {'4.2.1 try again later' if code.startswith('4') else '5.1.1 no such user'}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "raw": raw.decode("ascii", errors="replace"),
            "seven_bit": all(byte < 128 for byte in raw),
            "max_line_length": max(len(line) for line in raw.split(b"\r\n")),
            "subject": str(message["subject"]),
            "from": str(message["from"]),
            "to": str(message["to"]),
            "date": str(message["date"]),
            "date_parses": message["date"] is not None and message["date"].datetime is not None,
            "message_id": str(message["message-id"]),
            "mime_version": str(message["mime-version"]),
            "content_type": message.get_content_type(),
            "text": parts.get("text/plain"),
            "html": parts.get("text/html"),
            "defects": [type(defect).__name__ for defect in message.defects],
        }
        path = os.path.join(self.out_dir, f"{self.count:04d}.json")
        with open(path + ".tmp", "w") as handle:
            json.dump(record, handle)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("out_dir")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth")
    parser.add_argument("--reject", action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    rejects = dict(item.rsplit(":", 1) for item in args.reject)

    options = {}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls[0], args.tls[1])
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)

        options.update(authenticator=authenticator, auth_required=True, auth_require_tls=True)

    asyncio.run(serve(Recorder(args.out_dir, rejects), args.port, options))


async def serve(handler, port, options):
    """Listens on 127.0.0.1:PORT (0: a port the system chooses) until killed."""
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="127.0.0.1", **options), host="127.0.0.1", port=port)
    print(f"relay listening on {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
