"""Everyday replies through the real Application (issue 15): at idle, at a pending question
and inside /notes, what's next / help / status / "I just had an interview" / stop are acted on;
words stand for the buttons of the question they answer; real answers are still answers."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from bot.app import AfterviewApplication
from bot.rules.coaching import Outcome
from bot.texts import common as tc
from bot.texts import debrief as td
from bot.texts import general as tg
from bot.texts import intents as ti
from bot.texts import outcome as to
from bot.texts import privacy as tp
from tests.chat import Chat
from tests.journeys import current, logged, setup_user


def plain(html: str) -> str:
    """A text of bot/texts as the user sees it (tags gone, entities read)."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


async def next_reply(chat: Chat) -> str:
    """What /next says right now (it changes nothing)."""
    return chat.texts(await chat.send("/next"))


async def at_question(chat: Chat, question: str) -> None:
    """A debrief pending at `question`: "company", "role", "email" or "rating"."""
    await setup_user(chat)
    r = await chat.send("/debrief")
    if question == "company":
        assert plain(td.ASK_COMPANY) in chat.texts(r)
        return
    await chat.send("Acme")
    if question == "role":
        return
    await chat.send("Data Analyst")
    await chat.press("Just now")
    r = await chat.send("Priya Shah")
    if question == "email":
        assert "Priya Shah's email" in chat.texts(r)
        return
    await chat.press("Skip")
    await chat.press("That's everyone")
    await chat.press("I didn't ask")
    await chat.press("They didn't say")
    r = await chat.press("Nothing mentioned")
    assert plain(td.ASK_RATING) in chat.texts(r)


# --- at idle ----------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["help", "HELP", "?", "hepl", "how does this work?"])
async def test_help_in_words_at_idle(chat: Chat, typed: str) -> None:
    await setup_user(chat)
    text = chat.texts(await chat.send(typed))
    assert plain(tc.HELP) in text and plain(tc.UNKNOWN_TEXT) not in text


@pytest.mark.parametrize("typed", ["what should i do next?", "whats nxt", "wat now", "next?"])
async def test_whats_next_in_words_at_idle(chat: Chat, typed: str) -> None:
    await logged(chat)
    expected = await next_reply(chat)
    text = chat.texts(await chat.send(typed))
    assert text == expected and plain(tc.UNKNOWN_TEXT) not in text


async def test_status_in_words_at_idle(chat: Chat) -> None:
    await logged(chat)
    expected = chat.texts(await chat.send("/status"))
    assert chat.texts(await chat.send("where am i?")) == expected


async def test_i_just_had_an_interview_starts_the_debrief(chat: Chat) -> None:
    await setup_user(chat)
    text = chat.texts(await chat.send("i just had an intervew this morning"))
    assert plain(td.START) in text and plain(td.ASK_COMPANY) in text
    r = await chat.send("Globex")
    assert plain(td.ASK_ROLE) in chat.texts(r)
    assert (await current(chat)).company == "Globex"


async def test_stop_and_skip_at_idle(chat: Chat) -> None:
    await setup_user(chat)
    assert plain(tc.NOTHING_TO_CANCEL) in chat.texts(await chat.send("stop"))
    assert plain(tg.NOTHING_TO_SKIP) in chat.texts(await chat.send("skip"))


async def test_ordinary_text_at_idle_still_gets_the_hint(chat: Chat) -> None:
    await setup_user(chat)
    assert plain(tc.UNKNOWN_TEXT) in chat.texts(await chat.send("They asked about my leadership"))


# --- at a pending question --------------------------------------------------------------------
async def test_whats_next_at_a_question_keeps_it_pending(chat: Chat) -> None:
    await logged(chat)
    await chat.send("/debrief")
    await chat.press("New interview")
    expected = await next_reply(chat)  # /next: an action, the question stays
    r = await chat.send("what's next?")
    text = chat.texts(r)
    assert text.startswith(expected)
    assert plain(ti.STILL_OPEN) in text and plain(td.ASK_COMPANY) in text
    assert text.index(plain(ti.STILL_OPEN)) < text.index(plain(td.ASK_COMPANY))
    r = await chat.send("Globex")  # still the company question
    assert plain(td.ASK_ROLE) in chat.texts(r)
    assert (await current(chat)).company == "Globex"


async def test_help_and_status_at_the_rating(chat: Chat) -> None:
    await at_question(chat, "rating")
    text = chat.texts(await chat.send("help"))
    assert plain(tc.HELP) in text and plain(ti.STILL_OPEN) in text and plain(td.ASK_RATING) in text
    text = chat.texts(await chat.send("status"))
    assert "Acme" in text and plain(td.ASK_RATING) in text
    r = await chat.press("4")
    assert plain(td.RATING_HIGH) in chat.texts(r)


async def test_stop_at_a_question_ends_it_like_cancel(chat: Chat) -> None:
    await at_question(chat, "role")
    assert plain(tc.CANCELLED) in chat.texts(await chat.send("nevermind"))
    text = chat.texts(await chat.send("Data Analyst"))  # no longer the role question
    assert plain(tc.UNKNOWN_TEXT) in text
    assert (await current(chat)).role is None


async def test_new_interview_at_a_question_starts_the_debrief(chat: Chat) -> None:
    await logged(chat)
    await chat.send("/notes")
    text = chat.texts(await chat.send("I just had an interview"))
    assert "You have a debrief in progress" in text
    assert await chat.app.runtime.store.notes.for_interview((await current(chat)).id) == []


@pytest.mark.parametrize("typed", ["skip", "pass", "Skip."])
async def test_skip_in_words(chat: Chat, typed: str) -> None:
    await at_question(chat, "role")
    text = chat.texts(await chat.send(typed))
    assert "When was" in text or td.ASK_WHEN.split("\n")[0] in text
    assert (await current(chat)).role is None


@pytest.mark.parametrize(
    ("typed", "rating", "reply"),
    [
        ("so-so", 3, plain(td.RATING_MID)),
        ("ok", 3, plain(td.RATING_MID)),
        ("great", 5, plain(td.RATING_HIGH)),
        ("pretty good, maybe a four", 4, plain(td.RATING_HIGH)),
        ("terrible", 1, plain(td.RATING_LOW)),
    ],
)
async def test_ratings_in_words(chat: Chat, typed: str, rating: int, reply: str) -> None:
    await at_question(chat, "rating")
    text = chat.texts(await chat.send(typed))
    assert reply in text and plain(td.ASK_WENT_WELL) in text
    assert (await current(chat)).rating == rating


@pytest.mark.parametrize("typed", ["dunno", "I don't have it", "no idea"])
async def test_dont_know_at_the_email_question(chat: Chat, typed: str) -> None:
    await at_question(chat, "email")
    text = chat.texts(await chat.send(typed))
    assert plain(td.BAD_EMAIL) not in text
    assert plain(ti.DONT_KNOW) in text and plain(td.ASK_MORE_INTERVIEWERS) in text
    (priya,) = await chat.app.runtime.store.interviewers.for_interview((await current(chat)).id)
    assert priya.email is None


async def test_yes_and_no_in_words_at_anyone_else(chat: Chat) -> None:
    await at_question(chat, "email")
    await chat.press("Skip")
    r = await chat.send("yep")
    assert "Who interviewed you?" in chat.texts(r) or plain(td.ASK_INTERVIEWER) in chat.texts(r)
    await chat.send("Tom Lee")
    await chat.press("Skip")
    r = await chat.send("nah")
    assert plain(td.ASK_NEXT_STAGE) in chat.texts(r)


async def test_yes_in_words_at_referee_permission(chat: Chat) -> None:
    await logged(chat)
    await chat.send("/referees")
    await chat.send("Bob Smith")
    await chat.press("Skip")
    await chat.press("Skip")
    r = await chat.send("yep")
    assert "Added Bob Smith" in chat.texts(r)
    (bob,) = await chat.app.runtime.store.referees.for_user(chat.user_id)
    assert bob.permission is True


async def test_skip_in_words_at_referee_permission_is_not_yet(chat: Chat) -> None:
    await logged(chat)
    await chat.send("/referees")
    await chat.send("Bob Smith")
    await chat.press("Skip")
    await chat.press("Skip")
    r = await chat.send("skip")
    assert "Ask Bob Smith as soon as you can" in chat.texts(r)
    (bob,) = await chat.app.runtime.store.referees.for_user(chat.user_id)
    assert bob.permission is False


async def test_dont_know_a_referees_contact(chat: Chat) -> None:
    await logged(chat)
    await chat.send("/referees")
    await chat.send("Bob Smith")
    text = chat.texts(await chat.send("i don't have it"))
    assert plain(ti.DONT_KNOW) in text and "How do you know Bob Smith?" in text


async def test_no_in_words_keeps_the_data(chat: Chat) -> None:
    interview = await logged(chat)
    await chat.send("/forget")
    assert plain(tp.FORGET_KEPT) in chat.texts(await chat.send("nah"))
    assert await chat.app.runtime.store.interviews.get(interview.id) is not None


async def test_real_answers_are_still_answers(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    assert plain(td.ASK_ROLE) in chat.texts(await chat.send("Next Retail"))
    assert (await current(chat)).company == "Next Retail"
    await chat.send("Head of Data")
    await chat.press("Just now")
    text = chat.texts(await chat.send("dunno yet"))  # not a name: refused, not skipped
    assert "look like a name" in text
    r = await chat.send("Priya Shah")
    assert "Priya Shah's email" in chat.texts(r)


# --- inside /notes ----------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["next?", "what's next?"])
async def test_whats_next_inside_notes_is_not_a_note(chat: Chat, typed: str) -> None:
    interview = await logged(chat)
    await chat.send("/notes")
    await chat.send("They asked about my leadership")
    expected = await next_reply(chat)
    text = chat.texts(await chat.send(typed))
    assert text.startswith(expected) and "Saved ✓" not in text
    bodies = [n.body for n in await chat.app.runtime.store.notes.for_interview(interview.id)]
    assert bodies == ["They asked about my leadership"]
    assert "2 notes in all" in chat.texts(await chat.send("Team of six"))  # still collecting


async def test_delete_notes_by_their_numbers(chat: Chat) -> None:
    interview = await logged(chat)
    store = chat.app.runtime.store
    await chat.send("/notes")
    for body in ("One", "Two", "Three", "Four", "Five"):
        await chat.send(body)
    text = chat.texts(await chat.send("delete 3 and 4"))
    assert ti.NOTES_DELETED.format(which="notes 3 and 4", count="3 notes") in text
    assert [n.body for n in await store.notes.for_interview(interview.id)] == [
        "One",
        "Two",
        "Five",
    ]
    text = chat.texts(await chat.send("delete 7"))
    assert "there's no note 7" in text
    assert len(await store.notes.for_interview(interview.id)) == 3
    r = await chat.press("Read them back")
    assert "3. Five" in chat.texts(r) and "delete" not in chat.texts(r)


async def test_no_at_the_forgot_question_is_not_kept(chat: Chat) -> None:
    interview = await logged(chat)
    await chat.send("/notes")
    await chat.send("They asked about SQL")
    await chat.press("Done ✓")
    text = chat.texts(await chat.send("no"))
    assert "Next:" in text
    again = await chat.app.runtime.store.interviews.get(interview.id)
    assert again is not None and again.forgot_to_say is None


# --- /outcome with words ----------------------------------------------------------------------
async def test_outcome_rejected_in_words(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    typed = chat.texts(await chat.send("/outcome rejected"))
    assert plain(to.REJECTED) in typed and "Acme & Sons" in typed  # the button's path
    again = await app.runtime.store.interviews.get(interview.id)
    assert again is not None and again.outcome is Outcome.REJECTED


async def test_outcome_with_words_it_cannot_read_asks(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await logged(chat)
    r = await chat.send("/outcome banana")
    text = chat.texts(r)
    assert "“banana”" in text and "Rejected" in [b for s in r for b in s.labels]
    again = await app.runtime.store.interviews.get(interview.id)
    assert again is not None and again.outcome is None


async def test_outcome_in_words_is_for_the_current_interview(
    chat: Chat, app: AfterviewApplication
) -> None:
    first = await logged(chat, "Initech")
    latest = await logged(chat, "Globex", first=False)
    await chat.send("/outcome got the job")
    store = app.runtime.store
    outcomes = [
        getattr(await store.interviews.get(i.id), "outcome", "gone") for i in (first, latest)
    ]
    assert outcomes == [None, Outcome.OFFER]
