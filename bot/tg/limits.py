"""Telegram's size limits, applied to every message the bot sends (bot/tg/outbox.py).

Telegram refuses a message over 4,096 characters and a caption over 1,024 (counted after HTML
parsing; the HTML source is never shorter, so keeping the source within the limit is safe). A
long message is split at paragraph boundaries, then at line breaks, so that each paragraph (a
draft's, say) stays whole where it can; a single line longer than a message, which only pasted
text could make, loses its formatting and is cut at spaces.
"""

from __future__ import annotations

import html
import re

MAX_MESSAGE = 4096
MAX_CAPTION = 1024
_TAG = re.compile(r"<[^>]*>")


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """`text` (HTML) as one or more messages of at most `limit` characters each, in order."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    for block in _pieces(text, "\n\n", limit):
        _append(parts, block, "\n\n", limit)
    return parts


def fit_caption(text: str, limit: int = MAX_CAPTION) -> str:
    """`text` (HTML) within a caption's limit: cut to plain text with an ellipsis if longer."""
    if len(text) <= limit:
        return text
    return _plain_chunks(text, limit - 1)[0] + "…"


def _pieces(text: str, separator: str, limit: int) -> list[str]:
    """The text's pieces between separators, each within `limit` (long ones split further)."""
    pieces: list[str] = []
    for piece in text.split(separator):
        if len(piece) <= limit:
            pieces.append(piece)
        elif separator == "\n\n":
            lines = _pieces(piece, "\n", limit)
            merged: list[str] = []
            for line in lines:
                _append(merged, line, "\n", limit)
            pieces.extend(merged)
        else:
            pieces.extend(_plain_chunks(piece, limit))
    return pieces


def _append(parts: list[str], piece: str, separator: str, limit: int) -> None:
    """Add `piece` to the last part if it fits there, else start a new part."""
    if parts and len(parts[-1]) + len(separator) + len(piece) <= limit:
        parts[-1] += separator + piece
    else:
        parts.append(piece)


def _plain_chunks(piece: str, limit: int) -> list[str]:
    """A piece of HTML as plain (escaped) text in chunks within `limit`, cut at spaces."""
    plain = html.unescape(_TAG.sub("", piece))
    chunks: list[str] = []
    while plain:
        cut = len(plain)
        while len(html.escape(plain[:cut], quote=False)) > limit:
            space = plain.rfind(" ", 0, cut)
            cut = space if space > 0 else max(1, cut - (len(html.escape(plain[:cut])) - limit))
        chunks.append(html.escape(plain[:cut], quote=False))
        plain = plain[cut:].lstrip(" ")
    return chunks
