"""Inline keyboards and the callback-data format they use.

Callback data is "namespace:action[:arg...]" (≤ 64 bytes, Telegram's limit). Anything that
arrives in that field may be stale or forged: handlers match it with patterns whose named
groups they read (`conversations.common.matched`), and check ids against the owner before acting.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.texts import common as t

Button = tuple[str, str]  # (label, callback data)
# A phone shows about this much of a button; a longer label (built from user text) is cut.
LABEL_MAX = 64
INTERVIEW_LABEL_MAX = 40  # an interview's label inside a button, leaving room for a date


class Link(NamedTuple):
    """A button that opens a web page instead of sending callback data."""

    label: str
    url: str


def data(*parts: object) -> str:
    value = ":".join(str(p) for p in parts)
    if len(value.encode()) > 64:
        raise ValueError(f"callback data too long: {value!r}")
    return value


def shorten(text: str, limit: int) -> str:
    """A button label cut to `limit` characters with an ellipsis (phones show little); line
    breaks (a button shows one line) become spaces."""
    text = text.replace("\r", " ").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def interview_label(label: str) -> str:
    """An interview's label (`Interview.label`, built from what the user typed) as it fits in
    a button: at most INTERVIEW_LABEL_MAX characters."""
    return shorten(label, INTERVIEW_LABEL_MAX)


def keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup:
    """Rows of callback buttons; labels over LABEL_MAX characters are cut (`shorten`)."""
    return _keyboard(tuple(tuple(row) for row in rows))


class _SharedKeyboard(InlineKeyboardMarkup):
    """A keyboard that is sent many times: its JSON form is worked out once.

    PTB calls `to_dict()` on the markup for every message it sends; these keyboards are
    immutable (as every PTB object) and shared (see `_keyboard`), so the answer never changes.
    """

    __slots__ = ("_as_dict",)
    _as_dict: dict[str, Any]

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        if not recursive:
            return super().to_dict(recursive=False)
        try:
            return self._as_dict
        except AttributeError:
            # PTB objects refuse attribute writes once built; this cache is not API state.
            object.__setattr__(self, "_as_dict", super().to_dict())
            return self._as_dict


@lru_cache(maxsize=2048)
def _keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    # Most keyboards are the same few (a question's Skip, a nudge's buttons) and PTB's
    # objects are immutable, so each is built once rather than on every message.
    return _SharedKeyboard(
        [
            [InlineKeyboardButton(shorten(label, LABEL_MAX), callback_data=cb) for label, cb in row]
            for row in rows
        ]
    )


def with_links(rows: Sequence[Sequence[Button | Link]]) -> InlineKeyboardMarkup:
    """Like `keyboard`, where a row may also hold `Link` (URL) buttons."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(shorten(b.label, LABEL_MAX), url=b.url)
                if isinstance(b, Link)
                else InlineKeyboardButton(shorten(b[0], LABEL_MAX), callback_data=b[1])
                for b in row
            ]
            for row in rows
        ]
    )


def column(buttons: Sequence[Button]) -> InlineKeyboardMarkup:
    return keyboard([[b] for b in buttons])


def grid(buttons: Sequence[Button], width: int = 2) -> InlineKeyboardMarkup:
    return keyboard([buttons[i : i + width] for i in range(0, len(buttons), width)])


def open_step(step: str, interview_id: int | None = None) -> str:
    """Data of a button that starts a step's conversation.

    See `conversation()` in conversations/common.py, which routes these buttons."""
    return data("open", step, interview_id) if interview_id else data("open", step)


def skip_button(namespace: str) -> Button:
    return (t.BTN_SKIP, data(namespace, "skip"))
