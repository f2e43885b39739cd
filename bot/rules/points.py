"""The user's own points said in the first person (issue 14; seed 000: "no longer than one or
two sentences"): the forgotten point ("forgot to mention my SQL project" -> "I didn't get to
mention my SQL project, which I'd be glad to tell you more about."), the rough answer as a
short topic, and change requests told apart from points to add.
"""

from __future__ import annotations

import re

from bot.rules.inflection import getAllLemmas, getInflection
from bot.rules.voice import bare as _bare

FORGOT = re.compile(
    r"^(i\s+)?(forgot|didn'?t|did\s+not|never|should\s+have|wish\s+i'?d?)\s+"
    r"(get\s+to\s+|got\s+to\s+|have\s+|to\s+)?"
    r"(mention(ed)?|say|said|talk(ed)?\s+about|tell\s+them(\s+about)?|bring\s+up|brought\s+up|"
    r"bring|add(ed)?|explain(ed)?)"
    r"(\s+that)?\s+",
    re.I,
)
# fmt: off
_VERBISH = frozenset({
    "was", "were", "is", "are", "went", "felt", "got", "did", "didn't", "didnt", "sounded",
    "landed", "came", "seemed", "could", "couldn't", "rambled", "blanked", "froze", "forgot",
    "messed",
})
# fmt: on


def first_person_point(text: str, *, adding: bool = False) -> str:
    """The forgotten point as a first-person sentence: "forgot to mention my SQL project" ->
    "I didn't get to mention my SQL project, which I'd be glad to tell you more about."; "i
    didnt say I led the migration" -> "I'd also like to add that I led the migration."."""
    text = " ".join(text.split()).rstrip(" .;:,!")
    text = re.sub(r"\bi\b", "I", text)
    text = re.sub(r"\b(didnt|dont|wasnt|Ive|Id|Im)\b", _apostrophe, text)
    rest = FORGOT.sub("", text, count=1)
    forgot = rest != text
    first = _bare(rest.split()[0]) if rest else ""
    if first in {"i", "we", "i'm", "i've", "i'd"}:
        return f"I'd also like to add that {rest}." if forgot or adding else _capital(rest) + "."
    if (
        first
        and getAllLemmas(first, upos="VERB")
        and first in getInflection(getAllLemmas(first, upos="VERB")["VERB"][0], tag="VBD")
    ):
        return f"I'd also like to add that I {rest}."
    if forgot or first in _DETERMINERS or not any(_bare(w) in _VERBISH for w in rest.split()):
        return (
            f"I didn't get to mention {_lower_first(rest)}, which I'd be glad to tell you "
            "more about."
        )
    return f"I'd also like to add that {_lower_first(rest)}."


_DETERMINERS = frozenset({"my", "the", "a", "an", "our", "some", "how", "why", "what"})


def _apostrophe(match: re.Match[str]) -> str:
    word = match[0]
    return {"didnt": "didn't", "dont": "don't", "wasnt": "wasn't"}.get(
        word, word[0] + "'" + word[1:]
    )


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first.isupper() and len(first) > 1:  # "SQL", "AWS"
        return text
    return text[0].lower() + text[1:] if first != "I" else text


def rough_topic(text: str) -> str | None:
    """The rough answer as a short noun phrase for "Having thought more about …" ("the
    salary question"), or None when it reads as a sentence and can't go in that frame."""
    cleaned = " ".join(text.split()).rstrip(" .;:,!")
    words = [_bare(w) for w in cleaned.split()]
    if not words or len(words) > 8 or FORGOT.match(cleaned):
        return None
    if words[0] in {"i", "me", "we", "i'm", "i've"} or any(w in _VERBISH for w in words):
        return None
    return _lower_first(cleaned)


_CHANGE_REQUEST = re.compile(
    r"\b(make it|shorter|longer|less formal|more formal|warmer|friendlier|more casual|"
    r"rewrite|reword|remove|delete|change the|tone)\b",
    re.I,
)


def is_change_request(text: str) -> bool:
    """True when an answer asks to change the letter ("make it shorter and less formal pls")
    rather than giving a point to add: it must never end up inside the letter."""
    return bool(_CHANGE_REQUEST.search(text)) and not re.match(r"\s*I\b", text)
