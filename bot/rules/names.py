"""People's names as the drafts and the review read them: titles, first names, mentions."""

from __future__ import annotations

import re

from bot.rules.people import read_people

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
# Words for the bot, not anyone's name, typed alone.
_NOT_NAMES = frozenset({"help", "next", "skip", "cancel", "stop", "back", "menu", "add another"})


def more_people(text: str) -> str | None:
    """A typed answer to "Anyone else on the panel?": NO_MORE ("no", "that's everyone"),
    ONE_MORE (a bare "yes"), the part that names the next people ("Yes, Tom Baker" -> "Tom
    Baker"; `bot.rules.people.read_people` reads it into people), or None when the meaning
    isn't clear (a question, a number, a sentence)."""
    typed = " ".join(text.replace("’", "'").split())
    if _NO.fullmatch(typed):
        return NO_MORE
    yes = _YES.match(typed)
    rest = typed[yes.end() :] if yes else typed
    if yes and not rest:
        return ONE_MORE
    if rest.lower() in _NOT_NAMES:
        return None
    return rest if read_people(rest) else None
