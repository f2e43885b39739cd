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
