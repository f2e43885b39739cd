"""What the fuzzer (tests/test_fuzz.py) found, one test per kind of fault, through the real
Application and the fake Bot API (which refuses what Telegram would: `Chat` fails on that).

- a long message split inside a tag (a bold company name typed over several lines), or into a
  part with nothing to see; the plain-text cut taking minutes at small limits;
- button labels quoting whole answers (an interview named after a 2,000-character company);
- a nudge quoting long answers, sent as one message over Telegram's limit;
- text typed at a question that takes only buttons (case L13: "Yes, Tom Baker" at "Anyone else
  on the panel?"), answered with nothing but the question again;
- a caption over Telegram's limit, which the fake Bot API let through.
"""

from __future__ import annotations

import random
from typing import Any

from bot.app import AfterviewApplication
from bot.offline.wire import check_html
from bot.rules.names import NO_MORE, ONE_MORE, more_people
from bot.texts import common as tc
from bot.tg import keyboards as kb
from bot.tg.limits import MAX_MESSAGE, split_message
from tests.chat import Chat
from tests.conftest import Clock
from tests.fakeapi import FakeTelegram
from tests.fuzztext import random_html
from tests.journeys import log_interview, rows, run, setup_user

# A company name typed over many lines: bold wherever the bot quotes it.
MULTILINE_COMPANY = "\n".join(f"Acme Holdings division {n}" for n in range(80))[:1990]


# --- a split never leaves a tag open -------------------------------------------------------
def test_a_split_closes_a_tag_and_opens_it_again_in_the_next_part() -> None:
    text = "Intro\n<b>" + "\n".join(f"line {n} " + "word " * 20 for n in range(100)) + "</b> end"
    parts = split_message(text)
    assert len(parts) > 1 and all(len(p) <= MAX_MESSAGE for p in parts)
    plain = [check_html(p) for p in parts]  # each part is valid HTML on its own
    assert "".join(plain).replace("\n", "") == check_html(text).replace("\n", "")
    assert all(p.startswith("<b>") for p in parts[1:])


def test_a_part_with_nothing_visible_joins_the_next() -> None:
    text = "<i>" + " " * 4000 + "</i>\n\n" + "x " * 2100
    assert all(check_html(p).strip() for p in split_message(text))


def test_any_split_is_valid_html_within_the_limit_and_loses_nothing() -> None:
    """Random HTML (nested tags, entities, blank lines) split at small limits: every part is
    valid, within the limit and has something to see; together they show the whole text.
    (Small limits once made the plain-text fallback take minutes: it must stay quick.)"""
    rng = random.Random(12)
    for _ in range(400):
        text, limit = random_html(rng), rng.choice((40, 60, 100, 300))
        if not check_html(text).strip():
            continue  # (the bot never sends a blank message)
        parts = split_message(text, limit)
        seen = [check_html(p) for p in parts]
        assert all(len(p) <= limit for p in parts) and all(s.strip() for s in seen)
        assert "".join("".join(s.split()) for s in seen) == "".join(check_html(text).split())


async def test_a_bold_company_typed_over_many_lines_is_sent_whole(chat: Chat) -> None:
    await setup_user(chat)
    await log_interview(chat, MULTILINE_COMPANY, role="Data Analyst " * 40)
    await chat.send("/cancel")
    replies = await chat.send("/social")  # Chat fails on any message Telegram would refuse
    assert tc.ERROR not in chat.texts(replies)
    assert any(r.html.startswith("<b>") for r in replies)  # split in the bold, opened again
    assert MULTILINE_COMPANY.splitlines()[-1] in chat.texts(replies)


# --- buttons are short, whatever was typed -------------------------------------------------
async def test_interview_buttons_are_short_whatever_the_answers(chat: Chat) -> None:
    await setup_user(chat)
    for company in ("C" * 1990, MULTILINE_COMPANY):
        await log_interview(chat, company, role="R" * 1990)
        await chat.send("/cancel")
    await chat.send("/interviews")
    labels = chat.last.labels
    assert len(labels) == 4  # the two interviews, then What's next? and Where things stand
    assert all(len(label) <= kb.LABEL_MAX and "\n" not in label for label in labels)
    r = await chat.press(labels[1])  # the button still works
    assert "Now working on" in chat.texts(r)


def test_every_keyboard_cuts_a_label_too_long_for_a_phone() -> None:
    markup = kb.keyboard([[("x" * 500, "a:b")], [("line\nbreak", "c:d")]])
    labels = [button.text for row in markup.inline_keyboard for button in row]
    assert len(labels[0]) == kb.LABEL_MAX and labels[0].endswith("…")
    assert labels[1] == "line break"


# --- a nudge is split like any other message -----------------------------------------------
async def test_a_nudge_quoting_long_answers_is_split_with_its_buttons_last(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram, clock: Clock
) -> None:
    await setup_user(chat)
    await log_interview(chat, "C" * 1990, role="R" * 1990)
    await chat.send("/cancel")
    sent_before = len(chat.history)
    clock.advance(days=3)
    await run(app, clock)
    nudges = chat.history[sent_before:]
    assert len(nudges) >= 2 and not fake.unexpected
    assert all(len(n.text) <= MAX_MESSAGE for n in nudges)
    assert nudges[-1].buttons and not any(n.buttons for n in nudges[:-1])
    sent = [r for r in await rows(app, chat.user_id) if r.message_id is not None]
    assert sent and {r.message_id for r in sent} == {nudges[-1].message_id}


# --- text at a question that takes buttons -------------------------------------------------
async def _at_anyone_else(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/debrief")
    await chat.send("Acme")
    await chat.send("Data Analyst")
    await chat.press("Just now")
    await chat.send("Priya Shah")
    await chat.press("Skip")  # no email: "Anyone else on the panel?"


async def test_a_name_typed_at_anyone_else_is_the_next_interviewer(
    chat: Chat, app: AfterviewApplication
) -> None:
    """Case L13."""
    await _at_anyone_else(chat)
    r = await chat.send("Yes, Tom Baker")
    assert "Tom Baker's email" in chat.texts(r)
    await chat.press("Skip")
    r = await chat.send("that's everyone")
    assert "next stage" in chat.texts(r)
    (interview,) = await app.runtime.store.interviews.active(chat.user_id)
    people = await app.runtime.store.interviewers.for_interview(interview.id)
    assert [p.name for p in people] == ["Priya Shah", "Tom Baker"]


def test_what_counts_as_a_name_or_a_no_at_anyone_else() -> None:
    readings = {
        "Yes, Tom Baker": "Tom Baker",
        "yes please - Dr. Li Wei": "Dr. Li Wei",
        "also Ann Lee and Bo Chen": "Ann Lee and Bo Chen",
        "Jean-Luc O'Neil": "Jean-Luc O'Neil",
        "Noah": "Noah",
        "yes": ONE_MORE,
        "Yep.": ONE_MORE,
        "no": NO_MORE,
        "No, that's everyone": NO_MORE,
        "That’s all": NO_MORE,
        "nobody else": NO_MORE,
        "what's next?": None,
        "I don't know": None,
        "4": None,
        "help": None,
        "a b c d e f g": None,
        " ": None,
    }
    assert {text: more_people(text) for text in readings} == readings


async def test_a_panel_typed_at_anyone_else_is_added_whole(
    chat: Chat, app: AfterviewApplication
) -> None:
    await _at_anyone_else(chat)
    r = await chat.send("also Ann Lee and Bo Chen")  # "also" is no part of a name
    assert "Anyone else" in chat.texts(r)
    (interview,) = await app.runtime.store.interviews.active(chat.user_id)
    people = await app.runtime.store.interviewers.for_interview(interview.id)
    assert [p.name for p in people] == ["Priya Shah", "Ann Lee", "Bo Chen"]


async def test_yes_alone_asks_for_the_name_and_no_goes_on(chat: Chat) -> None:
    await _at_anyone_else(chat)
    r = await chat.send("yes")
    assert "Who interviewed you" in chat.texts(r)
    await chat.send("Tom Baker")
    await chat.press("Skip")
    r = await chat.send("No")
    assert "next stage" in chat.texts(r)


async def test_unclear_text_at_a_button_question_says_a_button_is_needed(chat: Chat) -> None:
    await _at_anyone_else(chat)
    # ("what's next?" is acted on at any question now: tests/test_intents_chat.py)
    r = await chat.send("I don't know")
    assert tc.TAP_A_BUTTON in chat.texts(r) and "Anyone else" in chat.texts(r)
    assert chat.last.labels == ["Add another", "That's everyone"]
    await chat.send("/settings")  # another question that takes only buttons
    r = await chat.send("Europe/London")
    assert tc.TAP_A_BUTTON in chat.texts(r) and "Your settings" in chat.texts(r)


# --- captions ------------------------------------------------------------------------------
def test_the_fake_refuses_a_caption_telegram_would() -> None:
    fake = FakeTelegram()

    def send(caption: str) -> int:
        params: dict[str, Any] = {"chat_id": "1", "document": ("a.ics", b"x")}
        params |= {"caption": caption, "parse_mode": "HTML"}
        return fake.handle("sendDocument", params)[0]

    assert send("c" * 1024) == 200 and not fake.unexpected
    assert send("<i>" + "c" * 1024 + "</i>") == 200  # counted as the user sees it
    assert send("c" * 1025) == 400 and "caption is too long" in fake.unexpected[0]
