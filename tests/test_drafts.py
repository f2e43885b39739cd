"""Golden drafts for two complete example interviews, checked field by field.

1. Acme, Data Analyst: two interviewers, notes naming each of them, a rough answer.
2. Beta Studio, Junior Designer: one interviewer, rejected after two follow-ups.
Every draft the bot writes must also pass the bot's own review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from rapidfuzz import fuzz

from bot.rules import drafts
from bot.rules.checks import NEAR_DUPLICATE, ReviewFacts, review, sentences
from bot.rules.coaching import Outcome
from bot.rules.drafts import DraftFacts, DraftKind
from bot.rules.models import Interview, Interviewer, Note, Referee

LONDON = ZoneInfo("Europe/London")
T = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # Monday


def interview(**values: object) -> Interview:
    base: dict[str, object] = {
        "id": 1,
        "user_id": 1,
        "company": "Acme",
        "role": "Data Analyst",
        "held_at": T,
        "created_at": T,
        "updated_at": T,
    }
    base.update(values)
    return Interview.model_validate(base)


def person(pid: int, name: str, **values: object) -> Interviewer:
    return Interviewer.model_validate(
        {"id": pid, "interview_id": 1, "name": name, "created_at": T, **values}
    )


def note(nid: int, body: str) -> Note:
    return Note(id=nid, interview_id=1, body=body, created_at=T)


def referee(rid: int, name: str, permission: bool = True) -> Referee:
    return Referee(id=rid, user_id=1, name=name, permission=permission, created_at=T)


PRIYA = person(1, "Priya Shah")
TOM = person(2, "Tom Lee")
JO = referee(1, "Jo Brown", permission=False)
ACME = DraftFacts(
    interview=interview(
        reply_by=date(2026, 11, 27),
        reply_text="by Friday",
        went_well="My SQL answer",
        not_landed="The salary question",
        next_stage="a case study",
    ),
    interviewers=[PRIYA, TOM],
    notes=[
        note(1, "Priya asked how I'd rebuild their weekly sales dashboard."),
        note(2, "Tom's team is moving to dbt next quarter. Lots of stakeholder reporting."),
    ],
    sender="Sam",
    tz=LONDON,
    referees=[JO],
)

ALEX = person(3, "Alex Morgan")
RIA = referee(2, "Ria Patel")
BETA = DraftFacts(
    interview=interview(
        id=2,
        company="Beta Studio",
        role="a Junior Designer role",
        forgot_to_say="I ran the redesign of our booking flow",
        outcome=Outcome.REJECTED,
        outcome_at=datetime(2026, 12, 14, 9, 0, tzinfo=UTC),
    ),
    interviewers=[ALEX],
    notes=[note(3, "They want someone who can present work to clients.")],
    sender="Sam",
    tz=LONDON,
    followups_sent=[
        datetime(2026, 12, 2, 10, 0, tzinfo=UTC),
        datetime(2026, 12, 9, 10, 0, tzinfo=UTC),
    ],
    referees=[RIA],
)


def own_review(facts: DraftFacts, draft: drafts.Draft, others: Sequence[str] = ()) -> list[str]:
    known = [facts.sender, facts.interview.company or "", *(n.body for n in facts.notes)]
    known += [p.name for p in facts.interviewers] + [r.name for r in facts.referees]
    checked = ReviewFacts(
        kind=draft.kind,
        recipient=draft.recipient,
        role=drafts.role_name(facts.interview),
        company=facts.interview.company,
        other_people=others,
        known_words=known,
    )
    return [f.rule for f in review(draft.body, checked)]


def paragraphs(body: str) -> list[str]:
    return body.split("\n\n")


# --- example 1: two interviewers and a rough answer ------------------------------------------
def test_thank_you_to_priya_field_by_field() -> None:
    draft = drafts.thank_you(ACME, PRIYA)
    assert draft.kind is DraftKind.THANK_YOU
    assert draft.recipient == "Priya Shah"
    assert draft.subject == "Thank you – Data Analyst interview"
    parts = paragraphs(draft.body)
    assert parts[0] == "Dear Priya Shah,"
    assert parts[1].startswith("Thank you for taking the time to meet me on Monday 23 November")
    assert "the Data Analyst role at Acme" in parts[1]
    # The specific detail is hers, rewritten to her: "Priya asked" -> "your question".
    assert (
        "I enjoyed thinking through your question about how I'd rebuild your weekly sales "
        "dashboard." in parts[1]
    )
    assert "dbt" not in draft.body and "Tom" not in draft.body
    # The rough answer is smoothed in one sentence.
    assert parts[2] == (
        "Having thought more about the salary question, I'd be glad to expand on my answer "
        "if that would help."
    )
    assert "interested in the Data Analyst role" in parts[3]
    assert parts[-1] == "Yours sincerely,\nSam"
    assert draft.limit is None


def test_thank_you_to_tom_is_his_own() -> None:
    priya, tom = drafts.thank_you(ACME, PRIYA), drafts.thank_you(ACME, TOM)
    parts = paragraphs(tom.body)
    assert parts[0] == "Dear Tom Lee,"
    assert "your team is moving to dbt next quarter." in parts[1]
    assert "dashboard" not in tom.body
    assert parts[-1] == "Yours sincerely,\nSam"
    # Different detail and different wording: not near-identical.
    first_lines = {paragraphs(priya.body)[1].split(".")[0], parts[1].split(".")[0]}
    assert len(first_lines) == 2
    assert fuzz.ratio(priya.body, tom.body) < NEAR_DUPLICATE


def test_thank_you_sentences_and_words_within_limits() -> None:
    for who in (PRIYA, TOM):
        body = drafts.thank_you(ACME, who).body
        inner = "\n".join(paragraphs(body)[1:-1])
        assert 3 <= len(sentences(inner)) <= 5
        assert 40 <= len(inner.split()) <= 200


def test_extra_point_wins_over_the_rough_answer() -> None:
    tom = person(
        2, "Tom Lee", extra_point="I have three years of Tableau. And I mentor juniors. Also X."
    )
    facts = DraftFacts(ACME.interview, [PRIYA, tom], ACME.notes, "Sam", LONDON)
    body = drafts.thank_you(facts, tom).body
    assert "\n\nI have three years of Tableau. And I mentor juniors.\n\n" in body
    assert "Also X" not in body  # one or two sentences, no more
    assert "salary" not in body
    assert "salary" in drafts.thank_you(facts, PRIYA).body


def test_follow_up_one_uses_the_employers_timeline() -> None:
    draft = drafts.follow_up(ACME, 1)
    assert draft.recipient == "Priya Shah"
    assert draft.subject == "Following up – Data Analyst interview"
    text = paragraphs(draft.body)[1]
    assert "You mentioned you hoped to decide by Friday 27 November" in text
    assert "on Monday 23 November" in text
    assert 3 <= len(sentences(text)) <= 4
    assert not re.search(r"\b(CV|attached|resume)\b", draft.body, re.I)
    assert paragraphs(draft.body)[0] == "Dear Priya Shah,"
    assert draft.body.endswith("Yours sincerely,\nSam")


def test_referee_briefing_covers_every_point() -> None:
    draft = drafts.referee_briefing(ACME, JO)
    assert draft.kind is DraftKind.REFEREE_BRIEFING and draft.recipient == "Jo Brown"
    assert draft.subject == "A reference for the Data Analyst role at Acme"
    body = draft.body
    assert body.startswith("Hi Jo,")
    # Permission was never asked: the briefing asks for it first.
    assert "would you be happy to be my referee?" in body
    lines = body.splitlines()
    assert "- Who may call: Priya Shah or Tom Lee" in lines
    cared = next(x for x in lines if x.startswith("- What they cared about:"))
    assert (
        cared
        == "- What they cared about: Priya asked how I'd rebuild their weekly sales dashboard."
    )
    # Strengths are the ones the user picks, never a debrief answer pasted in.
    assert "SQL answer" not in body and not any("Strengths" in x for x in lines)
    assert "Could you let me know either way?" in body
    assert "- Something you could help smooth over: the salary question" in lines
    assert "- Next stage: a case study" in lines
    assert "- Likely timing: they plan to decide by Friday 27 November" in lines
    assert body.endswith("Kind regards,\nSam")


def test_referee_briefing_thanks_a_referee_who_agreed() -> None:
    body = drafts.referee_briefing(ACME, referee(5, "Dr Kim Ode")).body
    assert body.startswith("Hi Dr Ode,")
    assert "Thank you again for agreeing to be my referee." in body


def test_linkedin_note_fits_and_shows_its_limit() -> None:
    draft = drafts.linkedin_note(ACME, PRIYA)
    assert draft.limit == 200 and draft.length == len(draft.body) <= 200
    assert draft.body.startswith("Hi Priya,") and draft.body.endswith("Sam")
    assert "Data Analyst" in draft.body
    assert drafts.linkedin_note(ACME, PRIYA, premium=True).limit == 300


def test_linkedin_note_shortens_to_fit() -> None:
    long_role = interview(role="Principal Data Platform and Analytics Engineering Lead " * 2)
    facts = DraftFacts(long_role, [PRIYA], [], "Samantha", LONDON)
    draft = drafts.linkedin_note(facts, PRIYA)
    assert draft.length <= 200
    assert "Principal" not in draft.body  # the role was dropped rather than the note cut
    assert draft.body.endswith("Samantha")


def test_all_of_example_one_passes_its_own_review() -> None:
    assert own_review(ACME, drafts.thank_you(ACME, PRIYA), ["Tom Lee"]) == []
    assert own_review(ACME, drafts.thank_you(ACME, TOM), ["Priya Shah"]) == []
    assert own_review(ACME, drafts.follow_up(ACME, 1)) == []
    assert own_review(ACME, drafts.referee_briefing(ACME, JO)) == []
    assert own_review(ACME, drafts.linkedin_note(ACME, PRIYA)) == []


# --- example 2: rejected after two follow-ups --------------------------------------------------
def test_second_follow_up_refers_to_the_first() -> None:
    draft = drafts.follow_up(BETA, 2)
    assert draft.recipient == "Alex Morgan"
    assert draft.subject == "Following up again – Junior Designer interview"
    text = paragraphs(draft.body)[1]
    assert (
        "my message of Wednesday 2 December about the Junior Designer role at Beta Studio" in text
    )
    assert 3 <= len(sentences(text)) <= 4
    assert own_review(BETA, draft) == []


def test_rejection_reply_field_by_field() -> None:
    draft = drafts.rejection_reply(BETA)
    assert draft.kind is DraftKind.REJECTION_REPLY and draft.recipient == "Alex Morgan"
    assert draft.subject == "Re: Junior Designer interview"
    text = paragraphs(draft.body)[1]
    assert text.startswith("Thank you for letting me know, and for the time you gave me.")
    assert "I understand and respect your decision." in text
    assert text.count("?") == 1  # exactly one feedback question
    assert text.endswith("considered for future roles at Beta Studio.")
    assert draft.body.startswith("Dear Alex,")  # someone met: the first name (issue 15)
    assert draft.body.endswith("Yours sincerely,\nSam")
    assert own_review(BETA, draft) == []


def test_rejected_linkedin_and_referee_thanks() -> None:
    note_ = drafts.linkedin_note(BETA, ALEX)
    assert note_.body.startswith("Hi Alex,") and "stay in touch" in note_.body
    assert note_.length <= 200
    thanks = drafts.referee_thanks(BETA, RIA)
    assert thanks.recipient == "Ria Patel" and thanks.body.startswith("Hi Ria,")
    assert "the Junior Designer role at Beta Studio" in thanks.body
    assert "I didn't get it this time" in thanks.body
    assert thanks.body.endswith("Kind regards,\nSam")
    assert own_review(BETA, thanks) == []


def test_thank_you_with_the_forgotten_point_and_a_shared_note() -> None:
    body = drafts.thank_you(BETA, ALEX).body
    assert "I especially enjoyed hearing that your team wants someone who can present work" in body
    assert "I'd also like to add that I ran the redesign of our booking flow." in body
    assert "the Junior Designer role at Beta Studio" in body


# --- edges -------------------------------------------------------------------------------------
def test_no_named_contact_means_sir_or_madam_and_faithfully() -> None:
    facts = DraftFacts(interview(), [], [], "Sam", LONDON)
    for draft in (drafts.follow_up(facts, 1), drafts.rejection_reply(facts)):
        assert draft.body.startswith("Dear Sir or Madam,")
        assert draft.body.endswith("Yours faithfully,\nSam")
        assert draft.recipient == "the hiring team"


def test_dates_are_in_the_users_zone() -> None:
    late = interview(held_at=datetime(2026, 11, 24, 2, 0, tzinfo=UTC))  # Mon 21:00 in Toronto
    toronto = DraftFacts(late, [PRIYA], [], "Sam", ZoneInfo("America/Toronto"))
    assert "Monday 23 November" in drafts.thank_you(toronto, PRIYA).body
    london = DraftFacts(late, [PRIYA], [], "Sam", LONDON)
    assert "Tuesday 24 November" in drafts.thank_you(london, PRIYA).body


def test_two_interviewers_without_notes_still_differ() -> None:
    facts = DraftFacts(interview(), [PRIYA, TOM], [], "Sam", LONDON)
    a, b = drafts.thank_you(facts, PRIYA).body, drafts.thank_you(facts, TOM).body
    assert a.replace("Priya Shah", "X") != b.replace("Tom Lee", "X")


@pytest.mark.parametrize("missing", ["role", "company", "held_at"])
def test_missing_facts_leave_no_gaps(missing: str) -> None:
    facts = DraftFacts(interview(**{missing: None}), [PRIYA], [], "", LONDON)
    for draft in (
        drafts.thank_you(facts, PRIYA),
        drafts.follow_up(facts, 1),
        drafts.rejection_reply(facts),
        drafts.referee_briefing(facts, JO),
        drafts.referee_thanks(facts, JO),
        drafts.linkedin_note(facts, PRIYA),
    ):
        assert "None" not in draft.body and "  " not in draft.body and "{" not in draft.body
        assert " ." not in draft.body and " ," not in draft.body


def test_details_naming_nobody_are_dealt_out_in_turn() -> None:
    facts = DraftFacts(
        interview(),
        [PRIYA, TOM],
        [note(1, "The team is moving everything to the cloud. They value clear written updates.")],
        "Sam",
        LONDON,
    )
    priya, tom = drafts.thank_you(facts, PRIYA).body, drafts.thank_you(facts, TOM).body
    assert "moving everything to the cloud" in priya and "cloud" not in tom
    assert "your team values clear written updates." in tom and "written" not in priya
    # A third interviewer gets no copy of someone else's detail, just different wording.
    third = person(9, "Ann Bell")
    facts3 = DraftFacts(facts.interview, [PRIYA, TOM, third], facts.notes, "Sam", LONDON)
    body = drafts.thank_you(facts3, third).body
    assert "cloud" not in body and "written" not in body


def test_linkedin_note_with_a_very_long_name_is_cut_to_the_limit() -> None:
    giant = person(7, "Bartholomew" * 25 + " Smith")
    draft = drafts.linkedin_note(ACME, giant)
    assert draft.length == 200 and draft.body.endswith("…")
    assert drafts.linkedin_note(ACME, giant, premium=True).length == 300


def test_nothing_to_add_and_self_notes_stay_out_of_the_letter() -> None:
    facts = DraftFacts(
        interview=interview(forgot_to_say="Nothing", not_landed=None),
        interviewers=[PRIYA],
        notes=[note(1, "I forgot to mention my accessibility work. The team uses Figma daily.")],
        sender="Sam",
        tz=LONDON,
    )
    body = drafts.thank_you(facts, PRIYA).body
    assert "Nothing" not in body and "didn't get to mention" not in body
    assert "I forgot" not in body
    assert "that the team uses Figma daily." in body


def test_forgotten_point_is_said_once_not_twice() -> None:
    facts = DraftFacts(
        interview=interview(forgot_to_say="I forgot to mention my accessibility work"),
        interviewers=[PRIYA],
        notes=[],
        sender="Sam",
        tz=LONDON,
    )
    body = drafts.thank_you(facts, PRIYA).body
    assert "accessibility work" in body and "I forgot to mention" not in body
