"""Spelling for the review of a pasted draft: the user's country picks the dictionary (en-GB in
the UK, en-CA in Canada, British or American elsewhere), and a correction is offered only when
the dictionary proposes one that is close and is not just another form of the word typed.

The dictionaries are hunspell's (`bot/rules/dictionaries.py`); *choice*: they replace
pyspellchecker's single American list, whose "programme → programmed" was wrong for the UK.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from bot.rules import dictionaries
from bot.rules.dictionaries import CA, ENGLISH, GB, US, frequency

_BY_COUNTRY = {"GB": (GB,), "CA": (CA,)}
# *choice*: a user of another country (or none) may write British or American English; the
# British dictionary goes first, so that its corrections are the ones offered.
ANY_ENGLISH = (GB, US)

# Workplace words a general dictionary lacks (in lower case); names, the company and the
# user's own notes are excluded per interview on top of these.
_ALLOWED = frozenset(
    {"linkedin", "email", "emails", "cv", "cvs", "covid", "onboarding", "ok", "okay", "wfh"}
)

MAX_EDITS = 2  # a correction further than this (Damerau distance) is a guess, not a fix
# Endings that turn a word into another form of it: "programme" → "programmed" or
# "programmer" is not a correction of "programme", only a word the dictionary knows better.
_ENDINGS = ("s", "es", "d", "ed", "r", "er", "ing")
# Hunspell's kinds of suggestion, by how often people make that slip: a common misspelling
# from the dictionary's own table, two letters swapped or one left out first; a letter changed
# for a far one, or a word found only by likeness, last. The fewest edits go first, then the
# tier, then the more frequent word.
_TIERS = {
    "replchars": 0,
    "mapchars": 0,
    "swapchar": 0,
    "forgotchar": 0,
    "doubletwochars": 0,
    "extrachar": 1,
    "badcharkey": 1,
    "movechar": 1,
    "longswapchar": 1,
}
_LAST_TIER = 2
MAX_DEEP = 2  # words per review searched for by likeness, not only by small edits
_MAX_CANDIDATES = 20  # hunspell's own limits stop well before; this bounds the time anyway


def dictionaries_for(country: str | None) -> tuple[str, ...]:
    """The dictionaries that judge a user's spelling, for an ISO country code ("GB", "CA"; a
    region after it, "GB-SCT", counts as its country); any English for others or None."""
    return _BY_COUNTRY.get((country or "")[:2].upper(), ANY_ENGLISH)


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


@lru_cache(maxsize=8192)
def _knows(name: str, word: str) -> bool:
    return bool(dictionaries.get(name).dictionary.lookup(word))


def in_dictionary(word: str, country: str | None = None) -> bool:
    """True when a dictionary of the user's country knows the word as typed (a capital at a
    sentence's start is fine; each part of a hyphenated word is looked up)."""
    return any(_knows(name, word) for name in dictionaries_for(country))


def corrections(words: Sequence[str], country: str | None = None) -> list[str | None]:
    """The correction of each word (see `suggest`), None where there is none. The slow search
    by likeness (~0.2 s a word) is tried for the first MAX_DEEP words only, which bounds a
    review's time (~1 s at worst)."""
    found: list[str | None] = []
    deep_left = MAX_DEEP
    for word in words:
        fix = suggest(word, country, deep=False)
        if fix is None and deep_left > 0:
            deep_left -= 1
            fix = suggest(word, country)
        found.append(fix)
    return found


@lru_cache(maxsize=1024)
def suggest(word: str, country: str | None = None, *, deep: bool = True) -> str | None:
    """The correction of a word the user's dictionaries don't know, or None when there is no
    close one. A word another English accepts (a GB user's "color") gets its counterpart
    ("colour") only, never a word that English knows too ("colon"). With `deep`, a slip that
    no small edit mends ("recieveing") is looked for by likeness too."""
    names = dictionaries_for(country)
    variant_of = tuple(name for name in ENGLISH if name not in names and _knows(name, word))
    suggesters = [dictionaries.get(name).edits_only for name in names]
    if deep and not variant_of:
        suggesters += [dictionaries.get(name).dictionary.suggester for name in names]
    for suggester in suggesters:
        ranked = [
            (_distance(word, text), _TIERS.get(kind, _LAST_TIER), -frequency(text), order, text)
            for order, (text, kind) in enumerate(_candidates(suggester, word))
            if _close(word, text) and _counterpart(word, text, variant_of)
        ]
        if ranked:
            return min(ranked)[-1]
    return None


def _counterpart(word: str, candidate: str, variant_of: tuple[str, ...]) -> bool:
    """True when `candidate` may be the user's spelling of `word`, a word the dictionaries
    `variant_of` know: a word they don't know ("color" → "colour", not "colon"), or the same
    word with z for s ("organisations" → "organizations": en-GB knows both, as it takes the
    Oxford -ize spellings too)."""
    if not any(_knows(name, candidate) for name in variant_of):
        return True
    return candidate.lower().replace("z", "s") == word.lower().replace("z", "s")


def _candidates(suggester: Any, word: str) -> Iterator[tuple[str, str]]:
    """The dictionary's suggestions (text, kind of edit), in its own order."""
    for count, found in enumerate(suggester.suggestions(word)):
        if count >= _MAX_CANDIDATES:
            return
        yield found.text, found.kind


def _distance(word: str, candidate: str) -> int:
    """Letters added, dropped, changed or swapped (adjacent) from one to the other."""
    return int(OSA.distance(word.lower(), candidate.lower()))


def _close(word: str, candidate: str) -> bool:
    """A real correction: one word, cased as a word not a name, a small edit, not another form
    of the word typed."""
    typed, fixed = word.lower(), candidate.lower()
    if typed == fixed or " " in fixed or ("-" in fixed and "-" not in typed):
        return False
    if word.islower() and not candidate.islower():
        return False  # "thier" → "Thierry": a name, not a fix
    if "'" in fixed and "'" not in typed and fixed.replace("'", "") != typed:
        return False  # "dont" → "don't", but not "donut" → "don't"
    if _distance(typed, fixed) > MAX_EDITS:
        return False
    return not _another_form(typed, fixed)


def _another_form(typed: str, fixed: str) -> bool:
    """True when `fixed` only adds an ending to `typed` ("programme" → "programmed"), also
    in the plural ("programmes" → "programmers"), or makes a plural possessive
    ("programmes" → "programme's")."""
    if any(fixed == typed + ending for ending in _ENDINGS):
        return True
    if fixed.endswith(("'s", "’s")) and fixed[:-2] + "s" == typed:
        return True
    both_plural = typed.endswith("s") and fixed.endswith("s")
    return both_plural and any(fixed[:-1] == typed[:-1] + ending for ending in _ENDINGS)
