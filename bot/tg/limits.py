"""Telegram's size limits, applied to every message the bot sends (bot/tg/outbox.py).

Telegram refuses a message over 4,096 characters and a caption over 1,024 (counted after HTML
parsing; the HTML source is never shorter, so keeping the source within the limit is safe). A
long message is split at paragraph boundaries, then at line breaks, so that each paragraph (a
draft's, say) stays whole where it can; a single line longer than a message, which only pasted
text could make, loses its formatting and is cut at spaces.

Every part is valid HTML on its own: a tag still open where a part ends (a bold company name
that spans lines, say) is closed there and opened again at the start of the next part. A part
with nothing visible in it joins the next one (Telegram refuses an empty message).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

MAX_MESSAGE = 4096
MAX_CAPTION = 1024
_TAG = re.compile(r"<[^>]*>")
_NAMED_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """`text` (HTML) as one or more messages of at most `limit` characters each, in order;
    each part is valid HTML on its own and has something visible in it."""
    if len(text) <= limit:
        return [text]
    reserve = 0  # room kept in each part for the tags that close and reopen across parts
    while reserve < limit // 2:
        parts = _balanced(_split(text, limit - reserve))
        longest = max(len(p) for p in parts)
        if longest <= limit:
            return parts
        reserve += longest - limit
    return _plain_chunks(text, limit)  # tags nested too deep to carry over: plain text


def fit_caption(text: str, limit: int = MAX_CAPTION) -> str:
    """`text` (HTML) within a caption's limit: cut to plain text with an ellipsis if longer."""
    if len(text) <= limit:
        return text
    return _plain_chunks(text, limit - 1)[0] + "…"


def _split(text: str, limit: int) -> list[str]:
    """The text in parts within `limit`, cut at paragraphs, then lines, then spaces."""
    parts: list[str] = []
    for block in _pieces(text, "\n\n", limit):
        _append(parts, block, "\n\n", limit)
    return parts


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
            pieces.extend(_line_chunks(piece, limit))
    return pieces


def _append(parts: list[str], piece: str, separator: str, limit: int) -> None:
    """Add `piece` to the last part if it fits there, else start a new part."""
    if parts and len(parts[-1]) + len(separator) + len(piece) <= limit:
        parts[-1] += separator + piece
    else:
        parts.append(piece)


def _line_chunks(line: str, limit: int) -> list[str]:
    """A line too long for a message, as plain-text chunks. The tags it closes that were
    opened before it, and those it leaves open, are kept at its ends, so that the tags around
    it still pair up (`_balanced` carries them across parts)."""
    closes, opens = _unpaired(line)
    chunks = _plain_chunks(line, max(1, limit - len(closes) - len(opens)))
    chunks[0] = closes + chunks[0]
    chunks[-1] += opens
    return chunks


def _unpaired(piece: str) -> tuple[str, str]:
    """The closing tags in `piece` whose opening tag comes before it, and the opening tags
    it leaves open, each in the order they appear."""
    closes: list[str] = []
    opened: list[tuple[str, str]] = []
    for match in _NAMED_TAG.finditer(piece):
        name = match.group(2).lower()
        if not match.group(1):
            opened.append((name, match.group(0)))
        elif opened and opened[-1][0] == name:
            opened.pop()
        else:
            closes.append(match.group(0))
    return "".join(closes), "".join(tag for _, tag in opened)


def _balanced(parts: list[str]) -> list[str]:
    """The parts, each closing the tags still open at its end and opening them again at the
    start of the next."""
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # (tag name, its opening tag as written)
    for part in _joined_blanks(parts):
        prefix = "".join(tag for _, tag in stack)
        for match in _NAMED_TAG.finditer(part):
            name = match.group(2).lower()
            if not match.group(1):
                stack.append((name, match.group(0)))
            elif stack and stack[-1][0] == name:
                stack.pop()
        suffix = "".join(f"</{name}>" for name, _ in reversed(stack))
        out.append(prefix + part + suffix)
    return out


def _joined_blanks(parts: list[str]) -> list[str]:
    """The parts, each with nothing visible in it joined to the next (the last to the one
    before it): Telegram refuses an empty message."""
    out: list[str] = []
    carried = ""
    for part in parts:
        if _visible(carried + part).strip():
            out.append(carried + part)
            carried = ""
        else:
            carried += part + "\n"
    if carried and out:
        out[-1] += "\n" + carried.rstrip("\n")
    return out or ["".join(parts)]


def _visible(part: str) -> str:
    return html.unescape(_TAG.sub("", part))


def _plain_chunks(piece: str, limit: int) -> list[str]:
    """A piece of HTML as plain (escaped) text in chunks within `limit`, cut at spaces."""
    plain = html.unescape(_TAG.sub("", piece))
    chunks: list[str] = []
    while plain:
        # Escaping never shortens: past `limit` characters nothing fits, so look no further.
        cut = min(len(plain), limit + 1)
        # (One character is always taken, even one whose escape passes a tiny limit.)
        while cut > 1 and len(escaped := html.escape(plain[:cut], quote=False)) > limit:
            space = plain.rfind(" ", 0, cut)
            cut = space if space > 0 else max(1, cut - (len(escaped) - limit))
        if plain[:cut].strip():  # (Telegram refuses a message with nothing to see)
            chunks.append(html.escape(plain[:cut], quote=False))
        plain = plain[cut:].lstrip(" ")
    return chunks or [""]


def pack(pieces: Sequence[str], budget: int, separator: str) -> list[list[str]]:
    """`pieces` in order, grouped so that each group joined by `separator` stays within
    `budget` characters (a piece longer than the budget stands alone); no empty groups."""
    groups: list[list[str]] = [[]]
    size = 0
    for piece in pieces:
        if groups[-1] and size + len(piece) + len(separator) > budget:
            groups.append([])
            size = 0
        groups[-1].append(piece)
        size += len(piece) + len(separator)
    return [group for group in groups if group]
