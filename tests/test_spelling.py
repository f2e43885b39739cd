"""Spelling in the draft review (issue 13, cases U12): the user's country picks the dictionary
(en-GB in the UK, en-CA in Canada), clean British and Canadian letters pass, real misspellings
are found with the right correction, and no correction is only another form of the word typed
("programme → programmed")."""

from __future__ import annotations

import pytest

from bot.app import AfterviewApplication
from bot.rules import dictionaries
from bot.rules.checks import ReviewFacts, review
from bot.rules.drafts import DraftKind
from bot.rules.spelling import MAX_DEEP, corrections, dictionaries_for, in_dictionary, suggest
from tests.chat import Chat
from tests.journeys import logged, setup_user

# A clean letter as a UK user writes it (cases U12), within the review's other rules: 40–200
# words, at most five sentences, the role named, thanks, a matching sign-off.
GB_LETTER = """Dear Priya,

Thank you for meeting me today about the Data Analyst role at Acme; I felt honoured to hear \
how your graduate programme has analysed data for organisations across the region. My \
favourite part was the tour of the centre and the colour-coded dashboards your team has built. \
I have travelled widely for work and hold a full driving licence, so the regional visits would \
suit me well. I would be glad to recognise, prioritise and organise the reporting you \
described, and I look forward to hearing from you about the next steps.

Yours sincerely,
Sam"""

CA_LETTER = """Dear Priya,

Thank you for meeting me today about the Data Analyst role at Acme. I enjoyed the tour of the \
centre and the colour-coded dashboards your organization uses to analyze its programs. I have \
travelled across Ontario for work, and I would be glad to help organize the reporting behind \
each cheque run and every labour cost. I look forward to hearing from you about the next steps.

Yours sincerely,
Sam"""

# Spelt the same in every English but for four common slips.
TYPOS = """Dear Priya,

Thank you for meeting me today about the Data Analyst role at Acme. I definately hope to \
recieve news of thier plans, as this oppurtunity excites me. I enjoyed the tour of the office \
and the dashboards your team has built. I look forward to hearing from you about the next \
steps.

Yours sincerely,
Sam"""
FIXES = "definately → definitely, recieve → receive, thier → their, oppurtunity → opportunity"


def facts(country: str | None) -> ReviewFacts:
    return ReviewFacts(
        kind=DraftKind.THANK_YOU,
        recipient="Priya Shah",
        role="Data Analyst",
        company="Acme",
        known_words=["Sam", "Acme", "Priya Shah"],
        country=country,
    )


def spelling(text: str, country: str | None) -> str | None:
    """The spelling finding's words, None when the review has no spelling finding."""
    found = [f for f in review(text, facts(country)) if f.rule == "spelling"]
    return found[0].values["words"] if found else None


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("GB", ("en_GB",)),
        ("gb", ("en_GB",)),
        ("GB-SCT", ("en_GB",)),  # a region after the country: the country's spelling
        ("CA", ("en_CA",)),
        ("CA-ON", ("en_CA",)),
        ("US", ("en_GB", "en_US")),
        ("IE", ("en_GB", "en_US")),
        (None, ("en_GB", "en_US")),
    ],
)
def test_the_country_picks_the_dictionary(country: str | None, expected: tuple[str, ...]) -> None:
    assert dictionaries_for(country) == expected


@pytest.mark.parametrize(("country", "letter"), [("GB", GB_LETTER), ("CA", CA_LETTER)])
def test_a_clean_letter_of_the_users_country_is_ready(country: str, letter: str) -> None:
    assert review(letter, facts(country)) == []


def test_any_english_passes_for_others() -> None:
    # Without a UK or Canadian country, British and American spelling both pass.
    assert review(GB_LETTER, facts(None)) == []
    american = GB_LETTER.replace("colour", "color").replace("programme", "program")
    assert review(american.replace("favourite", "favorite"), facts("US")) == []


@pytest.mark.parametrize("country", ["GB", "CA", None])
def test_real_misspellings_are_found_with_their_correction(country: str | None) -> None:
    assert spelling(TYPOS, country) == FIXES


def test_the_other_countrys_spelling_gets_its_counterpart() -> None:
    # A UK letter in American spelling: the British form is the fix, never a look-alike word.
    american = GB_LETTER.replace("colour", "color").replace("centre", "center")
    assert spelling(american, "GB") == "center → centre, color-coded → colour-coded"
    # Canada writes "program", "organization" and "analyze": no fix for "programme" rather
    # than "programmed" or "programmer".
    assert spelling(GB_LETTER, "CA") == (
        "programme, analysed → analyzed, organisations → organizations, recognise → recognize, "
        "prioritise → prioritize"
    )


@pytest.mark.parametrize("country", ["GB", "CA", "US", None])
@pytest.mark.parametrize("word", ["programme", "programmes", "licence", "travelled"])
def test_another_form_of_the_word_is_never_offered(country: str | None, word: str) -> None:
    if in_dictionary(word, country):
        assert word not in (spelling(GB_LETTER.replace("programme", word), country) or "")
        return
    fix = suggest(word, country)
    # "programme → programmed", "programmes → programmers", "programmes → programme's": no.
    assert fix is None or not fix.replace("'", "").startswith(word.rstrip("s"))


def test_corrections_are_close_and_ranked() -> None:
    assert suggest("wich", "GB") == "which"  # not "winch", the dictionary's first
    assert suggest("adress", "GB") == "address"  # not "dress"
    assert suggest("Recieve", "GB") == "Receive"  # cased as typed
    assert suggest("thier", "GB") == "their"  # not the name "Thierry"
    assert suggest("zorblaxing", "GB") is None  # nothing close: no guess
    assert suggest("recieveing", "GB") == "receiving"  # two slips: found by likeness
    assert suggest("dont", "GB") == "don't"
    assert suggest("donut", "GB") != "don't"
    # A word of another English gets that English's counterpart, not a look-alike.
    assert suggest("gray", "GB") == "grey"  # not "argy"
    assert suggest("cozy", "GB") == "cosy"  # not "copy"
    assert suggest("pajamas", "GB") == "pyjamas"  # not "panamas"


def test_the_slow_search_is_bounded_per_review() -> None:
    # "recieveing" needs the search by likeness (two slips); only the first MAX_DEEP words
    # that no small edit mends get it, so a letter full of unknown words stays quick.
    assert corrections(["recieveing"], "GB") == ["receiving"]
    unknown = ["zorblaxing", "qwxtrpl", "vlemmbish"][:MAX_DEEP]
    assert corrections([*unknown, "recieveing", "thier"], "GB") == [
        *[None] * MAX_DEEP,
        None,
        "their",  # a small edit is always tried
    ]


async def test_u12_a_uk_user_pastes_a_clean_letter(chat: Chat, app: AfterviewApplication) -> None:
    """U12 through the real Application: a user in the UK reviews a British-spelt thank-you."""
    await logged(chat, "Acme", ("Priya Shah",))
    await chat.send("/thanks")
    r = await chat.press("Review mine")
    assert "Paste your version of the thank-you note to Priya Shah" in chat.texts(r)
    r = await chat.send(GB_LETTER)
    assert "Ready to send." in chat.texts(r)
    assert "programmed" not in chat.texts(r)
    r = await chat.send(GB_LETTER.replace("favourite", "favorite").replace("today", "todya"))
    assert "Check the spelling: todya → today, favorite → favourite." in chat.texts(r)


async def test_a_canadian_user_gets_canadian_spelling(
    chat: Chat, app: AfterviewApplication
) -> None:
    await setup_user(chat, ("🇨🇦 Toronto", "🇨🇦 Canada", "Ontario"))
    user = await app.runtime.store.users.get(chat.user_id)
    assert user is not None and (user.country, user.region) == ("CA", "ON")
    await logged(chat, "Acme", ("Priya Shah",), first=False)
    await chat.send("/thanks")
    await chat.press("Review mine")
    r = await chat.send(CA_LETTER)
    assert "Ready to send." in chat.texts(r)
    r = await chat.send(CA_LETTER.replace("organization", "organisation"))
    assert "Check the spelling: organisation" in chat.texts(r)


def test_dictionaries_load_once_per_process() -> None:
    loaded = {name: dictionaries.get(name) for name in dictionaries.ENGLISH}
    # Loaded once per process: the same objects again, whoever asks.
    assert all(dictionaries.get(name) is found for name, found in loaded.items())
    assert dictionaries.frequency("the") > dictionaries.frequency("thither") > 0
