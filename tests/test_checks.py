"""The review rules on pasted drafts: clean drafts pass, each seeded fault is caught by its own
rule (and only that rule), combined faults are all caught, and every finding renders as one
line with its fix."""

from __future__ import annotations

import pytest

from bot.rules.checks import RULES, ReviewFacts, parse, review
from bot.rules.drafts import DraftKind
from bot.texts.review import FINDINGS, finding_line
from tests.fakeapi import check_html

NOTES = "Priya asked how I'd rebuild the weekly sales dashboard. Tom's team is moving to dbt."
THANKS = ReviewFacts(
    kind=DraftKind.THANK_YOU,
    recipient="Priya Shah",
    role="Data Analyst",
    company="Acme",
    other_people=["Tom Lee"],
    known_words=["Sam Carter", "Acme", "Priya Shah", "Tom Lee", NOTES],
    other_notes={
        "Tom Lee": [
            "Dear Tom,\n\nThank you for your time today and for explaining the Data Analyst "
            "role at Acme in such detail. It was great to hear that your team is moving to "
            "dbt next quarter, which is exactly the kind of work I enjoy. I remain very keen "
            "on the role and look forward to hearing from you.\n\nYours sincerely,\nSam Carter"
        ]
    },
)

CLEAN_THANKS = """Dear Priya,

Thank you for meeting me yesterday to talk about the Data Analyst role at Acme. I really \
enjoyed hearing how you plan to rebuild the weekly sales dashboard, and it made me even more \
interested in the work. I also wanted to add that I led a similar reporting project in my \
current job. I look forward to hearing from you about the next steps.

Yours sincerely,
Sam Carter"""

CLEAN_FOLLOWUP = """Dear Sir or Madam,

I hope you're well. I'm writing to follow up on my interview for the Data Analyst role on \
Monday 23 November. You mentioned a decision by Friday, so I wanted to ask whether there is \
any news on the process. I remain very interested and look forward to hearing from you.

Yours faithfully,
Sam Carter"""
FOLLOWUP = ReviewFacts(
    kind=DraftKind.FOLLOW_UP, recipient=None, role="Data Analyst", company="Acme"
)

CLEAN_LINKEDIN = (
    "Hi Priya, thank you for meeting me about the Data Analyst role at Acme. I enjoyed our "
    "conversation and would like to stay in touch. Sam"
)
LINKEDIN = ReviewFacts(kind=DraftKind.LINKEDIN, recipient="Priya Shah", role="Data Analyst")

CLEAN_REJECTION = """Dear Alex,

Thank you for letting me know, and for the time you gave me. I'm disappointed, but I \
understand and respect your decision. Could you tell me one thing that would have made my \
application stronger? I'd welcome the chance to be considered for future roles at Beta Studio.

Yours sincerely,
Sam"""
REJECTION = ReviewFacts(
    kind=DraftKind.REJECTION_REPLY, recipient="Alex Morgan", company="Beta Studio"
)


def rules(text: str, facts: ReviewFacts = THANKS) -> set[str]:
    return {f.rule for f in review(text, facts)}


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (CLEAN_THANKS, THANKS),
        (CLEAN_FOLLOWUP, FOLLOWUP),
        (CLEAN_LINKEDIN, LINKEDIN),
        (CLEAN_REJECTION, REJECTION),
        # British spelling and a sign-off on the same line as the name are fine too.
        (
            CLEAN_THANKS.replace("interested in", "keen on the organisation and").replace(
                "Yours sincerely,\nSam Carter", "Yours sincerely, Sam Carter"
            ),
            THANKS,
        ),
    ],
)
def test_clean_drafts_are_ready_to_send(text: str, facts: ReviewFacts) -> None:
    assert review(text, facts) == []


# One faulty draft per rule: exactly that rule fires.
FAULTS: list[tuple[str, str, ReviewFacts, str]] = [
    ("no_greeting", CLEAN_THANKS.replace("Dear Priya,\n\n", ""), THANKS, "Dear Priya Shah"),
    ("addressee", CLEAN_THANKS.replace("Dear Priya,", "Dear Ms Jones,"), THANKS, "Priya"),
    ("wrong_person", CLEAN_THANKS.replace("Dear Priya,", "Dear Tom,"), THANKS, "Tom Lee"),
    (
        "too_short",
        "Dear Priya,\n\nThank you for the Data Analyst interview.\n\nYours sincerely,\nSam",
        THANKS,
        "words",
    ),
    (
        "too_long",
        CLEAN_THANKS.replace(
            "I look forward",
            "I enjoyed the talk, "
            + "and I really liked the team and the office " * 20
            + "so I look forward",
        ),
        THANKS,
        "under 200",
    ),
    (
        "sentences",
        CLEAN_THANKS.replace(
            "I look forward", "It was fun. I liked it. The team was kind. I look forward"
        ),
        THANKS,
        "at most",
    ),
    (
        "linkedin_long",
        CLEAN_LINKEDIN + " I would also love to hear more about the team." * 2,
        LINKEDIN,
        "/200",
    ),
    ("role", CLEAN_THANKS.replace("the Data Analyst role", "the job"), THANKS, "Data Analyst"),
    (
        "thanks",
        CLEAN_THANKS.replace("Thank you for meeting me", "It was good to meet"),
        THANKS,
        "Thank them",
    ),
    ("no_sign_off", CLEAN_THANKS.replace("Yours sincerely,\n", ""), THANKS, "Yours sincerely"),
    (
        "sincerely_to_unknown",
        CLEAN_FOLLOWUP.replace("Yours faithfully", "Yours sincerely"),
        FOLLOWUP,
        "Yours faithfully",
    ),
    (
        "faithfully_to_name",
        CLEAN_THANKS.replace("Yours sincerely", "Yours faithfully"),
        THANKS,
        "Yours sincerely",
    ),
    (
        "formal_to_informal",
        CLEAN_THANKS.replace("Dear Priya", "Hi Priya"),
        THANKS,
        "Kind regards",
    ),
    ("spelling", CLEAN_THANKS.replace("interested", "intrested"), THANKS, "intrested → interested"),
    (
        "near_duplicate",
        THANKS.other_notes["Tom Lee"][0].replace("Dear Tom", "Dear Priya"),
        THANKS,
        "Tom Lee",
    ),
    ("exclamations", CLEAN_THANKS.replace("steps.", "steps!!!"), THANKS, "3 exclamation"),
    ("emoji", CLEAN_THANKS.replace("steps.", "steps. 😊"), THANKS, "Emoji"),
    (
        "cv",
        CLEAN_FOLLOWUP.replace("process.", "process. I've attached my CV again."),
        FOLLOWUP,
        "status check",
    ),
    (
        "no_question",
        CLEAN_REJECTION.replace("application stronger?", "application stronger."),
        REJECTION,
        "Ask one",
    ),
    (
        "questions",
        CLEAN_REJECTION.replace("stronger?", "stronger? Who got the job?"),
        REJECTION,
        "just one",
    ),
]


@pytest.mark.parametrize(("rule", "text", "facts", "fix"), FAULTS, ids=[f[0] for f in FAULTS])
def test_each_fault_is_caught_by_its_rule(
    rule: str, text: str, facts: ReviewFacts, fix: str
) -> None:
    findings = review(text, facts)
    assert [f.rule for f in findings] == [rule]
    line = finding_line(findings[0].rule, findings[0].values)
    assert fix in line
    assert line.count("\n") == 0
    check_html(line)  # Telegram would accept it


def test_every_rule_has_a_fault_and_a_message() -> None:
    faulted = {f[0] for f in FAULTS}
    assert faulted == set(FINDINGS)
    assert len(RULES) >= 13


def test_combined_faults_are_all_caught() -> None:
    text = (
        "Hi Tom!!\n\nThanks sooo much for the intervew 😊 It was amazing! I loved it! "
        "See you soon!\n\nYours faithfully,\nSam"
    )
    assert rules(text) == {
        "wrong_person",
        "too_short",
        "role",
        "faithfully_to_name",
        "spelling",
        "exclamations",
        "emoji",
    }


def test_combined_no_greeting_no_sign_off_no_thanks() -> None:
    text = (
        "I wanted to say the Data Analyst role at Acme sounds great and I hope to hear back "
        "soon about it, since I think my reporting work and my love of clean dashboards would "
        "fit well with what the team is doing next year."
    )
    assert rules(text) == {"no_greeting", "thanks", "no_sign_off"}


def test_names_company_and_the_users_own_words_are_not_misspellings() -> None:
    text = CLEAN_THANKS.replace("reporting project", "dbt migration at Zorblax")
    assert "spelling" not in rules(text)
    # ...but the same unknown word at the start of a sentence, in lower case, is flagged.
    assert "spelling" in rules(CLEAN_THANKS.replace("I look forward", "Zorblaxing, I look forward"))


def test_a_note_with_only_the_name_changed_is_a_copy_but_a_rewrite_is_not() -> None:
    tom_note = THANKS.other_notes["Tom Lee"][0]
    assert "near_duplicate" in rules(tom_note.replace("Tom", "Priya"))
    assert "near_duplicate" not in rules(CLEAN_THANKS)


def test_parse_splits_greeting_body_and_sign_off() -> None:
    letter = parse(CLEAN_THANKS)
    assert letter.greeting == "Dear Priya,"
    assert letter.greeting_name == "Priya"
    assert letter.sign_off == "Yours sincerely"
    assert letter.body.startswith("Thank you") and letter.body.endswith("next steps.")


def test_findings_escape_the_users_words() -> None:
    findings = review(CLEAN_THANKS.replace("Dear Priya,", "Dear <b>Tom</b> & co,"), THANKS)
    line = finding_line(findings[0].rule, findings[0].values)
    check_html(line)
    assert "<b>" not in line


def test_a_letter_on_one_line_has_its_greeting_body_and_sign_off() -> None:
    """Found by trying the bot: a short note pasted on one line was "Only 0 words" with no
    sign-off, and told to end with "Yours sincerely" under "Hi Tom"."""
    letter = parse("Hi Tom, thanks for yesterday, really enjoyed it. Cheers, Sam")
    assert (letter.greeting, letter.greeting_name) == ("Hi Tom,", "Tom")
    assert letter.body == "thanks for yesterday, really enjoyed it."
    assert letter.sign_off == "Cheers"
    signed = parse("Hi Priya, thanks for today. I look forward to it. Kind regards, Sam Lee")
    assert signed.sign_off == "Kind regards" and "Sam Lee" not in signed.body
    unsigned = parse("Hi Tom,\nThanks for yesterday, I really enjoyed it.")
    assert unsigned.sign_off is None
