"""An offline Telegram Bot API: answers like Telegram and records what the bot sent.

`FakeTelegram` is the core (method name + form parameters in, status + JSON out). It runs
in-process through `FakeRequest` (a PTB `BaseRequest`), which is how `afterview chat` talks to
the bot in a terminal without Telegram, and over loopback HTTP in the tests
(`tests/fakeserver.py`). Both paths validate the same way: HTML that Telegram would reject,
texts over 4096 characters, callback data over 64 bytes, unknown methods; what Telegram would
reject is collected in `unexpected` (tests fail on it, the terminal prints it).
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_ID = 7000001
BOT_USERNAME = "AfterviewTestBot"
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "span",
    "tg-spoiler",
    "blockquote",
    "tg-emoji",
}
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)((?:\s+[a-z-]+=\"[^\"<>]*\")*)\s*>")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
JSON_FIELDS = {
    "reply_markup",
    "commands",
    "allowed_updates",
    "link_preview_options",
    "reply_parameters",
    "scope",
    "entities",
}
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "user_id"}


class TelegramRejects(Exception):
    """What Telegram would answer with an error; the core turns it into a 400 reply."""


def check_html(text: str) -> str:
    """Validate Telegram HTML and return the plain text the user would see."""
    stack: list[str] = []
    plain: list[str] = []
    pos = 0
    for match in _TAG.finditer(text):
        plain.append(text[pos : match.start()])
        pos = match.end()
        closing, name = match.group(1), match.group(2).lower()
        if name not in ALLOWED_TAGS:
            raise TelegramRejects(f"Bad Request: can't parse entities: unsupported tag {name}")
        if closing:
            if not stack or stack.pop() != name:
                raise TelegramRejects(f"Bad Request: can't parse entities: unmatched </{name}>")
        else:
            stack.append(name)
    plain.append(text[pos:])
    if stack:
        raise TelegramRejects(f"Bad Request: can't parse entities: unclosed <{stack[-1]}>")
    body = "".join(plain)
    if "<" in body or ">" in body:
        raise TelegramRejects("Bad Request: can't parse entities: unescaped < or >")
    for amp in re.finditer("&", body):
        if not _ENTITY.match(body, amp.start()):
            raise TelegramRejects("Bad Request: can't parse entities: unescaped &")
    # Only the entities Telegram knows are left at this point (checked above).
    return html.unescape(body)


@dataclass
class Sent:
    """A message the bot sent (or edited), as the user sees it."""

    chat_id: int
    message_id: int
    html: str
    text: str
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)
    document: tuple[str, bytes] | None = None

    def button_data(self, label: str) -> str | None:
        for row in self.buttons:
            for text, data in row:
                if text == label or data == label:
                    return data
        return None

    @property
    def labels(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]


@dataclass
class Failure:
    kind: str  # "retry_after", "forbidden", "network", "bad_request"
    count: int
    retry_after: int = 1
    chat_id: int | None = None


# Called after each message the bot sends or edits, and each callback answer:
# (API method, its parameters, the message as the user now sees it, or None).
Observer = Callable[[str, dict[str, Any], "Sent | None"], None]


class FakeTelegram:
    """The state of the fake Telegram server. Thread-safe: the HTTP server uses threads."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.messages: dict[tuple[int, int], Sent] = {}
        self.outbox: list[Sent] = []  # every send and edit, in order
        self.unexpected: list[str] = []
        self.commands: list[dict[str, str]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self._answered_queries: set[str] = set()  # Telegram takes one answer per query
        self.failures: dict[str, list[Failure]] = {}
        self.updates: list[dict[str, Any]] = []
        self.updates_ready = threading.Condition(self.lock)
        self.blocked: set[int] = set()
        self.rate_limit: float | None = None  # messages per second overall, 429 beyond
        self.delay: float = 0.0  # seconds of round-trip time added to each answer (HTTP)
        self._window: list[float] = []
        self._next_message_id = 1
        self.webhook: dict[str, Any] | None = None
        self.observers: list[Observer] = []

    # --- test controls -----------------------------------------------------------------------
    def fail(
        self,
        method: str,
        kind: str,
        count: int = 1,
        retry_after: int = 1,
        chat_id: int | None = None,
    ) -> None:
        with self.lock:
            self.failures.setdefault(method, []).append(Failure(kind, count, retry_after, chat_id))

    def push_update(self, update: dict[str, Any]) -> None:
        with self.updates_ready:
            self.updates.append(update)
            self.updates_ready.notify_all()

    def _notify(self, method: str, params: dict[str, Any], sent: Sent | None) -> None:
        for observer in list(self.observers):
            observer(method, params, sent)

    def sent_to(self, chat_id: int) -> list[Sent]:
        with self.lock:
            return [s for s in self.outbox if s.chat_id == chat_id]

    def method_calls(self, method: str) -> list[dict[str, Any]]:
        with self.lock:
            return [params for name, params in self.calls if name == method]

    # --- the API -------------------------------------------------------------------------------
    def handle(self, method: str, raw: dict[str, str]) -> tuple[int, dict[str, Any]]:
        params = _decode(raw)
        with self.lock:
            self.calls.append((method, params))
            failure = self._take_failure(method, params)
        if failure is not None:
            return failure
        try:
            handler = getattr(self, f"api_{method}", None)
            if handler is None:
                with self.lock:
                    self.unexpected.append(method)
                return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
            return 200, {"ok": True, "result": handler(params)}
        except TelegramRejects as exc:
            with self.lock:
                self.unexpected.append(f"{method}: {exc}")
            return 400, {"ok": False, "error_code": 400, "description": str(exc)}

    def _take_failure(
        self, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any]] | None:
        chat_id = params.get("chat_id")
        if method.startswith("send") and chat_id in self.blocked:
            return 403, {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
        if method.startswith("send") and self.rate_limit is not None:
            now = time.monotonic()
            self._window = [t for t in self._window if now - t < 1.0]
            if len(self._window) >= self.rate_limit:
                return 429, {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                }
            self._window.append(now)
        queue = self.failures.get(method)
        if not queue:
            return None
        failure = queue[0]
        if failure.chat_id is not None and failure.chat_id != chat_id:
            return None
        failure.count -= 1
        if failure.count <= 0:
            queue.pop(0)
        if failure.kind == "retry_after":
            return 429, {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {failure.retry_after}",
                "parameters": {"retry_after": failure.retry_after},
            }
        if failure.kind == "forbidden":
            return 403, {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
        if failure.kind == "network":
            raise ConnectionError("fake network failure")
        return 400, {"ok": False, "error_code": 400, "description": "Bad Request: injected"}

    def api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Afterview",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def api_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]):
                raise TelegramRejects("Bad Request: BOT_COMMAND_INVALID")
        self.commands = commands
        return True

    def api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        return True

    def api_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = params
        return True

    def api_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        url = (self.webhook or {}).get("url", "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}

    def api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + min(timeout, 2.0)
        with self.updates_ready:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self.updates_ready.wait(deadline - time.monotonic())
            return list(self.updates[: int(params.get("limit") or 100)])

    def _check_markup(self, params: dict[str, Any]) -> list[list[tuple[str, str]]]:
        markup = params.get("reply_markup") or {}
        rows = []
        for row in markup.get("inline_keyboard", []):
            out = []
            for button in row:
                data = button.get("callback_data")
                if not button.get("text"):
                    raise TelegramRejects("Bad Request: BUTTON_TEXT_EMPTY")
                if data is not None and len(data.encode()) > 64:
                    raise TelegramRejects("Bad Request: BUTTON_DATA_INVALID")
                out.append((button["text"], data or button.get("url", "")))
            rows.append(out)
        return rows

    def _check_text(self, params: dict[str, Any]) -> tuple[str, str]:
        html = str(params.get("text", ""))
        text = check_html(html) if params.get("parse_mode") == "HTML" else html
        if not text.strip():
            raise TelegramRejects("Bad Request: message text is empty")
        if len(text) > 4096:
            raise TelegramRejects("Bad Request: message is too long")
        return html, text

    def _message_json(self, sent: Sent) -> dict[str, Any]:
        result: dict[str, Any] = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "chat": {"id": sent.chat_id, "type": "private" if sent.chat_id > 0 else "group"},
            "from": {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Afterview",
                "username": BOT_USERNAME,
            },
        }
        if sent.document is None:
            result["text"] = sent.text
        else:
            result["document"] = {
                "file_id": f"doc{sent.message_id}",
                "file_unique_id": f"u{sent.message_id}",
                "file_name": sent.document[0],
            }
        if sent.buttons:
            result["reply_markup"] = {
                "inline_keyboard": [
                    [{"text": t, "callback_data": d} for t, d in row] for row in sent.buttons
                ]
            }
        return result

    def api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        html, text = self._check_text(params)
        with self.lock:
            sent = Sent(
                int(params["chat_id"]),
                self._next_message_id,
                html,
                text,
                self._check_markup(params),
            )
            self._next_message_id += 1
            self.messages[(sent.chat_id, sent.message_id)] = sent
            self.outbox.append(sent)
        self._notify("sendMessage", params, sent)
        return self._message_json(sent)

    def api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        document = params.get("document")
        if not isinstance(document, tuple):
            raise TelegramRejects("Bad Request: there is no document in the request")
        caption = str(params.get("caption", ""))
        text = check_html(caption) if params.get("parse_mode") == "HTML" else caption
        with self.lock:
            sent = Sent(
                int(params["chat_id"]),
                self._next_message_id,
                caption,
                text,
                self._check_markup(params),
                document=document,
            )
            self._next_message_id += 1
            self.messages[(sent.chat_id, sent.message_id)] = sent
            self.outbox.append(sent)
        self._notify("sendDocument", params, sent)
        return self._message_json(sent)

    def api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        html, text = self._check_text(params)
        with self.lock:
            old = self.messages.get(key)
            if old is None:
                raise TelegramRejects("Bad Request: message to edit not found")
            if old.html == html and not params.get("reply_markup"):
                raise TelegramRejects("Bad Request: message is not modified")
            sent = Sent(key[0], key[1], html, text, self._check_markup(params))
            self.messages[key] = sent
            self.outbox.append(sent)
        self._notify("editMessageText", params, sent)
        return self._message_json(sent)

    def api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        with self.lock:
            old = self.messages.get(key)
            if old is None:
                raise TelegramRejects("Bad Request: message to edit not found")
            old.buttons = self._check_markup(params)
        self._notify("editMessageReplyMarkup", params, old)
        return self._message_json(old)

    def api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        with self.lock:
            query_id = str(params.get("callback_query_id"))
            if query_id in self._answered_queries:
                raise TelegramRejects(
                    "Bad Request: query is too old and response timeout expired "
                    "or query ID is invalid"
                )
            self.callback_answers.append(params)
            self._answered_queries.add(query_id)
        self._notify("answerCallbackQuery", params, None)
        return True

    def api_deleteMessage(self, params: dict[str, Any]) -> bool:
        return True

    def api_close(self, params: dict[str, Any]) -> bool:
        return True


def _decode(raw: dict[str, Any]) -> dict[str, Any]:
    """Parameters as the core reads them, from either kind of body.

    Form fields (urlencoded, multipart, PTB's `json_parameters` in-process) are strings, the
    structured ones JSON-encoded: those are decoded and numeric INT_FIELDS become ints. A JSON
    body arrives decoded already: its dicts, lists, numbers and booleans stay as they are.
    Only the fields listed are touched, so a text "123" stays a string either way.
    """
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str) and key in JSON_FIELDS:
            params[key] = json.loads(value)
        elif isinstance(value, str) and key in INT_FIELDS and re.fullmatch(r"-?\d+", value):
            params[key] = int(value)
        else:
            params[key] = value
    return params


class FakeRequest(BaseRequest):
    """PTB's HTTP layer replaced by a direct call into a FakeTelegram (no sockets)."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        raw: dict[str, Any] = dict(request_data.json_parameters) if request_data else {}
        if request_data is not None:
            for name, upload in request_data.multipart_data.items():
                filename, content = upload[0], upload[1]
                body = content if isinstance(content, bytes) else content.read()
                # PTB names the file field after the parameter or uses attach://name
                for key, value in list(raw.items()):
                    if value == f"attach://{name}":
                        raw[key] = (filename, body)
                raw.setdefault(name, (filename, body))
        if api_method == "getUpdates":
            raw["timeout"] = "0"  # never block the event loop in-process
        try:
            status, payload = self.fake.handle(api_method, raw)
        except ConnectionError as exc:
            from telegram.error import NetworkError

            raise NetworkError(str(exc)) from exc
        return status, json.dumps(payload).encode()
