"""One message per answer: an acknowledgement ("Got it: Friday.") rides at the top of the
next question instead of arriving as a message of its own (see `say(lead=...)`)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.tg import keyboards as kb
from tests.chat import Chat


async def test_each_setup_and_debrief_answer_gets_one_message(chat: Chat) -> None:
    steps: list[tuple[str, str, list[str]]] = [
        # (send or press, what, texts the one reply must hold, in order)
        ("send", "/start", ["Afterview", "time zone"]),
        ("press", "🇬🇧 London", ["Europe/London", "country"]),
        ("press", "🇬🇧 UK", ["United Kingdom"]),
        ("send", "/debrief", ["Which company"]),
        ("send", "Acme", ["role"]),
        ("send", "Data Analyst", ["When"]),
        ("press", "Just now", ["Got it", "Who interviewed"]),
        ("send", "Priya Shah", ["Priya Shah"]),
        ("send", "priya@acme.example", ["Priya Shah", "Anyone else"]),
        ("press", "That's everyone", ["next stage"]),
        ("press", "I didn't ask", ["Next time", "get back to you"]),
        ("send", "by Friday", ["Fri 27 Nov", "process"]),
        ("send", "Two rounds", ["how do you think it went"]),
        ("press", "2", ["Don't feel bad", "What went well"]),
        ("send", "My SQL answer", ["land"]),
        ("send", "The salary question", ["Debrief saved", "Next:"]),
    ]
    newest = 0
    for how, what, wanted in steps:
        replies = await (chat.send(what) if how == "send" else chat.press(what))
        # A press also edits the message it sat on (showing the choice): not a new message.
        new = [r for r in replies if r.message_id > newest]
        assert len(new) == 1, (what, [r.text for r in new])
        newest = new[0].message_id
        text = new[0].text
        positions = [text.find(w) for w in wanted]
        assert -1 not in positions and positions == sorted(positions), (what, text)


def test_a_shared_keyboard_sends_what_ptb_would_and_works_it_out_once() -> None:
    rows = [[("Yes", "x:yes"), ("No", "x:no")], [("Skip", "x:skip")]]
    shared = kb.keyboard(rows)
    plain = InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )
    assert shared == plain
    assert shared.to_dict() == plain.to_dict()
    assert shared.to_dict(recursive=False) == plain.to_dict(recursive=False)
    assert shared.to_dict() is shared.to_dict()
    assert kb.keyboard(rows) is shared
