"""Issue 15: every reply ends with where to go next, and "…and N more" in /reminders opens."""

from __future__ import annotations

from bot.storage.reminders import State
from tests.chat import Chat
from tests.conftest import Clock
from tests.journeys import log_interview, logged, rows

ONWARD = ["👉 What's next?", "📊 Where things stand"]


async def test_settings_contact_interviews_end_with_a_next_step(chat: Chat) -> None:
    await logged(chat)
    await chat.send("/settings")
    r = await chat.press("Done")
    assert "Saved." in chat.texts(r) and chat.last.labels == ONWARD
    await chat.send("/contact")
    assert chat.last.labels == ["👉 What's next?"]
    r = await chat.press("👉 What's next?")
    assert "Next:" in chat.texts(r)
    await chat.send("/interviews")
    assert chat.last.labels[-2:] == ONWARD
    r = await chat.press("👉 Data Analyst at Acme & Sons · 23 Nov")
    # The interview's card (to change anything), ending with where to go next.
    assert "Now working on" in chat.texts(r) and chat.last.labels[-1] == "👉 What's next?"
    await chat.send("/status")
    labels = chat.last.labels
    assert labels[0].startswith("✏️ ") and labels[1:] == ["👉 What's next?", "🗂 My interviews"]
    r = await chat.press("🗂 My interviews")
    assert "Your interviews" in chat.texts(r)


async def test_reminders_and_n_more_opens(chat: Chat, clock: Clock) -> None:
    await logged(chat, "Acme")
    for company in ("Globex", "Initech", "Umbrella"):
        clock.advance(hours=1)
        await log_interview(chat, company)
        await chat.send("/cancel")
    total = len([r for r in await rows(chat.app, chat.user_id) if r.state is State.PENDING])
    assert total > 12
    r = await chat.send("/reminders")
    assert f"…and {total - 12} more." in chat.texts(r)
    r = await chat.press(f"Show the other {total - 12}")
    text = chat.texts(r)
    assert "Your later reminders" in text
    assert text.count("•") == total - 12 and chat.last.labels == ["👉 What's next?"]
