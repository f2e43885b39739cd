"""What the drafts are made of: the facts they draw on, and the small readers over those facts
(the role, the date, the one specific detail for an interviewer, the greeting that fits).
`bot.rules.drafts` puts them together into the six drafts; their kinds are in `bot.terms`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.rules.letter import Addressee
from bot.rules.models import Interview, Interviewer, Note, Referee
from bot.rules.names import mentions
from bot.rules.people import first_of, formal_address, informal_address
from bot.rules.points import FORGOT, first_person_point, rough_topic
from bot.rules.voice import clause_for, question_topic, to_second_person
from bot.texts import letters as w

LINKEDIN_LIMIT = 200  # free accounts
LINKEDIN_PREMIUM_LIMIT = 300


@dataclass(frozen=True)
class DraftFacts:
    """Everything a draft may draw on, loaded by `bot.storage.journey.draft_facts`."""

    interview: Interview
    interviewers: Sequence[Interviewer]
    notes: Sequence[Note]
    sender: str  # the user's first name, for the sign-off
    tz: ZoneInfo
    followups_sent: Sequence[datetime] = field(default_factory=tuple)
    referees: Sequence[Referee] = field(default_factory=tuple)


DETAIL_CHARS = 160  # one specific thing, not a paragraph
ADDITION_SENTENCES = 2  # seed 000: "no longer than one or two sentences"
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_LEADING_ARTICLE = re.compile(r"^(a|an|the)\s+", re.I)
_TRAILING_ROLE = re.compile(r"\s+(role|position|job)$", re.I)
# Words that start a phrase mid-sentence in lower case ("about the salary question").
_LOWER_STARTS = frozenset(
    {"the", "my", "a", "an", "our", "their", "your", "when", "how", "what", "why", "that", "this"}
    | {"they", "he", "she", "we", "it", "there", "some", "any", "lots", "plenty"}
)
# Answers that mean "nothing": they must never end up in a letter ("...: Nothing.").
_NOTHING = re.compile(r"^(nothing|none|no|nope|n/?a|-+|nothing to add|not really)[.!]*$", re.I)
# Notes about oneself ("I forgot...", "I should have...") are for the user, not to quote back.
_SELF_NOTE = re.compile(r"^i (forgot|didn't|did not|should have|wish|was|felt|think)\b", re.I)


def given(text: str | None) -> str | None:
    """User text if there is any ("" or "nothing" means the user said there was nothing)."""
    if not text or not text.strip() or _NOTHING.match(text.strip()):
        return None
    return text.strip()


def sentences(text: str) -> list[str]:
    """The sentences (or lines) of user text, trimmed, empty ones left out."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def sentence(text: str, limit: int | None = None) -> str:
    """One fragment of user text as a sentence: trimmed, cut at a word, ending in a full stop."""
    text = " ".join(text.split()).rstrip(" .;:,!?")
    if limit is not None and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(" .;:,!?") + "…"
        return text
    return text + "."


def phrase(text: str) -> str:
    """User text to go mid-sentence: no final stop, a leading "The" in lower case."""
    text = " ".join(text.split()).rstrip(" .;:,!?")
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first.lower() in _LOWER_STARTS else text


def role_name(interview: Interview) -> str | None:
    """The role as it reads after "the": "a Data Analyst role" becomes "Data Analyst"."""
    role = given(interview.role)
    if role is None:
        return None
    role = _TRAILING_ROLE.sub("", _LEADING_ARTICLE.sub("", role)).strip()
    return role or None


def the_role(interview: Interview) -> str:
    """ "the Data Analyst role", or "the role" when it isn't known."""
    role = role_name(interview)
    return w.ROLE.format(role=role) if role else w.THE_ROLE


def at_company(interview: Interview) -> str:
    """ " at Acme", or "" when the company isn't known."""
    company = given(interview.company)
    return w.AT_COMPANY.format(company=company) if company else ""


def day_text(moment: date | datetime, tz: ZoneInfo) -> str:
    """ "Monday 23 November", in the user's zone for a moment in time."""
    day = moment.astimezone(tz).date() if isinstance(moment, datetime) else moment
    return f"{day:%A} {day.day} {day:%B}"


def on_date(facts: DraftFacts) -> str:
    """ " on Monday 23 November" (the interview's day, user's zone), or "" when not known."""
    held = facts.interview.held_at
    return w.ON_DATE.format(date=day_text(held, facts.tz)) if held else ""


def index_of(facts: DraftFacts, person: Interviewer) -> int:
    """The interviewer's place in the panel (0 when not on it): picks their wording."""
    ids = [p.id for p in facts.interviewers]
    return ids.index(person.id) if person.id in ids else 0


def details(notes: Iterable[Note], interview: Interview) -> list[str]:
    """Candidate specific details: each sentence of the notes worth quoting back."""
    skip = {given(interview.forgot_to_say), given(interview.not_landed)}
    found = []
    for note in notes:
        for line in sentences(note.body):
            if len(line.split()) >= 3 and line not in skip and not _SELF_NOTE.match(line):
                found.append(line)
    return found


def detail_for(facts: DraftFacts, person: Interviewer) -> str | None:
    """The one specific sentence from the notes for this interviewer, in the second person
    ("It was good to hear that you care a lot about safety."; "I enjoyed your question about
    …"); None when no note fits a frame (jottings are never quoted).

    A detail that names them is theirs; otherwise details naming nobody else are dealt out in
    interviewer order, so that each one gets a different detail (or none rather than a copy).
    """
    alone = len(facts.interviewers) <= 1
    i = index_of(facts, person)
    pool = [d for d in details(facts.notes, facts.interview) if _framed(d, person.name, True, i)]
    for line in (d for d in pool if mentions(d, person.name)):
        framed = _framed(line, person.name, alone, i)
        if framed is not None:
            return framed
    neutral = [d for d in pool if not any(mentions(d, p.name) for p in facts.interviewers)]
    neutral = [d for d in neutral if _framed(d, person.name, alone, i) is not None]
    without_own = [p for p in facts.interviewers if not any(mentions(d, p.name) for d in pool)] or [
        person
    ]
    rank = next((n for n, p in enumerate(without_own) if p.id == person.id), 0)
    return _framed(neutral[rank], person.name, alone, i) if rank < len(neutral) else None


def _framed(line: str, name: str, alone: bool, i: int) -> str | None:
    """A note in the thank-you's frame for the `i`-th interviewer, or None when it fits none."""
    topic = question_topic(line, name, alone)
    if topic is not None:
        return w.THANKS_QUESTION.format(topic=topic)
    clause = clause_for(line, name, alone)
    if clause is None:
        return None
    return w.THANKS_DETAILS[i % len(w.THANKS_DETAILS)].format(detail=clause)


def enjoyed(person: Interviewer) -> str | None:
    """What the user enjoyed hearing about, as they finished the sentence, to the person:
    "Tom's plans for the depot" -> "your plans for the depot"."""
    text = given(person.enjoyed)
    if text is None:
        return None
    text = _ENJOYED_PREFIX.sub("", " ".join(text.split())).rstrip(" .;:,!…")
    return to_second_person(text, person.name) if text else None


_ENJOYED_PREFIX = re.compile(
    r"^(\.\.\.|…)?\s*(i\s+)?(especially\s+)?(enjoyed\s+)?"
    r"(hearing\s+|learning\s+)?(about\s+)?",
    re.I,
)


def addition(facts: DraftFacts, person: Interviewer) -> str | None:
    """The optional one-point addition in the first person, one or two sentences: the
    person's own, else the forgotten point, else the rough answer smoothed over."""
    own = given(person.extra_point)
    point = own or given(facts.interview.forgot_to_say)
    if point is not None:
        lines = sentences(point)[:ADDITION_SENTENCES]
        rest = [sentence(re.sub(r"\bi\b", "I", s)) for s in lines[1:]]
        return " ".join([first_person_point(lines[0], adding=own is None), *rest])
    rough = given(facts.interview.not_landed)
    if rough is None:
        return None
    topic = rough_topic(rough)
    if topic is not None:
        return w.THANKS_SMOOTH.format(point=topic)
    return first_person_point(rough) if FORGOT.match(rough) else w.THANKS_SMOOTH_ANY


def addressee(person: Interviewer | Referee | None) -> Addressee:
    """How a draft greets `person` (None: nobody named, "Dear Sir or Madam")."""
    if person is None or not person.name.strip():
        return Addressee(None, None)
    return Addressee(
        formal_address(person.name, person.address),
        informal_address(person.name, person.address),
        person.address or first_of(person.name),
    )


def known_addressee(person: Interviewer | Referee | None) -> Addressee:
    """How a letter to someone the user has met greets them (the rejection reply): the address
    chosen, else title and surname when typed ("Dr Ward"), else the first name ("Dear Will"),
    never the full name, which reads like a mail merge to someone who just wrote to you."""
    to = addressee(person)
    return Addressee(to.informal, to.informal, to.warm)


def main_contact(facts: DraftFacts) -> Interviewer | None:
    """Who follow-ups and replies go to: the first interviewer, if any."""
    return facts.interviewers[0] if facts.interviewers else None


def subject(role: str | None, with_role: str, without: str) -> str:
    """A subject line: `with_role` filled in with the role, or `without` when it isn't known."""
    return with_role.format(role=role) if role else without


def and_list(items: Sequence[str]) -> str:
    """ "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def timing(facts: DraftFacts) -> str:
    """The briefing's line on when the employer will decide (their date, their words, or none)."""
    interview = facts.interview
    if interview.reply_by is not None:
        return w.BRIEFING_TIMING_DATE.format(date=day_text(interview.reply_by, facts.tz))
    said = given(interview.reply_text)
    if said and said != "not said":
        return w.BRIEFING_TIMING_TEXT.format(text=phrase(said))
    return w.BRIEFING_TIMING_NONE
