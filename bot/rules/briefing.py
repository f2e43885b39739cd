"""The referee briefing, written for the referee (issue 14): the role and company, who may call
and when, the two or three strengths the user picked, what the interviewers cared about in one
sentence, each person once. When permission is still to be asked, it asks first and says so
plainly. Raw notes are never pasted in: only a note that reads as a sentence about the
interviewers or the team is reported, and a rough answer only as a short topic.
"""

from __future__ import annotations

from bot.rules import drafting as d
from bot.rules.letter import Part
from bot.rules.models import Referee
from bot.rules.points import rough_topic
from bot.rules.voice import reported
from bot.texts import letters as w

MAX_STRENGTHS = 3


def callers(facts: d.DraftFacts) -> str:
    """ "Priya Shah (Head of Analytics) or Tom O'Neill (HR)": each interviewer once."""
    seen: set[str] = set()
    names = []
    for person in facts.interviewers:
        name = " ".join(person.name.split())
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        names.append(f"{name} ({person.job_title})" if person.job_title else name)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {w.OR} {names[-1]}"


def cared(facts: d.DraftFacts) -> str | None:
    """What the interviewers cared about, in one sentence from the notes, or None."""
    names = [p.name for p in facts.interviewers]
    for line in d.details(facts.notes, facts.interview):
        said = reported(line, names)
        if said is not None:
            return said
    return None


def strengths(facts: d.DraftFacts) -> list[str]:
    """The strengths the user picked for this interview (at most three), in order."""
    picked = d.given(facts.interview.strengths)
    if picked is None:
        return []
    return [s.strip() for s in picked.split("\n") if s.strip()][:MAX_STRENGTHS]


def briefing_paragraphs(facts: d.DraftFacts, referee: Referee) -> list[list[Part]]:
    """The briefing's paragraphs (greeting and sign-off are the letter's)."""
    interview = facts.interview
    context = w.BRIEFING_CONTEXT.format(
        role=d.the_role(interview), at_company=d.at_company(interview)
    )
    if referee.permission:
        opening: list[Part] = [(w.BRIEFING_THANKS, False), (context, False)]
        close = w.BRIEFING_CLOSE
    else:
        opening = [(w.BRIEFING_ASK, False), (w.BRIEFING_IF_SO, False), (context, False)]
        close = w.BRIEFING_CLOSE_ASKING
    who = callers(facts)
    lines = [w.BRIEFING_WHO.format(who=who) if who else w.BRIEFING_WHO_UNKNOWN, d.timing(facts)]
    picked = strengths(facts)
    if picked:
        lines.append(
            w.BRIEFING_STRENGTHS.format(items=d.and_list([s[0].lower() + s[1:] for s in picked]))
        )
    about = cared(facts)
    if about:
        lines.append(w.BRIEFING_CARED.format(text=about))
    rough = d.given(interview.not_landed)
    topic = rough_topic(rough) if rough else None
    if topic:
        lines.append(w.BRIEFING_SMOOTH.format(point=topic))
    next_stage = d.given(interview.next_stage)
    if next_stage:
        lines.append(w.BRIEFING_NEXT_STAGE.format(text=d.phrase(next_stage)))
    return [opening, [("\n".join(lines), False)], [(close, True)]]
