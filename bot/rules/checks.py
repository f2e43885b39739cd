"""The review of a draft the user pastes back (COACHING.md, "Checks on a draft").

Each check is a small named rule: a pure function from the pasted text and what we know about
the interview to zero or one finding. A finding names its rule and carries the values its
message needs; the one-line message with its fix lives in `bot/texts/review.py`. No findings
means the draft is ready to send.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.rules.drafting import LINKEDIN_LIMIT
from bot.rules.names import mentions, name_parts

# Callers read pasted text through the review: `X as X` re-exports what they import from here.
from bot.rules.pasted import Letter as Letter
from bot.rules.pasted import parse as parse
from bot.rules.pasted import sentences as sentences
from bot.rules.pasted import words as words
from bot.rules.spelling import corrections, in_dictionary, skip_word
from bot.terms import DraftKind

MIN_WORDS = 40
MAX_WORDS = 200
MAX_SENTENCES = 5
MAX_EXCLAMATIONS = 1  # one can be warm; more reads as a storm
NEAR_DUPLICATE = 85  # rapidfuzz ratio (0–100) at which two notes read as the same note
MAX_SPELLING = 5  # the first few unknown words are enough to act on

# What each kind of draft is checked for. A referee or a LinkedIn note isn't a formal letter.
LETTERS = frozenset({DraftKind.THANK_YOU, DraftKind.FOLLOW_UP, DraftKind.REJECTION_REPLY})
NAMES_ROLE = frozenset({DraftKind.THANK_YOU, DraftKind.FOLLOW_UP, DraftKind.REFEREE_BRIEFING})
CARRIES_THANKS = frozenset(
    {
        DraftKind.THANK_YOU,
        DraftKind.REJECTION_REPLY,
        DraftKind.REFEREE_THANKS,
        DraftKind.LINKEDIN,
    }
)
SIGNED = frozenset(DraftKind) - {DraftKind.LINKEDIN}

_SIR_OR_MADAM = re.compile(
    r"sir\s*(or|/)\s*madam|to whom it may concern|hiring (manager|team)", re.I
)
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f1e6-\U0001f1ff\U00002b00-\U00002bff"
    "\ufe0f\u200d]"
)
_THANKS = re.compile(r"\b(thank|thanks|thankful|grateful|appreciate[ds]?)\b", re.I)
_CV = re.compile(r"\b(attached|attachment|cv|résumé|resume)\b", re.I)


@dataclass(frozen=True)
class ReviewFacts:
    """What a review compares the pasted draft with, loaded for one draft."""

    kind: DraftKind
    recipient: str | None = None  # who it should be addressed to (None: unknown)
    role: str | None = None
    company: str | None = None
    other_people: Sequence[str] = ()  # the other interviewers: a greeting must not name them
    known_words: Sequence[str] = ()  # names, company, role, the user's notes: never misspelled
    # The other interviewers' notes (theirs as drafted or as pasted), to spot a copy.
    other_notes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    limit: int = LINKEDIN_LIMIT
    country: str | None = None  # the user's ISO code: its spelling is the right one ("GB")


@dataclass(frozen=True)
class Finding:
    rule: str
    values: Mapping[str, str] = field(default_factory=dict)


# --- the rules -------------------------------------------------------------------------------
Rule = Callable[[Letter, ReviewFacts], Finding | None]


def addressee(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """Addressed to the right person, by name."""
    if facts.recipient is None or (facts.kind is DraftKind.LINKEDIN and letter.greeting is None):
        return None
    expected = facts.recipient
    if letter.greeting is None:
        return Finding("no_greeting", {"name": expected})
    named = letter.greeting_name
    if mentions(named, expected):
        return None
    wrong = next((other for other in facts.other_people if mentions(named, other)), None)
    if wrong is not None:
        return Finding("wrong_person", {"found": wrong, "name": expected})
    return Finding("addressee", {"name": expected})


def length(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """A letter of 40–200 words."""
    if facts.kind not in LETTERS:
        return None
    count = len(words(letter.body))
    if count < MIN_WORDS:
        return Finding("too_short", {"count": str(count), "min": str(MIN_WORDS)})
    if count > MAX_WORDS:
        return Finding("too_long", {"count": str(count), "max": str(MAX_WORDS)})
    return None


def sentence_count(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """At most five sentences."""
    if facts.kind not in LETTERS:
        return None
    count = len(sentences(letter.body))
    if count > MAX_SENTENCES:
        return Finding("sentences", {"count": str(count), "max": str(MAX_SENTENCES)})
    return None


def linkedin_length(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """A LinkedIn note fits the connection-note limit."""
    if facts.kind is not DraftKind.LINKEDIN:
        return None
    count = len(letter.text.strip())
    if count > facts.limit:
        return Finding("linkedin_long", {"count": str(count), "limit": str(facts.limit)})
    return None


def role(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """The role is named."""
    if facts.kind not in NAMES_ROLE or not facts.role:
        return None
    text = letter.text.lower()
    if facts.role.lower() in text:
        return None
    key_words = [x for x in words(facts.role.lower()) if len(x) > 2]
    if key_words and all(re.search(rf"\b{re.escape(x)}\b", text) for x in key_words):
        return None
    return Finding("role", {"role": facts.role})


def thanks(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """Says thank you."""
    if facts.kind not in CARRIES_THANKS or _THANKS.search(letter.body or letter.text):
        return None
    return Finding("thanks")


def sign_off(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """Signed off, and the sign-off matches the greeting."""
    if facts.kind not in SIGNED:
        return None
    greeting = letter.greeting or ""
    formal = greeting.lower().startswith("dear")
    if letter.sign_off is None:
        # The sign-off that goes with the greeting: "Hi Tom" is not signed "Yours sincerely".
        fix = "Yours sincerely" if formal or not greeting else "Kind regards"
        return Finding("no_sign_off", {"fix": fix})
    closing = letter.sign_off.lower()
    impersonal = bool(_SIR_OR_MADAM.search(greeting))
    if impersonal and "sincerely" in closing:
        return Finding("sincerely_to_unknown", {"sign_off": letter.sign_off})
    if not impersonal and "faithfully" in closing:
        fix = "Yours sincerely" if formal else "Kind regards"
        return Finding("faithfully_to_name", {"sign_off": letter.sign_off, "fix": fix})
    if greeting and not formal and "yours" in closing:
        # COACHING.md pairs an informal "Hi …" with "Kind regards", not a letter's "Yours …".
        return Finding("formal_to_informal", {"sign_off": letter.sign_off})
    return None


def spelling(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """No spelling mistakes for the user's country (en-GB, en-CA); names, the company and the
    user's own words excluded."""
    known = {w.lower() for w in words(" ".join(facts.known_words))}
    known |= {p.lower() for p in name_parts(facts.recipient or "")}
    wrong: list[str] = []
    for sentence in sentences(f"{letter.greeting or ''}\n{letter.body}"):
        for position, word in enumerate(words(sentence)):
            token = word.strip("'’-")
            if not token or skip_word(token, position, known):
                continue
            if not in_dictionary(token, facts.country) and token not in wrong:
                wrong.append(token)
    if not wrong:
        return None
    shown = wrong[:MAX_SPELLING]
    fixes = map(_with_fix, shown, corrections(shown, facts.country))
    return Finding("spelling", {"words": ", ".join(fixes)})


def _with_fix(word: str, fix: str | None) -> str:
    return f"{word} → {fix}" if fix else word


def near_duplicate(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """Two interviewers' thank-you notes don't read alike."""
    if facts.kind is not DraftKind.THANK_YOU:
        return None
    mine = _comparable(letter.body, facts)
    for person, notes in facts.other_notes.items():
        for note in notes:
            theirs = _comparable(parse(note).body, facts)
            if mine and theirs and fuzz.ratio(mine, theirs) >= NEAR_DUPLICATE:
                return Finding("near_duplicate", {"other": person})
    return None


def _comparable(body: str, facts: ReviewFacts) -> str:
    """The body with names blanked, so that only a changed name doesn't make notes differ."""
    text = body.lower()
    for person in [facts.recipient or "", *facts.other_people]:
        for part in name_parts(person):
            if len(part) > 1:
                text = re.sub(rf"\b{re.escape(part.lower())}\b", "", text)
    return " ".join(text.split())


def exclamations(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """No exclamation-mark storm."""
    count = letter.text.count("!")
    if count > MAX_EXCLAMATIONS or "!!" in letter.text:
        return Finding("exclamations", {"count": str(count)})
    return None


def emoji(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """No emoji in a professional note."""
    return Finding("emoji") if _EMOJI.search(letter.text) else None


def no_cv(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """A follow-up is a status check: no CV re-attached."""
    if facts.kind is DraftKind.FOLLOW_UP and _CV.search(letter.text):
        return Finding("cv")
    return None


def one_question(letter: Letter, facts: ReviewFacts) -> Finding | None:
    """A rejection reply asks one feedback question, not a list."""
    if facts.kind is not DraftKind.REJECTION_REPLY:
        return None
    count = letter.text.count("?")
    if count == 0:
        return Finding("no_question")
    return Finding("questions", {"count": str(count)}) if count > 1 else None


RULES: tuple[Rule, ...] = (
    addressee,
    length,
    sentence_count,
    linkedin_length,
    role,
    thanks,
    sign_off,
    spelling,
    near_duplicate,
    exclamations,
    emoji,
    no_cv,
    one_question,
)


def review(text: str, facts: ReviewFacts) -> list[Finding]:
    """Every finding on a pasted draft, in the order the rules run; [] means ready to send."""
    letter = parse(text)
    return [found for rule in RULES if (found := rule(letter, facts)) is not None]
