"""The drafts the bot writes (COACHING.md, "Drafts the bot writes"): pure functions of one
interview's facts. Plain text the user copies; the bot never sends email.

Every draft is built from this interview's own facts: names, role, date, a specific detail
from the notes, the forgotten point or rough answer, the employer's timeline. Interviewers are
dealt different details and different wording, so two notes never read alike. The wording
lives in `bot/texts/letters.py`; this module only chooses and fills it in, with the readers
over the facts in `bot.rules.drafting`.
"""

from __future__ import annotations

from bot.rules import drafting as d
from bot.rules.briefing import briefing_paragraphs
from bot.rules.drafting import (
    LINKEDIN_LIMIT,
    LINKEDIN_PREMIUM_LIMIT,
    DraftFacts,
    day_text,
    detail_for,
    role_name,
)
from bot.rules.letter import Part, compose
from bot.rules.models import Interviewer, Referee
from bot.rules.names import first_name, name_parts
from bot.terms import Draft, DraftKind, Outcome, Style
from bot.texts import letters as w

# Callers import the draft vocabulary from here.
__all__ = [
    "LINKEDIN_LIMIT",
    "LINKEDIN_PREMIUM_LIMIT",
    "Draft",
    "DraftFacts",
    "DraftKind",
    "day_text",
    "detail_for",
    "first_name",
    "follow_up",
    "linkedin_note",
    "name_parts",
    "referee_briefing",
    "referee_thanks",
    "rejection_reply",
    "role_name",
    "thank_you",
]
STANDARD = Style.STANDARD


def thank_you(facts: DraftFacts, person: Interviewer, style: Style = STANDARD) -> Draft:
    """One per interviewer: greeting as the user addresses them, thanks for their time on
    DATE, one specific thing (what the user enjoyed hearing about, else a note turned to the
    second person), restated interest, the optional one-point addition in the first person
    (left out of the PLAIN and SHORTER versions), "Yours sincerely" after a name."""
    i = d.index_of(facts, person)
    interview = facts.interview
    the_role, at_company = d.the_role(interview), d.at_company(interview)
    opening = w.THANKS_OPENINGS[i % len(w.THANKS_OPENINGS)].format(
        on_date=d.on_date(facts), role=the_role, at_company=at_company
    )
    specific = _specific(facts, person, i)
    company = d.given(interview.company)
    interest = w.THANKS_INTEREST[i % len(w.THANKS_INTEREST)].format(
        role=the_role, to_company=w.TO_COMPANY.format(company=company) if company else ""
    )
    extra = None if style is Style.PLAIN else d.addition(facts, person)
    paragraphs: list[list[Part]] = [
        [(opening, False), (specific, False)],
        [(extra or "", True)],
        [(interest, False)],
    ]
    body = compose(d.addressee(person), paragraphs, facts.sender, style)
    subject = d.subject(role_name(interview), w.THANKS_SUBJECT, w.THANKS_SUBJECT_NO_ROLE)
    return Draft(DraftKind.THANK_YOU, person.name, body, subject=subject)


def _specific(facts: DraftFacts, person: Interviewer, i: int) -> str:
    """The thank-you's one specific sentence; a general one when nothing fits the frame."""
    about = d.enjoyed(person)
    if about is not None:
        return w.THANKS_ENJOYED.format(about=about)
    detail = detail_for(facts, person)
    if detail is not None:
        return detail
    return w.THANKS_NO_DETAIL[i % len(w.THANKS_NO_DETAIL)]


def follow_up(facts: DraftFacts, number: int, style: Style = STANDARD) -> Draft:
    """number 1 or 2. 3–4 sentences to the main contact (first interviewer): status check only."""
    contact = d.main_contact(facts)
    interview = facts.interview
    role = role_name(interview)
    the_role = d.the_role(interview) + d.at_company(interview)
    if number <= 1:
        # A thank-you not sent folds into the first follow-up: one clause, not a second note.
        thanked = any(p.thanks_sent_at is not None for p in facts.interviewers)
        about = (w.FOLLOWUP_1_ABOUT if thanked else w.FOLLOWUP_1_ABOUT_THANKS).format(
            role=the_role, on_date=d.on_date(facts)
        )
        if interview.reply_by is not None:
            ask = w.FOLLOWUP_1_TIMELINE.format(reply_by=day_text(interview.reply_by, facts.tz))
        else:
            ask = w.FOLLOWUP_1_NO_TIMELINE
        subject = d.subject(role, w.FOLLOWUP_SUBJECT, w.FOLLOWUP_SUBJECT_NO_ROLE)
    else:
        # The message this one follows up on: the previous follow-up.
        sent = sorted(facts.followups_sent)
        previous = sent[min(number - 2, len(sent) - 1)] if sent else None
        of_date = w.OF_DATE.format(date=day_text(previous, facts.tz)) if previous else ""
        about = w.FOLLOWUP_2_ABOUT.format(role=the_role, of_date=of_date)
        ask = w.FOLLOWUP_2_ASK
        subject = d.subject(role, w.FOLLOWUP_SUBJECT_2, w.FOLLOWUP_SUBJECT_2_NO_ROLE)
    parts = [(w.FOLLOWUP_HOPE, True), (about, False), (ask, False), (w.FOLLOWUP_INTEREST, False)]
    body = compose(d.addressee(contact), [parts], facts.sender, style)
    recipient = contact.name if contact else w.UNKNOWN_RECIPIENT
    return Draft(DraftKind.FOLLOW_UP, recipient, body, subject=subject)


def referee_briefing(facts: DraftFacts, referee: Referee, style: Style = STANDARD) -> Draft:
    """Written for the referee (`bot.rules.briefing`): role, company, who may call and when,
    the strengths the user picked, what the interviewers cared about in one sentence."""
    interview = facts.interview
    the_role, at_company = d.the_role(interview), d.at_company(interview)
    body = compose(
        d.addressee(referee),
        briefing_paragraphs(facts, referee),
        facts.sender,
        style,
        informal=True,
    )
    subject = w.BRIEFING_SUBJECT.format(role=the_role, at_company=at_company)
    return Draft(
        DraftKind.REFEREE_BRIEFING, referee.name, body, subject=subject[0].upper() + subject[1:]
    )


def linkedin_note(
    facts: DraftFacts, person: Interviewer, premium: bool = False, style: Style = STANDARD
) -> Draft:
    """A connection note ≤ 200 characters (300 premium); only offered after a decision.
    SHORTER takes the shortest wording; FORMAL greets with "Dear"."""
    limit = LINKEDIN_PREMIUM_LIMIT if premium else LINKEDIN_LIMIT
    interview = facts.interview
    variants = w.LINKEDIN_OFFER if interview.outcome is Outcome.OFFER else w.LINKEDIN_OTHER
    if style is Style.SHORTER:
        variants = variants[-1:]
    to = d.addressee(person)
    hello = w.LINKEDIN_FORMAL if style is Style.FORMAL else w.LINKEDIN_HI
    values = {
        "hello": hello.format(name=(to.formal if style is Style.FORMAL else to.informal) or ""),
        "role": role_name(interview) or "",
        "at_company": d.at_company(interview),
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


def rejection_reply(facts: DraftFacts, style: Style = STANDARD) -> Draft:
    """Thanks, accepts the decision, one feedback question, open to future roles."""
    contact = d.main_contact(facts)
    interview = facts.interview
    who = w.REJECTION_WHO_PANEL if len(facts.interviewers) > 1 else w.REJECTION_WHO_ONE
    parts = [
        (w.REJECTION_THANKS.format(who=who), False),
        (w.REJECTION_ACCEPT, True),
        (w.REJECTION_QUESTION, False),
        (w.REJECTION_FUTURE.format(at_company=d.at_company(interview)), False),
    ]
    body = compose(d.known_addressee(contact), [parts], facts.sender, style)
    subject = d.subject(role_name(interview), w.REJECTION_SUBJECT, w.REJECTION_SUBJECT_NO_ROLE)
    recipient = contact.name if contact else w.UNKNOWN_RECIPIENT
    return Draft(DraftKind.REJECTION_REPLY, recipient, body, subject=subject)


def referee_thanks(facts: DraftFacts, referee: Referee, style: Style = STANDARD) -> Draft:
    """After the outcome: thank a referee and tell them how it went."""
    interview = facts.interview
    outcome = interview.outcome.value if interview.outcome else "waiting"
    thanks = w.REFTHANKS_THANKS.format(
        role=d.the_role(interview), at_company=d.at_company(interview)
    )
    parts = [
        (thanks, False),
        (w.REFTHANKS_OUTCOME.get(outcome, w.REFTHANKS_OUTCOME["waiting"]), False),
        (w.REFTHANKS_CLOSE, True),
    ]
    body = compose(d.addressee(referee), [parts], facts.sender, style, informal=True)
    return Draft(DraftKind.REFEREE_THANKS, referee.name, body, subject=w.REFTHANKS_SUBJECT)
