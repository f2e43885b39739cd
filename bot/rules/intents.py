"""What an everyday reply means: "whats nxt", "dunno", "so-so", "stop", "oops, that was two people".

`read_intent` reads one message as an intent, or None when it is an ordinary answer (a note, a
company, a name, a date): it is conservative, since a real answer taken for an intent would be
lost. A message is an intent only when the whole of it says so: a phrase of the tables below
(after typos are mended), a rating in words or figures with nothing else of substance, "I just
had an interview" with at most when, or a correction ("actually …", "oops, …", "I meant …") with
the corrected text after it.

Sources of the rules: the replies new users typed in issue 15 ("help", "?", "what should i do
next?", "whats nxt", "i just had an intervew this morning", "so-so", "dunno", "I don't have
it", "next?", "oops, that was two people", "actually they said end of the month"); the bot's
rating scale (1 = rough, 5 = great, conversations/debrief_questions.py); the buttons whose
words they stand for (Skip, Yes / Not yet, That's everyone). Typos are mended per word with
rapidfuzz (a maintained fuzzy-matching library) against the few words the phrases are made of,
and whole phrases are matched with its ratio; short words only through a list of common typos,
so that a company such as "Nest" is never read as "next".

Pure: no Telegram, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from bot.rules.intent_words import (
    FILLER,
    LEADING,
    NEGATIONS,
    OUTCOME_WORDS,
    OUTCOMES,
    PHRASES,
    RATING_PHRASES,
    TRAILING,
    TYPOS,
)
from bot.rules.numbers import whole_number
from bot.terms import Outcome


class Intent(StrEnum):
    """What an everyday reply asks for (see the module docstring)."""

    NEXT = "next"
    HELP = "help"
    STATUS = "status"
    NEW_INTERVIEW = "new_interview"
    CANCEL = "cancel"
    SKIP = "skip"
    DONT_KNOW = "dont_know"
    YES = "yes"
    NO = "no"
    RATING = "rating"
    UNDO = "undo"
    CORRECTION = "correction"


@dataclass(frozen=True)
class Reading:
    """An intent read from a message. `rest`: for CORRECTION, the corrected text as typed
    (after "actually", "oops", "I meant"…); for NEW_INTERVIEW, when it was, as said ("this
    morning", "2 hours ago"; lower case, "" when not said); `rating`: for RATING, 1 (rough)
    to 5 (great)."""

    intent: Intent
    rest: str = ""
    rating: int | None = None


MAX_PHRASE = 80  # longer messages are answers, never a phrase of the tables
MAX_CORRECTION = 500
PHRASE_SCORE = 90  # rapidfuzz ratio (0–100) at which a whole message reads as a phrase
WORD_SCORE = 85  # … and a word of 5 letters or more as a word of the phrases

_BY_PHRASE = {p: Intent(value) for value, phrases in PHRASES.items() for p in phrases}
_SHORT_PHRASE = 8  # phrases shorter than this are matched exactly (after mending typos)

_WORDS = sorted({w for p in _BY_PHRASE for w in p.split() if len(w) >= 5} | {"interview"})

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_OUT_OF = re.compile(r"^(?P<n>[0-9]+|one|two|three|four|five)(?:/5)?$")
# Out of ten, a coach's reading on the 1–5 scale: halved, halves rounded up (8/10 → 4,
# 7/10 → 4, 5/10 → 3, 1/10 → 1).
_OUT_OF_TEN = re.compile(r"^(?P<n>[0-9]+)/10$")

_CORRECTION = re.compile(
    r"^\s*(?:oops|whoops|oh|sorry|no|wait|my bad|my mistake|correction|typo)?[\s,:!.;-]*"
    r"(?:actually|i meant|i mean|sorry i meant|i meant to say|it should be|"
    r"make that|correction|oops|whoops|typo|my mistake|my bad)\b[\s,:!.;-]*(?P<rest>.+)$",
    re.I | re.S,
)
_WHEN = (
    r"(?: (?P<when>this (?:morning|afternoon|evening)|today|tonight|yesterday(?: \w+)?|earlier"
    r"(?: today)?|just now|an? (?:hour|few hours|couple of hours) ago|[0-9]+ "
    r"(?:hours?|hrs?|mins?|minutes?) ago|at [0-9]{1,2}(?: ?[0-9]{2})?(?: ?[ap]m)?))?"
)
_JUST_HAD = re.compile(
    r"^(?:(?:hi|hey|hello|so|ok|well) )*(?:i )?(?:have |ive |just |have just |ve just )*"
    r"(?:had|did|done|finished|got out of|came out of|left|came back from|been to|went to)"
    rf" (?:an?|my|the|another|one more) (?:job |second |first |final )?interview{_WHEN}$"
)


def read_intent(text: str) -> Reading | None:
    """The intent of a whole message, or None when it is an answer to keep as typed.

    CORRECTION carries the corrected text in `rest` (as typed, trimmed); RATING its 1–5
    value in `rating` (a figure typed wins over the words: "pretty good, maybe a four" is 4).
    """
    raw = text.strip()
    if not raw or len(raw) > MAX_CORRECTION:
        return None
    if re.fullmatch(r"[?¿]+", raw):
        return Reading(Intent.HELP)
    if raw in ("👍", "👌", "✅"):
        return Reading(Intent.YES)
    if raw == "👎":
        return Reading(Intent.NO)
    correction = _correction(raw)
    if correction is not None or len(raw) > MAX_PHRASE:
        return correction
    words = _mended(_normal(raw))
    if not words:
        return None
    phrase = " ".join(words)
    exact = _BY_PHRASE.get(phrase) or _BY_PHRASE.get(" ".join(_trimmed(words)))
    if exact is not None:
        return Reading(exact)
    rating = None if re.search(r"[-−–]\s*[0-9]", raw) else _rating(words)  # not "-1"
    if rating is not None:
        return Reading(Intent.RATING, rating=rating)
    just_had = _JUST_HAD.match(phrase)
    if just_had is not None:
        return Reading(Intent.NEW_INTERVIEW, rest=just_had["when"] or "")
    return _near_phrase(phrase)


def read_deletion(text: str) -> tuple[int, ...] | None:
    """The numbers in "delete 3 and 4", "remove note 2", "delete notes 1, 3": the list's
    numbers as typed (1 up to 999, duplicates dropped, in order), or None when the message
    is not such a request."""
    found = re.fullmatch(
        r"\s*(?:please )?(?:delete|remove|erase|drop|del|rm)\s+"
        r"(?:notes?\s+|numbers?\s+|nos?\.?\s+)?"
        r"(?P<list>#?[0-9]+(?:\s*(?:,|and|&|\+|\s)\s*#?[0-9]+)*)\s*(?:please)?[.!]?\s*",
        text.lower(),
    )
    if found is None:
        return None
    numbers = [whole_number(n, 1, 999) for n in re.findall(r"[0-9]+", found["list"])]
    if any(n is None for n in numbers):
        return None
    return tuple(dict.fromkeys(n for n in numbers if n is not None))


_BY_OUTCOME = {p: Outcome(value) for value, phrases in OUTCOMES.items() for p in phrases}


def read_outcome(text: str) -> Outcome | None:
    """The outcome a few words name ("rejected", "got the job", "next round", "withdrew",
    "still waiting"), typos mended as in `read_intent`; None when they name none."""
    phrase = " ".join(_mended(_normal(text)))
    if not phrase or len(phrase) > MAX_PHRASE:
        return None
    if phrase in _BY_OUTCOME:
        return _BY_OUTCOME[phrase]
    best = process.extractOne(phrase, list(_BY_OUTCOME), scorer=fuzz.ratio, score_cutoff=85)
    if best is not None:
        return _BY_OUTCOME[best[0]]
    return _outcome_word(phrase.split())


def _outcome_word(words: list[str]) -> Outcome | None:
    """The one outcome a sentence's words name ("they offered me the job", "they rejected
    me"), or None: no such word, words of two outcomes, or a negation anywhere."""
    if NEGATIONS.intersection(words):
        return None
    named = {value for value, keys in OUTCOME_WORDS.items() if keys.intersection(words)}
    if "got" in words and "job" in words:
        named.add("offer")
    return Outcome(named.pop()) if len(named) == 1 else None


def _normal(text: str) -> str:
    """Lower case, apostrophes dropped ("what's" → "whats"), dashes and punctuation as
    spaces, "/" kept (for "4/5")."""
    text = text.lower().replace("’", "").replace("'", "").replace("‘", "").replace("`", "")
    text = re.sub(r"[^a-z0-9/ ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _mended(phrase: str) -> list[str]:
    """The words of a message with their typos mended (see the module docstring)."""
    mended = []
    for word in phrase.split():
        word = TYPOS.get(word, word)
        if len(word) >= 5 and word not in _WORDS:
            best = process.extractOne(word, _WORDS, scorer=fuzz.ratio, score_cutoff=WORD_SCORE)
            word = best[0] if best is not None else word
        mended.append(word)
    return mended


def _trimmed(words: list[str]) -> list[str]:
    """The words without the interjections before and the courtesies after (see LEADING)."""
    start, end = 0, len(words)
    while start < end - 1 and words[start] in LEADING:
        start += 1
    while end > start + 1 and words[end - 1] in TRAILING:
        end -= 1
    return words[start:end]


def _near_phrase(phrase: str) -> Reading | None:
    """A phrase of the tables typed with a slip the word mending didn't catch."""
    if len(phrase) < _SHORT_PHRASE:
        return None
    long_ones = [p for p in _BY_PHRASE if len(p) >= _SHORT_PHRASE]
    best = process.extractOne(phrase, long_ones, scorer=fuzz.ratio, score_cutoff=PHRASE_SCORE)
    return Reading(_BY_PHRASE[best[0]]) if best is not None else None


def _rating(words: list[str]) -> int | None:
    """1–5 from words and figures only ("so-so", "pretty good, maybe a four", "4/5"); None
    when anything else is said, or two figures disagree."""
    figures: set[int] = set()
    said: list[str] = []
    joined = re.sub(r" ?(?:/|out of|of) ?(?=(?:5|10)\b)", "/", " ".join(words))
    for word in joined.split():
        number = _OUT_OF.match(word)
        tenths = _OUT_OF_TEN.match(word)
        if tenths is not None:
            ten = whole_number(tenths["n"], 0, 10)
            if ten is None:
                return None
            figures.add(max(1, (ten + 1) // 2))
        elif number is not None:
            value = _NUMBER_WORDS.get(number["n"]) or whole_number(number["n"], 1, 5)
            if value is None:
                return None
            figures.add(value)
        else:
            said.append(word)
    if len(figures) > 1:
        return None
    rated = _rated_words(said)
    if rated is False:
        return None
    if figures:
        return figures.pop()
    return rated if isinstance(rated, int) else None


def _rated_words(words: list[str]) -> int | bool | None:
    """The rating the words give; None when they give none (only filler), False when they
    say something else."""
    content = " ".join(w for w in words if w not in FILLER)
    if not content:
        return None
    return RATING_PHRASES.get(content, False)


def _correction(raw: str) -> Reading | None:
    """ "oops, that was two people", "actually they said end of the month", "I meant Tom"."""
    found = _CORRECTION.match(raw)
    if found is None:
        return None
    rest = found["rest"].strip()
    if not re.search(r"[^\W_]", rest):
        return None
    return Reading(Intent.CORRECTION, rest=rest)
