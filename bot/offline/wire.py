"""What the fake Bot API checks and answers the way Telegram does: Telegram HTML, buttons,
message texts, the JSON of a message, error replies, and the parameters of either kind of body.
`bot.offline.api` holds the fake server's state on top of these.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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
INT_FIELDS = {
    "chat_id",
    "message_id",
    "offset",
    "limit",
    "timeout",
    "user_id",
    "from_chat_id",
    "message_thread_id",
}


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
    thread_id: int | None = None  # the forum topic it went to
    media: str | None = None  # "photo" or "document" for a copied message with one

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


def check_markup(params: dict[str, Any]) -> list[list[tuple[str, str]]]:
    """The inline keyboard's rows as (label, callback data or URL); raises TelegramRejects for
    an empty label or callback data over 64 bytes."""
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


def check_text(params: dict[str, Any]) -> tuple[str, str]:
    """The message as sent and as the user sees it; raises TelegramRejects for bad HTML, an
    empty text or one over 4096 characters."""
    html = str(params.get("text", ""))
    text = check_html(html) if params.get("parse_mode") == "HTML" else html
    if not text.strip():
        raise TelegramRejects("Bad Request: message text is empty")
    if len(text) > 4096:
        raise TelegramRejects("Bad Request: message is too long")
    return html, text


def check_caption(params: dict[str, Any]) -> tuple[str, str]:
    """A document's caption as sent and as the user sees it; raises TelegramRejects for bad
    HTML or a caption over 1024 characters (counted as the user sees it)."""
    caption = str(params.get("caption", ""))
    text = check_html(caption) if params.get("parse_mode") == "HTML" else caption
    if len(text) > 1024:
        raise TelegramRejects("Bad Request: message caption is too long")
    return caption, text


def message_json(sent: Sent) -> dict[str, Any]:
    """The Message object Telegram answers a send or an edit with."""
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
    if sent.thread_id is not None:
        result["message_thread_id"] = sent.thread_id
        result["is_topic_message"] = True
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


def error(
    code: int, description: str, retry_after: int | None = None
) -> tuple[int, dict[str, Any]]:
    """An error reply as Telegram sends it: HTTP status and body (429s say when to retry)."""
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return code, body


def decode(raw: dict[str, Any]) -> dict[str, Any]:
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
