"""People's names as the drafts and the review read them: titles, first names, mentions."""

from __future__ import annotations

import re

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"})


def name_parts(name: str) -> list[str]:
    """The words of a name without a title: "Dr Priya Shah" -> ["Priya", "Shah"]."""
    words = name.replace(",", " ").split()
    rest = [x for x in words if x.lower().rstrip(".") not in TITLES]
    return rest or words


def first_name(name: str) -> str:
    """How to greet someone informally: "Priya Shah" -> "Priya", "Dr Priya Shah" -> "Dr Shah"."""
    words = name.split()
    if len(words) >= 2 and words[0].lower().rstrip(".") in TITLES:
        return f"{words[0]} {words[-1]}"  # "Dr Shah": the title needs the surname
    parts = name_parts(name)
    return parts[0] if parts else name.strip()


def mentions(text: str, name: str) -> bool:
    """True when `text` names the person: any word of their name (but an initial), any case."""
    return any(
        re.search(rf"\b{re.escape(part)}\b", text, re.I)
        for part in name_parts(name)
        if len(part) > 1
    )


def to_you(text: str, name: str) -> str:
    """A note about someone, rewritten to them: "Priya's team" -> "your team"."""
    names = [name.strip(), *name_parts(name)]
    for known in sorted({n for n in names if len(n) > 1}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(known)}['’]s\b", "your", text, flags=re.I)
        text = re.sub(rf"\b{re.escape(known)}\b", "you", text, flags=re.I)
    return text


# --- "Anyone else?" answered in words -------------------------------------------------------
NO_MORE = "no"  # what `more_people` returns for "no", "that's everyone"...
ONE_MORE = "yes"  # ... and for a bare "yes" (a name is still to come)
_NO = re.compile(
    r"(?:no+|nope|nah|none|nobody|no[ -]?one|no more|not? (?:any|anyone|anybody)\b.*"
    r"|that'?s (?:everyone|everybody|all|it)|that is (?:everyone|everybody|all|it)"
    r"|just (?:them|him|her|the one)|only (?:them|him|her|the one)|done|finished)"
    r"(?:\W.*)?",
    re.I | re.S,
)
_YES = re.compile(
    r"(?:(?:yes|yeah|yep|yup|y|sure)(?: please)?|also|and|plus|one more|another)\b[\s,.:;!–—-]*",
    re.I,
)
_NAME = re.compile(r"[^\W\d_][^\W\d_.'\- ]*(?:[.'\- ]+[^\W\d_]+)*\.?", re.I)
_NOT_NAMES = frozenset(
    {"help", "next", "skip", "cancel", "stop", "back", "menu", "ok", "okay", "thanks", "hi"}
    | {"hello", "hey", "maybe", "sent it", "not sure", "add another", "please"}
)
# A sentence, not a name, starts with one of these.
_SENTENCE_STARTS = frozenset(
    {"i", "i'm", "im", "we", "they", "it", "there", "the", "a", "an", "my", "our", "what"}
    | {"who", "why", "how", "when", "where", "not", "maybe", "is", "are", "can", "do"}
)
NAME_MAX_WORDS = 6
NAME_MAX_CHARS = 100


def more_people(text: str) -> str | None:
    """A typed answer to "Anyone else on the panel?": NO_MORE ("no", "that's everyone"),
    ONE_MORE (a bare "yes"), the next person's name ("Yes, Tom Baker" or "Tom Baker": up to
    NAME_MAX_WORDS words and NAME_MAX_CHARS characters of letters, dots, hyphens and
    apostrophes), or None when the meaning isn't clear (a question, a number, a sentence)."""
    typed = " ".join(text.replace("’", "'").split())
    if _NO.fullmatch(typed):
        return NO_MORE
    yes = _YES.match(typed)
    rest = typed[yes.end() :] if yes else typed
    if yes and not rest:
        return ONE_MORE
    words = rest.lower().split()
    if (
        not words
        or len(rest) > NAME_MAX_CHARS
        or rest.lower() in _NOT_NAMES
        or len(words) > NAME_MAX_WORDS
        or words[0] in _SENTENCE_STARTS
    ):
        return None
    return rest if _NAME.fullmatch(rest) else None
