"""The fake Telegram server's state and its Bot API methods: `FakeTelegram.handle` takes a
method name and its parameters and answers like Telegram (status and JSON body), recording what
the bot sent. Tests steer it (`fail`, `blocked`, `rate_limit`, `push_update`) and read it back.
"""

from __future__ import annotations

import re
import threading
import time
from typing import Any

from bot.offline.forum import ForumApi, ForumState
from bot.offline.wire import (
    BOT_ID,
    BOT_USERNAME,
    Failure,
    Observer,
    Sent,
    TelegramRejects,
    check_caption,
    check_html,
    check_markup,
    check_text,
    decode,
    error,
    message_json,
)

BLOCKED = "Forbidden: bot was blocked by the user"


class FakeTelegram(ForumApi):
    """The state of the fake Telegram server. Thread-safe: the HTTP server uses threads."""

    def __init__(self) -> None:
        self.forum = ForumState()
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
        params = decode(raw)
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
        """The error reply this call gets instead of an answer, if any: a blocked user, the
        rate limit, or a failure injected with `fail` (a network one raises ConnectionError)."""
        chat_id = params.get("chat_id")
        if method.startswith("send") or method == "copyMessage":
            refused = self._refuse_send(chat_id)
            if refused is not None:
                return refused
        queue = self.failures.get(method)
        if not queue:
            return None
        failure = queue[0]
        if failure.chat_id is not None and failure.chat_id != chat_id:
            return None
        failure.count -= 1
        if failure.count <= 0:
            queue.pop(0)
        return _injected(failure)

    def _refuse_send(self, chat_id: object) -> tuple[int, dict[str, Any]] | None:
        """403 to a user who blocked the bot; 429 beyond `rate_limit` messages a second."""
        if chat_id in self.blocked:
            return error(403, BLOCKED)
        if self.rate_limit is not None:
            now = time.monotonic()
            self._window = [t for t in self._window if now - t < 1.0]
            if len(self._window) >= self.rate_limit:
                return error(429, "Too Many Requests: retry after 1", retry_after=1)
            self._window.append(now)
        return None

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

    def api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        html, text = check_text(params)
        sent = self._new_message(params, html, text)
        self._notify("sendMessage", params, sent)
        return message_json(sent)

    def api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        document = params.get("document")
        if not isinstance(document, tuple):
            raise TelegramRejects("Bad Request: there is no document in the request")
        caption, text = check_caption(params)
        sent = self._new_message(params, caption, text, document=document)
        self._notify("sendDocument", params, sent)
        return message_json(sent)

    def _new_message(
        self,
        params: dict[str, Any],
        html: str,
        text: str,
        document: tuple[str, bytes] | None = None,
        media: str | None = None,
    ) -> Sent:
        """Record a message the bot sent (its buttons and topic checked) under the next id."""
        with self.lock:
            sent = Sent(
                int(params["chat_id"]),
                self._next_message_id,
                html,
                text,
                check_markup(params),
                document=document,
                thread_id=self.thread_of(params),
                media=media,
            )
            self._next_message_id += 1
            self.messages[(sent.chat_id, sent.message_id)] = sent
            self.outbox.append(sent)
        return sent

    def _messages(self) -> dict[tuple[int, int], Sent]:
        return self.messages

    def _copy(self, params: dict[str, Any], text: str, media: str | None) -> Sent:
        html = text
        if "caption" in params and media is not None:
            html, text = check_caption(params)  # its HTML, and Telegram's 1,024 characters
        elif "caption" in params and params.get("parse_mode") == "HTML":
            text = check_html(text)
        sent = self._new_message(params, html, text, media=media)
        self._notify("copyMessage", params, sent)
        return sent

    def api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        html, text = check_text(params)
        with self.lock:
            old = self.messages.get(key)
            if old is None:
                raise TelegramRejects("Bad Request: message to edit not found")
            if old.html == html and not params.get("reply_markup"):
                raise TelegramRejects("Bad Request: message is not modified")
            sent = Sent(key[0], key[1], html, text, check_markup(params))
            self.messages[key] = sent
            self.outbox.append(sent)
        self._notify("editMessageText", params, sent)
        return message_json(sent)

    def api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        with self.lock:
            old = self.messages.get(key)
            if old is None:
                raise TelegramRejects("Bad Request: message to edit not found")
            old.buttons = check_markup(params)
        self._notify("editMessageReplyMarkup", params, old)
        return message_json(old)

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


def _injected(failure: Failure) -> tuple[int, dict[str, Any]]:
    """The reply an injected failure stands for; a "network" one raises ConnectionError."""
    if failure.kind == "retry_after":
        return error(
            429,
            f"Too Many Requests: retry after {failure.retry_after}",
            retry_after=failure.retry_after,
        )
    if failure.kind == "forbidden":
        return error(403, BLOCKED)
    if failure.kind == "network":
        raise ConnectionError("fake network failure")
    return error(400, "Bad Request: injected")
