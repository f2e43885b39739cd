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
from bot.rules.drafting import (
    LINKEDIN_LIMIT,
    LINKEDIN_PREMIUM_LIMIT,
    DraftFacts,
    day_text,
    detail_for,
    role_name,
)
from bot.rules.models import Interviewer, Referee
from bot.rules.names import first_name, name_parts
from bot.terms import Draft, DraftKind, Outcome
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


def thank_you(facts: DraftFacts, person: Interviewer) -> Draft:
    """One per interviewer: greeting by name, thanks for their time on DATE, one specific thing
    from the notes, restated interest, the optional one-point addition (person.extra_point),
    "Yours sincerely" after a name."""
    i = d.index_of(facts, person)
    interview = facts.interview
    the_role, at_company = d.the_role(interview), d.at_company(interview)
    opening = w.THANKS_OPENINGS[i % len(w.THANKS_OPENINGS)].format(
        on_date=d.on_date(facts), role=the_role, at_company=at_company
    )
    detail = detail_for(facts, person)
    if detail is not None:
        template = w.THANKS_DETAILS[i % len(w.THANKS_DETAILS)]
        specific = template.format(detail=d.sentence(detail, d.DETAIL_CHARS))
    else:
        specific = w.THANKS_NO_DETAIL[i % len(w.THANKS_NO_DETAIL)]
    company = d.given(interview.company)
    interest = w.THANKS_INTEREST[i % len(w.THANKS_INTEREST)].format(
        role=the_role, to_company=w.TO_COMPANY.format(company=company) if company else ""
    )
    greeting, sign_off = d.formal(person.name)
    body = d.letter(
        greeting,
        [f"{opening} {specific}", d.addition(facts, person) or "", interest],
        sign_off,
        facts.sender,
    )
    subject = d.subject(role_name(interview), w.THANKS_SUBJECT, w.THANKS_SUBJECT_NO_ROLE)
    return Draft(DraftKind.THANK_YOU, person.name, body, subject=subject)


def follow_up(facts: DraftFacts, number: int) -> Draft:
    """number 1 or 2. 3–4 sentences to the main contact (first interviewer): status check only."""
    contact = d.main_contact(facts)
    interview = facts.interview
    role = role_name(interview)
    the_role = d.the_role(interview) + d.at_company(interview)
    if number <= 1:
        about = w.FOLLOWUP_1_ABOUT.format(role=the_role, on_date=d.on_date(facts))
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
    greeting, sign_off = d.formal(contact.name if contact else None)
    text = f"{w.FOLLOWUP_HOPE} {about} {ask} {w.FOLLOWUP_INTEREST}"
    body = d.letter(greeting, [text], sign_off, facts.sender)
    recipient = contact.name if contact else w.UNKNOWN_RECIPIENT
    return Draft(DraftKind.FOLLOW_UP, recipient, body, subject=subject)


def referee_briefing(facts: DraftFacts, referee: Referee) -> Draft:
    """Role, company, who may call, what the interviewer cared about, strengths to stress,
    anything awkward to smooth, likely timing."""
    interview = facts.interview
    the_role, at_company = d.the_role(interview), d.at_company(interview)
    names = [p.name.strip() for p in facts.interviewers if p.name.strip()]
    lines = [w.BRIEFING_WHO.format(who=d.and_list(names)) if names else w.BRIEFING_WHO_UNKNOWN]
    found = d.details(facts.notes, interview)[:3]
    cared = [d.phrase(d.sentence(item, d.DETAIL_CHARS)) for item in found]
    if cared:
        lines.append(w.BRIEFING_CARED.format(items="; ".join(cared)))
    given = (d.given(interview.went_well), d.given(interview.forgot_to_say))
    strengths = [d.phrase(s) for s in given if s]
    if strengths:
        lines.append(w.BRIEFING_STRENGTHS.format(items="; ".join(strengths)))
    rough = d.given(interview.not_landed)
    if rough:
        lines.append(w.BRIEFING_SMOOTH.format(point=d.phrase(rough)))
    next_stage = d.given(interview.next_stage)
    if next_stage:
        lines.append(w.BRIEFING_NEXT_STAGE.format(text=d.phrase(next_stage)))
    lines.append(d.timing(facts))
    opening = w.BRIEFING_THANKS if referee.permission else w.BRIEFING_ASK
    context = w.BRIEFING_CONTEXT.format(role=the_role, at_company=at_company)
    body = d.letter(
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


def rejection_reply(facts: DraftFacts) -> Draft:
    """Thanks, accepts the decision, one feedback question, open to future roles."""
    contact = d.main_contact(facts)
    interview = facts.interview
    who = w.REJECTION_WHO_PANEL if len(facts.interviewers) > 1 else w.REJECTION_WHO_ONE
    text = " ".join(
        [
            w.REJECTION_THANKS.format(who=who),
            w.REJECTION_ACCEPT,
            w.REJECTION_QUESTION,
            w.REJECTION_FUTURE.format(at_company=d.at_company(interview)),
        ]
    )
    greeting, sign_off = d.formal(contact.name if contact else None)
    body = d.letter(greeting, [text], sign_off, facts.sender)
    subject = d.subject(role_name(interview), w.REJECTION_SUBJECT, w.REJECTION_SUBJECT_NO_ROLE)
    recipient = contact.name if contact else w.UNKNOWN_RECIPIENT
    return Draft(DraftKind.REJECTION_REPLY, recipient, body, subject=subject)


def referee_thanks(facts: DraftFacts, referee: Referee) -> Draft:
    """After the outcome: thank a referee and tell them how it went."""
    interview = facts.interview
    outcome = interview.outcome.value if interview.outcome else "waiting"
    thanks = w.REFTHANKS_THANKS.format(
        role=d.the_role(interview), at_company=d.at_company(interview)
    )
    text = " ".join(
        [
            thanks,
            w.REFTHANKS_OUTCOME.get(outcome, w.REFTHANKS_OUTCOME["waiting"]),
            w.REFTHANKS_CLOSE,
        ]
    )
    body = d.letter(
        w.GREETING_INFORMAL.format(name=first_name(referee.name)),
        [text],
        w.SIGN_OFF_INFORMAL,
        facts.sender,
    )
    return Draft(DraftKind.REFEREE_THANKS, referee.name, body, subject=w.REFTHANKS_SUBJECT)
