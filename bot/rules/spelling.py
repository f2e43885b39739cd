"""Spelling for the review of a pasted draft: which words a general English dictionary doesn't
know, British spellings and a few workplace words allowed, and the dictionary's suggestion."""

from __future__ import annotations

import re
from functools import lru_cache

from spellchecker import SpellChecker

# Workplace words a general dictionary lacks; names, the company and the user's own notes are
# excluded per interview on top of these.
_ALLOWED = frozenset(
    {"linkedin", "email", "emails", "cv", "cvs", "covid", "onboarding", "ok", "okay", "wfh"}
)
# British spellings are right: try the American form the dictionary knows.
_BRITISH = (
    ("isation", "ization"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("our", "or"),
    ("ours", "ors"),
    ("tre", "ter"),
    ("ogue", "og"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ence", "ense"),
)


def skip_word(token: str, position: int, known: set[str]) -> bool:
    """True for a word the dictionary can't judge: one of `known` (lower case), an allowed
    workplace word, an acronym, or a capitalised word after a sentence's first (`position` 0)."""
    lower = token.lower()
    if lower in known or lower in _ALLOWED or len(token) < 2:
        return True
    if token.isupper():
        return True  # SQL, CV: acronyms
    # A capital mid-sentence is a name or a place: the dictionary can't judge it.
    return position > 0 and token[0].isupper()


@lru_cache(maxsize=1)
def _dictionary() -> SpellChecker:
    return SpellChecker(distance=1)


@lru_cache(maxsize=4096)
def in_dictionary(lower: str) -> bool:
    """True when the dictionary knows a lower-case word (each part of a hyphenated one)."""
    parts = [p for p in re.split(r"[-]", lower.replace("’", "'")) if p]
    return all(_known_part(p) for p in parts)


def _known_part(part: str) -> bool:
    checker = _dictionary()
    if part in checker or part.split("'")[0] in checker:
        return True
    for british, american in _BRITISH:
        if part.endswith(british) and part[: -len(british)] + american in checker:
            return True
    return False


@lru_cache(maxsize=1024)
def suggest(word: str) -> str | None:
    """The dictionary's correction of a word (lower case), None when it has no other."""
    found = _dictionary().correction(word.lower())
    return found if found and found != word.lower() else None
