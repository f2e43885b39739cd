"""The drafts the bot writes (COACHING.md, "Drafts the bot writes"): pure functions of one
interview's facts. Plain text the user copies; the bot never sends email.

Every draft is built from this interview's own facts: names, role, date, a specific detail
from the notes, the forgotten point or rough answer, the employer's timeline. Interviewers are
dealt different details and different wording, so two notes never read alike. The wording
lives in `bot/texts/letters.py`; this module only chooses and fills it in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.rules.coaching import Outcome
from bot.rules.models import Interview, Interviewer, Note, Referee
from bot.texts import letters as w

LINKEDIN_LIMIT = 200  # free accounts
LINKEDIN_PREMIUM_LIMIT = 300


class DraftKind(StrEnum):
    THANK_YOU = "thanks"
    FOLLOW_UP = "followup"
    REFEREE_BRIEFING = "briefing"
    LINKEDIN = "linkedin"
    REJECTION_REPLY = "rejection"
    REFEREE_THANKS = "refthanks"


@dataclass(frozen=True)
class Draft:
    kind: DraftKind
    recipient: str  # who it is for, as the user would name them ("Priya Shah")
    body: str  # the whole plain text to copy, greeting to sign-off
    subject: str | None = None  # email subject line, when it is an email
    limit: int | None = None  # a hard character limit (LinkedIn notes)

    @property
    def length(self) -> int:
        return len(self.body)


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


# --- small helpers over the facts ------------------------------------------------------------
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"})
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
# "I forgot to mention my portfolio" -> "my portfolio": the letter says "didn't get to mention".
_FORGOT_PREFIX = re.compile(
    r"^i (forgot|didn't get|did not get|never got) to (mention|say|talk about|tell them about)"
    r"( that)?\s+",
    re.I,
)


def _given(text: str | None) -> str | None:
    """User text if there is any ("" or "nothing" means the user said there was nothing)."""
    if not text or not text.strip() or _NOTHING.match(text.strip()):
        return None
    return text.strip()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _sentence(text: str, limit: int | None = None) -> str:
    """One fragment of user text as a sentence: trimmed, cut at a word, ending in a full stop."""
    text = " ".join(text.split()).rstrip(" .;:,!?")
    if limit is not None and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(" .;:,!?") + "…"
        return text
    return text + "."


def _phrase(text: str) -> str:
    """User text to go mid-sentence: no final stop, a leading "The" in lower case."""
    text = " ".join(text.split()).rstrip(" .;:,!?")
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first.lower() in _LOWER_STARTS else text


def role_name(interview: Interview) -> str | None:
    """The role as it reads after "the": "a Data Analyst role" becomes "Data Analyst"."""
    role = _given(interview.role)
    if role is None:
        return None
    role = _TRAILING_ROLE.sub("", _LEADING_ARTICLE.sub("", role)).strip()
    return role or None


def _the_role(interview: Interview) -> str:
    role = role_name(interview)
    return w.ROLE.format(role=role) if role else w.THE_ROLE


def _at_company(interview: Interview) -> str:
    company = _given(interview.company)
    return w.AT_COMPANY.format(company=company) if company else ""


def day_text(moment: date | datetime, tz: ZoneInfo) -> str:
    """ "Monday 23 November", in the user's zone for a moment in time."""
    day = moment.astimezone(tz).date() if isinstance(moment, datetime) else moment
    return f"{day:%A} {day.day} {day:%B}"


def _on_date(facts: DraftFacts) -> str:
    held = facts.interview.held_at
    return w.ON_DATE.format(date=day_text(held, facts.tz)) if held else ""


def name_parts(name: str) -> list[str]:
    """The words of a name without a title: "Dr Priya Shah" -> ["Priya", "Shah"]."""
    words = name.replace(",", " ").split()
    rest = [x for x in words if x.lower().rstrip(".") not in TITLES]
    return rest or words


def first_name(name: str) -> str:
    words = name.split()
    if len(words) >= 2 and words[0].lower().rstrip(".") in TITLES:
        return f"{words[0]} {words[-1]}"  # "Dr Shah": the title needs the surname
    parts = name_parts(name)
    return parts[0] if parts else name.strip()


def _mentions(text: str, person: Interviewer) -> bool:
    return any(
        re.search(rf"\b{re.escape(part)}\b", text, re.I)
        for part in name_parts(person.name)
        if len(part) > 1
    )


def _to_you(text: str, person: Interviewer) -> str:
    """A note about someone, rewritten to them: "Priya's team" -> "your team"."""
    names = [person.name.strip(), *name_parts(person.name)]
    for name in sorted({n for n in names if len(n) > 1}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}['’]s\b", "your", text, flags=re.I)
        text = re.sub(rf"\b{re.escape(name)}\b", "you", text, flags=re.I)
    return text


def _index(facts: DraftFacts, person: Interviewer) -> int:
    ids = [p.id for p in facts.interviewers]
    return ids.index(person.id) if person.id in ids else 0


def _details(notes: Iterable[Note], interview: Interview) -> list[str]:
    """Candidate specific details: each sentence of the notes worth quoting back."""
    skip = {_given(interview.forgot_to_say), _given(interview.not_landed)}
    found = []
    for note in notes:
        for line in sentences(note.body):
            if len(line.split()) >= 3 and line not in skip and not _SELF_NOTE.match(line):
                found.append(line)
    return found


def detail_for(facts: DraftFacts, person: Interviewer) -> str | None:
    """The one specific thing from the notes for this interviewer.

    A detail that names them is theirs; otherwise details naming nobody else are dealt out in
    interviewer order, so that each one gets a different detail (or none rather than a copy).
    """
    pool = _details(facts.notes, facts.interview)
    own = [d for d in pool if _mentions(d, person)]
    if own:
        return _to_you(own[0], person)
    others = [p for p in facts.interviewers if p.id != person.id]
    neutral = [d for d in pool if not any(_mentions(d, o) for o in others)]
    without_own = [p for p in facts.interviewers if not any(_mentions(d, p) for d in pool)] or [
        person
    ]
    rank = next((i for i, p in enumerate(without_own) if p.id == person.id), 0)
    return neutral[rank] if rank < len(neutral) else None


def _addition(facts: DraftFacts, person: Interviewer) -> str | None:
    """The optional one-point addition: the person's own, else the forgotten point, else an
    offer to expand on the answer that didn't land."""
    point = _given(person.extra_point) or _given(facts.interview.forgot_to_say)
    if point is not None:
        point = _FORGOT_PREFIX.sub("", point)
        lines = sentences(point)[:ADDITION_SENTENCES]
        return w.THANKS_ADDITION.format(point=" ".join(_sentence(s) for s in lines))
    rough = _given(facts.interview.not_landed)
    return w.THANKS_SMOOTH.format(point=_phrase(rough)) if rough else None


def _letter(greeting: str, paragraphs: Iterable[str], sign_off: str, sender: str) -> str:
    body = "\n\n".join(p for p in paragraphs if p)
    closing = f"{sign_off}\n{sender}" if sender.strip() else sign_off
    return f"{greeting}\n\n{body}\n\n{closing}"


def _formal(name: str | None) -> tuple[str, str]:
    """Greeting and matching sign-off: sincerely after a name, faithfully after Sir or Madam."""
    if name and name.strip():
        return w.GREETING_NAMED.format(name=name.strip()), w.SIGN_OFF_NAMED
    return w.GREETING_UNKNOWN, w.SIGN_OFF_UNKNOWN


def _main_contact(facts: DraftFacts) -> Interviewer | None:
    return facts.interviewers[0] if facts.interviewers else None


def _subject(role: str | None, with_role: str, without: str) -> str:
    return with_role.format(role=role) if role else without


# --- the six drafts --------------------------------------------------------------------------
def thank_you(facts: DraftFacts, person: Interviewer) -> Draft:
    """One per interviewer: greeting by name, thanks for their time on DATE, one specific thing
    from the notes, restated interest, the optional one-point addition (person.extra_point),
    "Yours sincerely" after a name."""
    i = _index(facts, person)
    interview = facts.interview
    the_role, at_company = _the_role(interview), _at_company(interview)
    opening = w.THANKS_OPENINGS[i % len(w.THANKS_OPENINGS)].format(
        on_date=_on_date(facts), role=the_role, at_company=at_company
    )
    detail = detail_for(facts, person)
    if detail is not None:
        template = w.THANKS_DETAILS[i % len(w.THANKS_DETAILS)]
        specific = template.format(detail=_sentence(detail, DETAIL_CHARS))
    else:
        specific = w.THANKS_NO_DETAIL[i % len(w.THANKS_NO_DETAIL)]
    company = _given(interview.company)
    interest = w.THANKS_INTEREST[i % len(w.THANKS_INTEREST)].format(
        role=the_role, to_company=w.TO_COMPANY.format(company=company) if company else ""
    )
    greeting, sign_off = _formal(person.name)
    body = _letter(
        greeting,
        [f"{opening} {specific}", _addition(facts, person) or "", interest],
        sign_off,
        facts.sender,
    )
    subject = _subject(role_name(interview), w.THANKS_SUBJECT, w.THANKS_SUBJECT_NO_ROLE)
    return Draft(DraftKind.THANK_YOU, person.name, body, subject=subject)


def follow_up(facts: DraftFacts, number: int) -> Draft:
    """number 1 or 2. 3–4 sentences to the main contact (first interviewer): status check only."""
    contact = _main_contact(facts)
    interview = facts.interview
    role = role_name(interview)
    the_role = _the_role(interview) + _at_company(interview)
    if number <= 1:
        about = w.FOLLOWUP_1_ABOUT.format(role=the_role, on_date=_on_date(facts))
        if interview.reply_by is not None:
            ask = w.FOLLOWUP_1_TIMELINE.format(reply_by=day_text(interview.reply_by, facts.tz))
        else:
            ask = w.FOLLOWUP_1_NO_TIMELINE
        subject = _subject(role, w.FOLLOWUP_SUBJECT, w.FOLLOWUP_SUBJECT_NO_ROLE)
    else:
        # The message this one follows up on: the previous follow-up.
        sent = sorted(facts.followups_sent)
        previous = sent[min(number - 2, len(sent) - 1)] if sent else None
        of_date = w.OF_DATE.format(date=day_text(previous, facts.tz)) if previous else ""
        about = w.FOLLOWUP_2_ABOUT.format(role=the_role, of_date=of_date)
        ask = w.FOLLOWUP_2_ASK
        subject = _subject(role, w.FOLLOWUP_SUBJECT_2, w.FOLLOWUP_SUBJECT_2_NO_ROLE)
    greeting, sign_off = _formal(contact.name if contact else None)
    text = f"{w.FOLLOWUP_HOPE} {about} {ask} {w.FOLLOWUP_INTEREST}"
    body = _letter(greeting, [text], sign_off, facts.sender)
    recipient = contact.name if contact else w.UNKNOWN_RECIPIENT
    return Draft(DraftKind.FOLLOW_UP, recipient, body, subject=subject)


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _timing(facts: DraftFacts) -> str:
    interview = facts.interview
    if interview.reply_by is not None:
        return w.BRIEFING_TIMING_DATE.format(date=day_text(interview.reply_by, facts.tz))
    said = _given(interview.reply_text)
    if said and said != "not said":
        return w.BRIEFING_TIMING_TEXT.format(text=_phrase(said))
    return w.BRIEFING_TIMING_NONE


def referee_briefing(facts: DraftFacts, referee: Referee) -> Draft:
    """Role, company, who may call, what the interviewer cared about, strengths to stress,
    anything awkward to smooth, likely timing."""
    interview = facts.interview
    the_role, at_company = _the_role(interview), _at_company(interview)
    names = [p.name.strip() for p in facts.interviewers if p.name.strip()]
    lines = [w.BRIEFING_WHO.format(who=_and(names)) if names else w.BRIEFING_WHO_UNKNOWN]
    cared = [_phrase(_sentence(d, DETAIL_CHARS)) for d in _details(facts.notes, interview)[:3]]
    if cared:
        lines.append(w.BRIEFING_CARED.format(items="; ".join(cared)))
    given = (_given(interview.went_well), _given(interview.forgot_to_say))
    strengths = [_phrase(s) for s in given if s]
    if strengths:
        lines.append(w.BRIEFING_STRENGTHS.format(items="; ".join(strengths)))
    rough = _given(interview.not_landed)
    if rough:
        lines.append(w.BRIEFING_SMOOTH.format(point=_phrase(rough)))
    next_stage = _given(interview.next_stage)
    if next_stage:
        lines.append(w.BRIEFING_NEXT_STAGE.format(text=_phrase(next_stage)))
    lines.append(_timing(facts))
    opening = w.BRIEFING_THANKS if referee.permission else w.BRIEFING_ASK
    context = w.BRIEFING_CONTEXT.format(role=the_role, at_company=at_company)
    body = _letter(
        w.GREETING_INFORMAL.format(name=first_name(referee.name)),
        [f"{opening} {context}", "\n".join(lines), w.BRIEFING_CLOSE],
        w.SIGN_OFF_INFORMAL,
        facts.sender,
    )
    subject = w.BRIEFING_SUBJECT.format(role=the_role, at_company=at_company)
    return Draft(
        DraftKind.REFEREE_BRIEFING, referee.name, body, subject=subject[0].upper() + subject[1:]
    )


def linkedin_note(facts: DraftFacts, person: Interviewer, premium: bool = False) -> Draft:
    """A connection note ≤ 200 characters (300 premium); only offered after a decision."""
    limit = LINKEDIN_PREMIUM_LIMIT if premium else LINKEDIN_LIMIT
    interview = facts.interview
    variants = w.LINKEDIN_OFFER if interview.outcome is Outcome.OFFER else w.LINKEDIN_OTHER
    values = {
        "first": first_name(person.name),
        "role": role_name(interview) or "",
        "at_company": _at_company(interview),
        "sender": facts.sender.strip(),
    }
    body = ""
    for template in variants:
        if "{role}" in template and not values["role"]:
            continue
        body = template.format(**values).strip()
        if len(body) <= limit:
            break
    if len(body) > limit:  # only a very long name gets here: cut it, the user edits anyway
        body = body[: limit - 1].rstrip() + "…"
    return Draft(DraftKind.LINKEDIN, person.name, body, limit=limit)


def rejection_reply(facts: DraftFacts) -> Draft:
    """Thanks, accepts the decision, one feedback question, open to future roles."""
    contact = _main_contact(facts)
    interview = facts.interview
    who = w.REJECTION_WHO_PANEL if len(facts.interviewers) > 1 else w.REJECTION_WHO_ONE
    text = " ".join(
        [
            w.REJECTION_THANKS.format(who=who),
            w.REJECTION_ACCEPT,
            w.REJECTION_QUESTION,
            w.REJECTION_FUTURE.format(at_company=_at_company(interview)),
        ]
    )
    greeting, sign_off = _formal(contact.name if contact else None)
    body = _letter(greeting, [text], sign_off, facts.sender)
    subject = _subject(role_name(interview), w.REJECTION_SUBJECT, w.REJECTION_SUBJECT_NO_ROLE)
    recipient = contact.name if contact else w.UNKNOWN_RECIPIENT
    return Draft(DraftKind.REJECTION_REPLY, recipient, body, subject=subject)


def referee_thanks(facts: DraftFacts, referee: Referee) -> Draft:
    """After the outcome: thank a referee and tell them how it went."""
    interview = facts.interview
    outcome = interview.outcome.value if interview.outcome else "waiting"
    text = " ".join(
        [
            w.REFTHANKS_THANKS.format(role=_the_role(interview), at_company=_at_company(interview)),
            w.REFTHANKS_OUTCOME.get(outcome, w.REFTHANKS_OUTCOME["waiting"]),
            w.REFTHANKS_CLOSE,
        ]
    )
    body = _letter(
        w.GREETING_INFORMAL.format(name=first_name(referee.name)),
        [text],
        w.SIGN_OFF_INFORMAL,
        facts.sender,
    )
    return Draft(DraftKind.REFEREE_THANKS, referee.name, body, subject=w.REFTHANKS_SUBJECT)
