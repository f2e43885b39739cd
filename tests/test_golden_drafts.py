"""Golden drafts for twelve varied interviews (issue 14), checked sentence by sentence.

The people are read the way the bot reads what the user typed (a panel on one line, a title,
a referee with their relationship); the notes are in the third person with he, she and they,
jottings among them; the forgotten point is typed as "forgot to mention …" and "i didnt say …".
Every draft, in every style, must read as English: no pronoun–verb disagreement, no note
quoted as typed, a greeting and sign-off that match, at most 200 words (LinkedIn: 200
characters), and no change request, title or relationship pasted into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.rules import drafts
from bot.rules.checks import sentences
from bot.rules.drafts import DraftFacts
from bot.rules.models import Interview, Interviewer, Note, Referee
from bot.rules.people import read_people, read_referee
from bot.rules.voice import agreement_errors
from bot.terms import Draft, DraftKind, Outcome, Style

LONDON = ZoneInfo("Europe/London")
T = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def case(
    people: str,
    notes: tuple[str, ...] = (),
    *,
    referee: str = "Jo Brown, my old manager",
    permission: bool = True,
    addresses: dict[str, str] | None = None,
    **interview: object,
) -> DraftFacts:
    """An interview's facts, with the people read from one typed line."""
    values: dict[str, object] = {"company": "Acme", "role": "Data Analyst", "held_at": T}
    values.update(interview)
    row = Interview.model_validate(
        {"id": 1, "user_id": 1, "created_at": T, "updated_at": T, **values}
    )
    found = read_people(people)
    assert found, people
    extra = {"enjoyed", "extra_point"}
    interviewers = [
        Interviewer(
            id=n + 1,
            interview_id=1,
            name=p.name,
            job_title=p.job_title,
            address=(addresses or {}).get(p.name),
            created_at=T,
            **{k: v for k, v in interview.items() if k in extra and n == 0},  # type: ignore[arg-type]
        )
        for n, p in enumerate(found)
    ]
    read = read_referee(referee)
    assert read is not None
    ref = Referee(
        id=1, user_id=1, name=read[0], relationship=read[1], permission=permission, created_at=T
    )
    return DraftFacts(
        interview=row,
        interviewers=interviewers,
        notes=[Note(id=n, interview_id=1, body=b, created_at=T) for n, b in enumerate(notes)],
        sender="Sam",
        tz=LONDON,
        referees=[ref],
    )


CASES = {
    "first name only": case(
        "Tom",
        ("He cares a lot about health and safety walk-rounds.",),
        forgot_to_say="forgot to mention my SQL project",
    ),
    "title and surname": case(
        "Mrs Jane Doe",
        ("She runs a team of 4 analysts and she really likes clean data.",),
        forgot_to_say="i didnt say I led the migration to Azure",
    ),
    "panel on one line": case(
        "Priya Shah (Head of Analytics) and Tom O'Neill from HR",
        (
            "Tom cares a lot about health and safety walk-rounds. Priya runs a team of 4 "
            "analysts. they use Power BI and SQL Server",
        ),
        not_landed="The salary question",
    ),
    "three interviewers": case(
        "Anna Lee, Ben Cho and Carla Diaz",
        ("Q: tell me about a time you failed - went ok", "Ben asked about my dashboards."),
        forgot_to_say="I forgot to mention that I speak Spanish",
    ),
    "singular they": case(
        "Alex Kim",
        ("They said the team is growing fast.", "Alex's team has two open roles."),
        went_well="good rapport with Alex",
    ),
    "empty optional answers": case(
        "Sara Malik", company=None, role=None, held_at=None, went_well="", forgot_to_say=""
    ),
    "chosen address and a referee without permission": case(
        "Dr Helen Ward",
        ("Helen asked how I would handle a late delivery.",),
        referee="Dr Helen Ward, my dissertation supervisor",
        permission=False,
        addresses={"Dr Helen Ward": "Dr Ward"},
        not_landed="my answer about conflict went badly",
    ),
    "rough answer typed as a forgotten point": case(
        "Mark Jones", not_landed="forgot to mention my SQL project", next_stage="a case study"
    ),
    "what I enjoyed and my own point": case(
        "Tom O'Neill",
        ("Tom's plans for the depot sound exciting.",),
        enjoyed="Tom's plans for the new depot",
        extra_point="I have a forklift licence. I also trained two new starters.",
    ),
    "lower-case names": case(
        "priya shah and tom lee",
        ("priya's team is moving to dbt next quarter.", "He explained the on-call rota."),
        reply_by=date(2026, 11, 27),
    ),
    "a panel and a note about the team": case(
        "Anna Lee and Ben Cho", ("they use Power BI and SQL Server",), forgot_to_say="Nothing"
    ),
    "rejected": case("Alex Morgan", ("The team uses Figma daily.",), outcome=Outcome.REJECTED),
    "offer": case("Ria Patel", ("She leads the design system work.",), outcome=Outcome.OFFER),
}


def every_draft(facts: DraftFacts) -> Iterator[Draft]:
    """All the drafts of an interview, in every style."""
    for style in Style:
        for person in facts.interviewers:
            yield drafts.thank_you(facts, person, style)
            yield drafts.linkedin_note(facts, person, style=style)
        yield drafts.follow_up(facts, 1, style)
        yield drafts.rejection_reply(facts, style)
        for referee in facts.referees:
            yield drafts.referee_briefing(facts, referee, style)
            yield drafts.referee_thanks(facts, referee, style)


ALL = [(name, draft) for name, facts in CASES.items() for draft in every_draft(facts)]


def test_there_are_at_least_ten_cases() -> None:
    assert len(CASES) >= 10 and len(ALL) > 300


@pytest.mark.parametrize(("name", "draft"), ALL, ids=[f"{n}-{d.kind}" for n, d in ALL])
def test_every_sentence_reads_as_english(name: str, draft: Draft) -> None:
    for sentence in sentences(draft.body):
        assert agreement_errors(sentence) == [], (name, sentence)
        assert not re.search(r"\b(you|they|we) (is|was|has|does)\b", sentence, re.I), sentence
    lowered = draft.body.lower()
    for raw in ("forgot to mention", "i didnt", "didnt", "q:", " - went", "make it", "pls"):
        assert raw not in lowered, (name, raw)
    assert "  " not in draft.body and "None" not in draft.body and "{" not in draft.body


@pytest.mark.parametrize("name", list(CASES))
def test_no_note_is_quoted_as_typed(name: str) -> None:
    facts = CASES[name]
    for draft in every_draft(facts):
        for note in facts.notes:
            for line in sentences(note.body):
                if len(line.split()) >= 4:
                    assert line.rstrip(".") not in draft.body or draft.kind in (
                        DraftKind.REFEREE_BRIEFING,  # a referee may read what they said
                    ), (name, line)


@pytest.mark.parametrize(("name", "draft"), ALL, ids=[f"{n}-{d.kind}" for n, d in ALL])
def test_greeting_and_sign_off_match_and_length(name: str, draft: Draft) -> None:
    if draft.kind is DraftKind.LINKEDIN:
        assert draft.length <= 200, draft.body
        return
    assert len(draft.body.split()) <= 200
    greeting = draft.body.split("\n", 1)[0]
    closing = draft.body.rsplit("\n\n", 1)[1]
    if greeting == "Dear Sir or Madam,":
        assert closing.startswith("Yours faithfully,")
    elif greeting.startswith("Dear "):
        assert closing.startswith("Yours sincerely,")
    else:
        assert greeting.startswith("Hi ") and closing.startswith("Kind regards,")
    # A greeting names the person as a person would: no job title, no relationship, and a
    # title goes with the surname only ("Dear Mrs Doe", never "Dear Mrs Jane Doe").
    for bad in ("(", "from HR", "supervisor", "Mrs Jane", "Dr Helen", "Analytics"):
        assert bad not in greeting, (name, greeting)


def test_some_golden_sentences() -> None:
    tom = CASES["first name only"]
    body = drafts.thank_you(tom, tom.interviewers[0]).body
    assert "I especially enjoyed hearing that you care a lot about health and safety" in body
    assert "I didn't get to mention my SQL project, which I'd be glad to tell you more" in body
    jane = CASES["title and surname"]
    body = drafts.thank_you(jane, jane.interviewers[0]).body
    assert body.startswith("Dear Mrs Doe,")
    assert "you run a team of 4 analysts and you really like clean data" in body
    assert "I'd also like to add that I led the migration to Azure." in body
    panel = CASES["panel on one line"]
    priya, tom2 = panel.interviewers
    assert (priya.name, priya.job_title, tom2.name, tom2.job_title) == (
        "Priya Shah",
        "Head of Analytics",
        "Tom O'Neill",
        "HR",
    )
    assert "you run a team of 4 analysts" in drafts.thank_you(panel, priya).body
    assert "you care a lot about health" in drafts.thank_you(panel, tom2).body
    enjoyed = CASES["what I enjoyed and my own point"]
    body = drafts.thank_you(enjoyed, enjoyed.interviewers[0]).body
    assert "I especially enjoyed hearing about your plans for the new depot." in body
    assert "I have a forklift licence. I also trained two new starters." in body
    plain = drafts.thank_you(enjoyed, enjoyed.interviewers[0], Style.PLAIN).body
    assert "forklift" not in plain
    team = CASES["a panel and a note about the team"]
    body = drafts.thank_you(team, team.interviewers[0]).body
    assert "I especially enjoyed hearing that your team uses Power BI and SQL Server." in body
    assert "Nothing" not in body


def test_the_briefing_is_written_for_the_referee() -> None:
    facts = CASES["chosen address and a referee without permission"]
    referee = facts.referees[0]
    assert (referee.name, referee.relationship) == ("Dr Helen Ward", "my dissertation supervisor")
    body = drafts.referee_briefing(facts, referee).body
    assert body.startswith("Hi Dr Ward,")
    assert "would you be happy to be my referee?" in body
    assert "know what to say" not in body and "Could you let me know either way?" in body
    panel = CASES["panel on one line"]
    body = drafts.referee_briefing(panel, panel.referees[0]).body
    assert "- Who may call: Priya Shah (Head of Analytics) or Tom O'Neill (HR)" in body
    assert body.count("Tom O'Neill") == 1
    cared = [x for x in body.splitlines() if x.startswith("- What they cared about:")]
    assert cared == [
        "- What they cared about: Tom cares a lot about health and safety walk-rounds."
    ]
    singular = CASES["singular they"]
    body = drafts.referee_briefing(singular, singular.referees[0]).body
    assert "rapport" not in body  # a debrief answer is not a strength the user picked
    assert "- What they cared about: The team is growing fast." in body


def test_styles_differ_as_asked() -> None:
    facts = CASES["title and surname"]
    jane = facts.interviewers[0]
    standard = drafts.thank_you(facts, jane).body
    shorter = drafts.thank_you(facts, jane, Style.SHORTER).body
    warmer = drafts.thank_you(facts, jane, Style.WARMER).body
    formal = drafts.thank_you(facts, jane, Style.FORMAL).body
    assert len(shorter.split()) < len(standard.split())
    assert warmer.startswith("Hi Jane,") and warmer.endswith("Kind regards,\nSam")
    assert formal.startswith("Dear Mrs Doe,") and "I'd" not in formal and "I would" in formal
