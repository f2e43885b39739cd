"""/followup (step 7): wait until it's due, then the draft; at most two; then move on.

Dates follow COACHING.md from Mon 23 Nov 2026 14:00 (London = UTC in winter): "by Friday" is
Fri 27 Nov, so the first follow-up is due 2 business days after it at 10:00, Tue 1 Dec; the
second 5 business days after the first was sent.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.chat import Chat
from tests.conftest import Clock
from tests.journeys import debriefed, sticker, stranger


async def test_wait_then_two_follow_ups_then_move_on(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    store = chat.app.runtime.store
    r = await chat.send("/followup")
    text = chat.texts(r)
    assert "Not yet" in text and "reply by Fri 27 Nov" in text
    assert "Follow up Tue 1 Dec 10:00" in text and "needy" in text
    assert "paying attention to their timeline" in text
    assert "Follow-up to" not in text
    assert chat.last.button_data("📬 I heard back") == f"open:outcome:{interview.id}"

    clock.set(datetime(2026, 12, 1, 9, 59, tzinfo=UTC))
    r = await chat.send("/followup")
    assert "Not yet" in chat.texts(r)

    clock.set(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))
    r = await chat.send("/followup")
    text = chat.texts(r)
    assert "Time to follow up" in text and "Follow-up to Priya Shah" in text
    assert chat.last.labels == ["Sent it ✓", "Change something", "Review mine"]
    assert chat.last.button_data("Review mine") == f"review:followup:{interview.id}"
    assert await store.interviews.followups(interview.id) == []
    r = await chat.press("Sent it ✓")
    assert "follow-up sent today 10:00" in chat.texts(r)
    assert "no reply by Tue 8 Dec 10:00" in chat.texts(r)
    assert await store.interviews.followups(interview.id) == [clock.now]

    # A double tap on the same button never records a second one.
    r = await chat.press_data(f"followup:sent:{interview.id}:1")
    assert "already noted" in chat.texts(r)
    assert len(await store.interviews.followups(interview.id)) == 1

    clock.advance(days=3)
    r = await chat.send("/followup")
    text = chat.texts(r)
    assert "Not yet" in text and "You followed up on Tue 1 Dec" in text
    assert "Tue 8 Dec 10:00" in text

    clock.set(datetime(2026, 12, 8, 10, 0, tzinfo=UTC))
    r = await chat.send("/followup")
    text = chat.texts(r)
    assert "one more follow-up" in text and "Follow-up to Priya Shah" in text
    r = await chat.press("Sent it ✓")
    text = chat.texts(r)
    assert "followed up twice" in text and "You can still hear back" in text
    assert len(await store.interviews.followups(interview.id)) == 2

    clock.advance(days=10)
    r = await chat.send("/followup")
    text = chat.texts(r)
    assert "followed up twice" in text and "Follow-up to" not in text
    r = await chat.press_data(f"followup:sent:{interview.id}:3")
    assert "expired" in chat.texts(r)
    r = await chat.press_data(f"followup:sent:{interview.id}:2")
    assert "already noted" in chat.texts(r) and "followed up twice" in chat.texts(r)
    assert len(await store.interviews.followups(interview.id)) == 2


async def test_no_timeline_five_business_days_in_the_users_zone(chat: Chat) -> None:
    # Toronto: 14:00 UTC is 09:00 there; 5 business days later is Mon 30 Nov 09:00 local.
    await debriefed(chat, reply="They didn't say", place=("🇨🇦 Toronto", "🇨🇦 Canada"))
    r = await chat.send("/followup")
    text = chat.texts(r)
    assert "didn't give a timeline" in text and "five business days" in text
    assert "Follow up Mon 30 Nov 09:00" in text


async def test_asks_the_timeline_when_the_debrief_had_none(chat: Chat) -> None:
    interview = await debriefed(chat, reply=None)
    store = chat.app.runtime.store
    r = await chat.send("/followup")
    assert "when did they say they'd get back to you?" in chat.texts(r)
    text = await sticker(chat)
    assert "only read text" in text and "when did they say" in text
    r = await chat.send("z" * 300)
    assert "under 200 characters" in chat.texts(r)
    r = await chat.send("<b>soon</b> & later")
    assert "I couldn't read “<b>soon</b> & later” as a date" in chat.texts(r)
    r = await chat.press_data("followup:reply:zzz")
    assert "couldn't read" in chat.texts(r)
    r = await chat.press_data("followup:bogus")
    assert "when did they say" in chat.texts(r)
    stored = await store.interviews.get(interview.id)
    assert stored is not None and stored.reply_text is None
    r = await chat.press("Within two weeks")
    text = chat.texts(r)
    # 2 weeks from Mon 23 Nov is Mon 7 Dec; + 2 business days at 10:00.
    assert "reply by Mon 7 Dec" in text and "Follow up Wed 9 Dec 10:00" in text
    stored = await store.interviews.get(interview.id)
    assert stored is not None and stored.reply_by == date(2026, 12, 7)


async def test_skipping_the_timeline_uses_five_business_days(chat: Chat) -> None:
    interview = await debriefed(chat, reply=None)
    await chat.send("/followup")
    r = await chat.press("Skip")
    assert "Follow up Mon 30 Nov 14:00" in chat.texts(r)
    r = await chat.send("/followup")
    assert "when did they say" not in chat.texts(r)  # asked once
    stored = await chat.app.runtime.store.interviews.get(interview.id)
    assert stored is not None and stored.reply_text is None


async def test_i_heard_back_opens_the_outcome(chat: Chat) -> None:
    await debriefed(chat)
    await chat.send("/followup")
    r = await chat.press("📬 I heard back")
    assert "What's the outcome?" in chat.texts(r)
    r = await chat.press("Rejected")
    assert "Reply to" in chat.texts(r)
    r = await chat.send("/followup")
    assert "already heard back" in chat.texts(r) and "Follow-up to" not in chat.texts(r)


async def test_forged_and_foreign_buttons(chat: Chat, clock: Clock) -> None:
    interview = await debriefed(chat)
    clock.set(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))
    r = await chat.press_data("followup:sent:999999:1")
    assert "expired" in chat.texts(r)
    r = await stranger(chat).press_data(f"followup:sent:{interview.id}:1")
    assert "expired" in chat.texts(r)
    assert await chat.app.runtime.store.interviews.followups(interview.id) == []


async def test_forged_ids_and_numbers_get_the_expired_reply(chat: Chat, clock: Clock) -> None:
    """Ids too big for SQLite or written in other digits are stale buttons, not errors."""
    interview = await debriefed(chat)
    clock.set(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))
    for data in (
        f"followup:sent:{'9' * 23}:1",
        "followup:sent:²:1",
        f"followup:sent:{interview.id}:²",
        f"followup:sent:{interview.id}:{'1' * 30}",
    ):
        r = await chat.press_data(data)
        assert "expired" in chat.texts(r), data
        assert "went wrong" not in chat.texts(r), data
    assert await chat.app.runtime.store.interviews.followups(interview.id) == []
