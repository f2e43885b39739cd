"""The fake Bot API over real HTTP on loopback, for running the bot as a process.

Serves `POST /bot<token>/<method>` with the same `FakeTelegram` core as the in-process fake.
Threaded, so long polling and sends can overlap like they do against Telegram. Takes the
bodies Telegram takes: application/json, multipart/form-data and urlencoded forms; counts the
content types it got in `content_types`.

Tests that kill the bot mid-request hook into it: `before(method, fields)` runs before the
fake handles a request (returning False drops it: no answer, the connection closed, as if
Telegram never got it); `after(method, fields, status, answer)` runs once the fake has handled
it, before the answer is written. `quiet=True`: a client that hangs up mid-request (a killed
bot) prints no traceback.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from tests.fakeapi import FakeTelegram

# (API method, its decoded form fields) -> whether to handle it; False drops the request.
Before = Callable[[str, dict[str, Any]], bool]
# (API method, its form fields, the fake's status and JSON answer), before the answer goes out.
After = Callable[[str, dict[str, Any], int, dict[str, Any]], None]


def _form(content_type: str, body: bytes) -> dict[str, Any]:
    if content_type.startswith("application/json"):
        parsed = json.loads(body) if body else {}
        if not isinstance(parsed, dict):
            raise ValueError("the JSON body is not an object")
        return parsed
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            payload = part.get_payload(decode=True) or b""
            if not isinstance(payload, bytes):
                raise ValueError("a multipart body nested in a part")
            fields[str(name)] = (filename, payload) if filename else payload.decode()
        return fields
    return dict(parse_qsl(body.decode(), keep_blank_values=True))


class FakeBotServer:
    def __init__(self, fake: FakeTelegram, token: str, *, quiet: bool = False) -> None:
        self.fake = fake
        self.token = token
        self.before: Before | None = None
        self.after: After | None = None
        self.requests = 0
        self.connections = 0
        # Media type of each request body ("" for none), e.g. {"application/json": 3}.
        self.content_types: Counter[str] = Counter()
        self.lock = threading.Lock()  # handler threads count at once
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Replies go out in two writes; without this each request waits ~40 ms for the
            # client's delayed ACK.
            disable_nagle_algorithm = True

            def setup(self) -> None:
                server.connections += 1  # one per TCP connection, not per request
                super().setup()

            def log_message(self, format: str, *args: Any) -> None:
                return None  # keep test output clean

            def do_POST(self) -> None:
                server.requests += 1
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                prefix, _, method = self.path.rpartition("/")
                if prefix != f"/bot{server.token}":
                    self._reply(
                        401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                    )
                    return
                content_type = self.headers.get("Content-Type", "")
                with server.lock:
                    server.content_types[content_type.partition(";")[0].strip()] += 1
                try:
                    fields = _form(content_type, body)
                except ValueError:  # json.JSONDecodeError and UnicodeDecodeError included
                    with server.fake.lock:
                        server.fake.unexpected.append(f"{method}: unreadable {content_type} body")
                    self._reply(
                        400,
                        {"ok": False, "error_code": 400, "description": "Bad Request: bad body"},
                    )
                    return
                for key, value in list(fields.items()):
                    if isinstance(value, str) and value.startswith("attach://"):
                        fields[key] = fields.get(value.removeprefix("attach://"), value)
                if server.fake.delay:
                    time.sleep(server.fake.delay)
                if server.before is not None and not server.before(method, fields):
                    self.close_connection = True
                    return
                try:
                    status, payload = server.fake.handle(method, fields)
                except ConnectionError:
                    self.close_connection = True
                    return
                if server.after is not None:
                    server.after(method, fields, status, payload)
                self._reply(status, payload)

            def _reply(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if quiet:
            self.httpd.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/bot"

    def __enter__(self) -> FakeBotServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
