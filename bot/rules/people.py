"""People as people (issue 14): a line of names read into separate people, a job title or a
relationship kept apart from the name, answers that aren't names recognised, and the ways to
address someone. Names are read with `nameparser` (a maintained name-parsing library).

"Priya Shah (Head of Analytics) and Tom O'Neill from HR" -> Priya Shah, job title "Head of
Analytics"; Tom O'Neill, job title "HR". "Dr Helen Ward, my dissertation supervisor" -> Dr
Helen Ward, relationship "my dissertation supervisor". "dunno yet" -> nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nameparser import HumanName

MAX_WORDS = 5  # words of one name, title included ("Prof Jean-Luc de la Tour")
_SPLIT = re.compile(r"\s*(?:,|;|/|&|\+|\band\b|\bplus\b)\s*", re.I)
_BRACKET = re.compile(r"\(([^)]*)\)")
_FROM = re.compile(r"\s+(?:from|in|at)\s+(?:the\s+)?(?P<job>.+)$", re.I)
_DASH = re.compile(r"\s+[-–—]\s+(?P<job>.+)$")
# Words that never stand in a name: what people type when they don't know or correct themselves.
# fmt: off
_NOT_NAME = frozenset({
    "dunno", "don't", "dont", "know", "not", "sure", "unsure", "yet", "no", "nope", "none",
    "nobody", "someone", "somebody", "idk", "tbc", "tbd", "unknown", "forgot", "forget", "skip",
    "mean", "i", "me", "my", "it", "the", "an", "was", "is", "were", "yes", "maybe", "later",
    "who", "recruiter", "interviewer", "manager", "panel", "team", "hr", "person", "people",
    "guy", "lady", "man", "woman", "they", "he", "she", "n/a", "na", "x", "ok", "okay", "thanks",
    "thank", "hi", "hello", "sorry", "can't", "cant", "remember", "next", "week", "today",
    "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "am", "pm",
})
# fmt: on
# Words of a job title, never of a name ("Head of Analytics", "HR Business Partner").
# fmt: off
_JOB_WORDS = frozenset({
    "head", "chief", "director", "manager", "lead", "leader", "officer", "partner", "engineer",
    "analyst", "recruiter", "recruitment", "talent", "acquisition", "specialist", "coordinator",
    "executive", "president", "vp", "ceo", "cto", "cfo", "coo", "founder", "owner", "supervisor",
    "principal", "senior", "junior", "associate", "assistant", "consultant", "advisor", "hiring",
    "of",
})
# fmt: on
_RELATION_START = re.compile(
    r"^(my|our|her|his|their|former|ex|current|previous|old|line|was|is)\b", re.I
)
# A line with one of these is a correction or a shrug, never a list with a name in it.
_REFUSALS = frozenset({"dunno", "idk", "mean", "no", "nope", "sure", "remember", "forgot"})
TITLES = ("Mr", "Ms", "Mrs", "Miss", "Mx", "Dr", "Prof")


@dataclass(frozen=True)
class Person:
    """One person read from what the user typed: the name, and a job title if one was given."""

    name: str
    job_title: str | None = None


def is_name(text: str) -> bool:
    """True when `text` reads as a person's name: 1–5 words of letters (hyphens and
    apostrophes allowed), none of them a word people type instead of a name ("dunno")."""
    words = text.replace(".", " ").split()
    if not words or len(words) > MAX_WORDS:
        return False
    if any(not re.fullmatch(r"[^\W\d_][\w'’-]*", w) for w in words):
        return False
    lowered = [w.lower().strip("'’") for w in words]
    return not any(w in _NOT_NAME or w in _JOB_WORDS for w in lowered)


def tidy_name(text: str) -> str:
    """A name with its capitals set as people write them ("priya shah" -> "Priya Shah"),
    left as typed when the user used capitals already ("Jean-Luc de la Tour")."""
    text = " ".join(text.split()).strip(" .,;:")
    if text != text.lower():
        return text
    parsed = HumanName(text)
    parsed.capitalize(force=True)
    return str(parsed)


def _one(piece: str) -> Person | None:
    """One person from one piece of the line ("Priya Shah (Head of Analytics)")."""
    job = None
    bracket = _BRACKET.search(piece)
    if bracket:
        job = bracket[1].strip() or None
        piece = _BRACKET.sub(" ", piece)
    for pattern in (_FROM, _DASH):
        found = pattern.search(piece)
        if found and is_name(piece[: found.start()]):
            job = job or found["job"].strip(" .")
            piece = piece[: found.start()]
    piece = " ".join(piece.split()).strip(" .,;:")
    return Person(tidy_name(piece), job) if is_name(piece) else None


def read_people(text: str) -> list[Person]:
    """The people on one line ("A (title) and B from HR", "A, B and C"), in order; empty
    when none of it reads as a name ("dunno yet", "no, I mean Monday 7th December").

    A piece after a comma that isn't a name but follows a name is that person's job title
    ("Priya Shah, Head of Analytics")."""
    if any(w.lower() in _REFUSALS for w in re.findall(r"[\w']+", text)):
        return []
    people: list[Person] = []
    # Brackets hold a job title, which may have its own commas or "and": kept whole.
    held: list[str] = []

    def hold(found: re.Match[str]) -> str:
        held.append(found[1])
        return f"({len(held) - 1}⁂)"

    masked = _BRACKET.sub(hold, text)
    for raw in _SPLIT.split(masked):
        piece = re.sub(r"\(([0-9]+)⁂\)", lambda m: f"({held[int(m[1])]})", raw).strip()
        if not piece:
            continue
        person = _one(piece)
        if person is not None:
            people.append(person)
        elif people and people[-1].job_title is None and not re.search(r"\d", piece):
            people[-1] = Person(people[-1].name, piece.strip(" ."))
    return people


def read_referee(text: str) -> tuple[str, str | None] | None:
    """A referee's name and relationship ("Dr Helen Ward, my dissertation supervisor" ->
    ("Dr Helen Ward", "my dissertation supervisor")); None when no name is there."""
    text = " ".join(text.split()).strip(" .")
    relation = None
    bracket = _BRACKET.search(text)
    if bracket:
        relation = bracket[1].strip() or None
        text = _BRACKET.sub(" ", text).strip()
    parts = re.split(r"\s*(?:,|;|\s[-–—]\s)\s*", text, maxsplit=1)
    if len(parts) == 2:
        text, relation = parts[0], relation or parts[1]
    else:
        words = text.split()
        for i in range(1, len(words)):
            if _RELATION_START.match(words[i]):
                text, relation = " ".join(words[:i]), " ".join(words[i:])
                break
    person = _one(text)
    if person is None:
        return None
    return person.name, (relation.strip(" .") if relation else None)


def parts(name: str) -> HumanName:
    """The name read into title, first, middle and last (nameparser)."""
    return HumanName(name)


def first_of(name: str) -> str:
    """The first name ("Dr Helen Ward" -> "Helen"), or the whole name when there is none."""
    parsed = HumanName(name)
    return str(parsed.first) or name.strip()


def titled(name: str) -> str | None:
    """Title and surname when the user typed a title ("Dr Helen Ward" -> "Dr Ward")."""
    parsed = HumanName(name)
    if parsed.title and parsed.last:
        return f"{parsed.title.rstrip('.')} {parsed.last}"
    return None


def address_options(name: str) -> list[str]:
    """The ways to address `name` in a letter, for buttons: the first name, then the title
    typed with the surname, or each common title with the surname when none was typed."""
    parsed = HumanName(name)
    first, last = str(parsed.first), str(parsed.last)
    options = [first] if first else []
    own = titled(name)
    if own:
        options.append(own)
    elif last:
        options += [f"{title} {last}" for title in ("Ms", "Mr", "Dr")]
    full = " ".join(x for x in (first, last) if x)
    if full and full not in options:
        options.append(full)
    return options or [name.strip()]


def formal_address(name: str, address: str | None) -> str:
    """How a formal letter greets the person: the address the user chose, else title and
    surname when typed ("Dr Ward"), else the name without a title ("Tom O'Neill")."""
    if address:
        return address
    own = titled(name)
    if own:
        return own
    parsed = HumanName(name)
    full = " ".join(x for x in (str(parsed.first), str(parsed.last)) if x)
    return full or name.strip()


def informal_address(name: str, address: str | None) -> str:
    """How an informal note greets the person: the chosen address, else title and surname when
    the user typed a title ("Hi Dr Ward": the title asks for the surname), else the first name."""
    return address or titled(name) or first_of(name)
