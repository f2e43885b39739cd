"""Update factories: what Telegram would send the bot when a user does something."""

from __future__ import annotations

import itertools
import time
from typing import Any

from tests.fakeapi import BOT_ID, BOT_USERNAME, Sent

_update_ids = itertools.count(1)
_message_ids = itertools.count(100000)


def user_json(user_id: int, first_name: str = "Sam") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}


def chat_json(chat_id: int, kind: str = "private") -> dict[str, Any]:
    chat: dict[str, Any] = {"id": chat_id, "type": kind}
    if kind != "private":
        chat["title"] = "Job club"
    return chat


def message(
    user_id: int,
    text: str | None = None,
    *,
    chat_id: int | None = None,
    chat_type: str = "private",
    first_name: str = "Sam",
    edited: bool = False,
    sticker: bool = False,
    photo: bool = False,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat_json(chat_id if chat_id is not None else user_id, chat_type),
        "from": user_json(user_id, first_name),
    }
    if text is not None:
        body["text"] = text
        if text.startswith("/"):
            command = text.split()[0]
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    if sticker:
        body["sticker"] = {
            "file_id": "stk",
            "file_unique_id": "stk1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    if photo:
        body["photo"] = [{"file_id": "ph", "file_unique_id": "ph1", "width": 90, "height": 90}]
    if edited:
        body["edit_date"] = int(time.time())
        return {"update_id": next(_update_ids), "edited_message": body}
    return {"update_id": next(_update_ids), "message": body}


def callback(
    user_id: int,
    data: str,
    sent: Sent | None = None,
    *,
    chat_type: str = "private",
    first_name: str = "Sam",
) -> dict[str, Any]:
    chat_id = sent.chat_id if sent else user_id
    msg: dict[str, Any] = {
        "message_id": sent.message_id if sent else next(_message_ids),
        "date": int(time.time()),
        "chat": chat_json(chat_id, chat_type),
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "Afterview", "username": BOT_USERNAME},
        "text": sent.text if sent else "…",
    }
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": user_json(user_id, first_name),
            "chat_instance": "ci",
            "data": data,
            "message": msg,
        },
    }


def staff_message(
    chat_id: int,
    user_id: int,
    text: str | None = None,
    *,
    thread_id: int | None = None,
    reply_to: Sent | None = None,
    first_name: str = "Anna",
    photo: bool = False,
) -> dict[str, Any]:
    """A message in a staff supergroup: in a forum topic (`thread_id`) and/or a reply to a
    message the bot sent there (`reply_to`)."""
    update = message(user_id, text, chat_id=chat_id, chat_type="supergroup", photo=photo)
    body = update["message"]
    body["from"] = user_json(user_id, first_name)
    if photo and text is not None:
        body["caption"] = body.pop("text")
        body.pop("entities", None)
    if thread_id is not None:
        body["message_thread_id"] = thread_id
        body["is_topic_message"] = True
        body["chat"]["is_forum"] = True
    if reply_to is not None:
        body["reply_to_message"] = {
            "message_id": reply_to.message_id,
            "date": int(time.time()),
            "chat": chat_json(chat_id, "supergroup"),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Afterview"},
            "text": reply_to.text,
        }
    return update
