"""A draft the user pastes back, split into the parts the review's rules look at: greeting,
the name it greets, body, sign-off; and the words and sentences of a text."""

from __future__ import annotations

import re
from dataclasses import dataclass

_GREETING = re.compile(
    r"^\s*(dear|hi|hello|hey|good (morning|afternoon|evening))\b[ \t]*(?P<rest>[^\n]*)", re.I
)
_SIGN_OFF = re.compile(
    r"^\s*(?P<words>yours (sincerely|faithfully|truly)|sincerely( yours)?|faithfully|"
    r"(kind|best|warm|warmest|many)( regards| wishes| thanks)?|regards|best wishes|"
    r"all the best|thanks( again)?|thank you|cheers|with thanks)\b[\s,.!]*",
    re.I,
)
_INLINE_SIGN_OFF = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?P<words>yours (sincerely|faithfully|truly)|kind regards|best wishes|"
    r"many thanks|all the best|regards|best|cheers|thanks|thank you)[,!.]?(\s+[A-Z][\w'’-]*){0,3}"
    r"[.!]?\s*$",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]+|[^.!?…]+$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class Letter:
    """The pasted text split into the parts the rules look at."""

    text: str
    greeting: str | None  # the greeting line ("Dear Priya,")
    greeting_name: str  # what follows the greeting word ("Priya")
    sign_off: str | None  # "Yours sincerely"
    body: str  # between greeting and sign-off


def parse(text: str) -> Letter:
    """The parts of a pasted draft; a part that isn't there is None (the name "")."""
    lines = [line.strip() for line in text.strip().splitlines()]
    lines = [line for line in lines if line]
    greeting = name = None
    if lines and (match := _GREETING.match(lines[0])):
        greeting = lines[0]
        name = match["rest"].strip(" ,.:;!—–-")
        # "Hi Priya, thanks for today" on one line: the name ends at the comma, and what
        # follows it is the body's beginning.
        parts = re.split(r"[,:;!]", name, maxsplit=1)
        name, after = parts[0].strip(), parts[1].strip() if len(parts) > 1 else ""
        lines = lines[1:]
        if after:
            greeting = greeting[: len(greeting) - len(after)].rstrip()
            lines.insert(0, after)
    sign_off = None
    for index in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        match = _SIGN_OFF.match(lines[index])
        if match and len(lines[index].split()) <= 5:
            sign_off = match["words"]
            lines = lines[:index]
            break
    if sign_off is None and lines and greeting is not None:
        # "…look forward to hearing from you. Best, Sam" at the end of the last line.
        inline = _INLINE_SIGN_OFF.search(lines[-1])
        if inline is not None:
            sign_off = inline["words"]
            lines[-1] = lines[-1][: inline.start()].rstrip()
    return Letter(text, greeting, name or "", sign_off, "\n".join(lines))


def words(text: str) -> list[str]:
    """The words of a text (Latin letters, apostrophes and hyphens inside)."""
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The sentences of a text that have at least one word, line breaks read as spaces."""
    return [s.strip() for s in _SENTENCE.findall(text.replace("\n", " ")) if len(words(s)) > 0]
