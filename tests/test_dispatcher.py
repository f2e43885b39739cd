"""The nudge engine end to end: the real Application, SQLite, the fake Bot API, and the
dispatcher's claim/send/record loop run at the test clock's time (never slept through).

T is Monday 23 November 2026, 14:00 in London (UTC in winter).
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from bot.app import AfterviewApplication
from bot.rules.coaching import Outcome
from bot.storage.reminders import State
from bot.tg.dispatcher import MAX_ATTEMPTS
from tests.chat import Chat
from tests.conftest import Apps, Clock
from tests.fakeapi import FakeTelegram
from tests.journeys import debriefed, dispatcher, pending, press_on_last, rows, run, utc


def sends_to(fake: FakeTelegram, chat_id: int) -> int:
    return sum(1 for c in fake.method_calls("sendMessage") if c["chat_id"] == chat_id)


async def test_debrief_creates_nudges_that_arrive_once_on_time(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram, clock: Clock
) -> None:
    await debriefed(chat, role="Analyst")
    assert await pending(app, chat.user_id) == {
        "notes": utc(2026, 11, 23, 16),
        "thanks": utc(2026, 11, 23, 17),
        "thanks_deadline": utc(2026, 11, 24, 14),
        "referees": utc(2026, 11, 24, 14),
        "followup:1": utc(2026, 12, 1, 10),  # "by Friday" + 2 business days, 10:00
        "keep_trying": utc(2026, 11, 30, 14),
    }
    clock.set(utc(2026, 11, 23, 15, 59))
    assert (await run(app, clock)).messages == 0
    clock.set(utc(2026, 11, 23, 16))
    report = await run(app, clock)
    assert (report.messages, report.nudges) == (1, 1)
    nudge = chat.last
    assert nudge.text.startswith("⏰ Notes · Analyst at Acme\n")
    assert "memory fades" in nudge.text
    assert nudge.labels == [
        "▶️ Notes",
        "Done ✓",
        "Skip this step",
        "1 hour",
        "Tomorrow morning",
        "Pick a day…",
    ]
    assert (await run(app, clock)).messages == 0  # once
    clock.set(utc(2026, 11, 23, 17))
    await run(app, clock)
    assert chat.last.text.startswith("⏰ Thank-you notes · Analyst at Acme")
    assert "follow Acme's pages" in chat.last.text  # following the company comes with it
    sent = [r for r in await rows(app, chat.user_id) if r.state is State.SENT]
    assert [r.slot for r in sent] == ["notes", "thanks"]
    assert all(r.message_id and r.sent_at for r in sent)
    # The facts moving on later (here: a new time zone) don't bring delivered ones back.
    await chat.send("/settings")
    await chat.press("Time zone")
    await chat.press("🇮🇪 Dublin")
    assert not {"notes", "thanks"} & set(await pending(app, chat.user_id))


async def test_quiet_hours_hold_evening_nudges_until_morning(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    clock.set(utc(2026, 11, 23, 20))  # an evening interview
    await debriefed(chat)
    due = await pending(app, chat.user_id)
    assert due["notes"] == due["thanks"] == utc(2026, 11, 24, 8)
    clock.set(utc(2026, 11, 23, 22))
    assert (await run(app, clock)).messages == 0
    clock.set(utc(2026, 11, 24, 7, 59))
    assert (await run(app, clock)).messages == 0
    clock.set(utc(2026, 11, 24, 8))
    report = await run(app, clock)
    # Two due at once for one user: one summary, not a burst.
    assert (report.messages, report.nudges) == (1, 2)
    assert "2 things are waiting" in chat.last.text
    assert "Notes" in chat.last.text and "Thank-you notes" in chat.last.text


async def test_a_dst_change_night(chat: Chat, app: AfterviewApplication, clock: Clock) -> None:
    # Saturday 28 March 2026, 19:30 GMT; the clocks go forward that night.
    clock.set(utc(2026, 3, 28, 19, 30))
    await debriefed(chat)
    due = await pending(app, chat.user_id)
    # Notes at 21:30 and the thank-you at 22:30 are quiet: Sunday 08:00 BST is 07:00 UTC.
    assert due["notes"] == due["thanks"] == utc(2026, 3, 29, 7)
    clock.set(utc(2026, 3, 29, 6, 59))
    assert (await run(app, clock)).messages == 0
    clock.set(utc(2026, 3, 29, 7))
    assert (await run(app, clock)).nudges == 2


async def test_doing_a_step_anywhere_cancels_its_nudge(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    interview = await debriefed(chat, role="Analyst")
    clock.set(utc(2026, 11, 23, 15))
    await press_on_last(chat, f"done:notes:{interview.id}")  # a "Done" from /next's tips
    states = {r.slot: r.state for r in await rows(app, chat.user_id)}
    assert states["notes"] is State.CANCELLED
    clock.set(utc(2026, 11, 23, 16))
    assert (await run(app, clock)).messages == 0
    # Doing the thank-you cancels its deadline reminder and unfolds "follow the company".
    await press_on_last(chat, f"skipstep:thanks:{interview.id}")
    due = await pending(app, chat.user_id)
    assert "thanks" not in due and "thanks_deadline" not in due
    assert due["social"] == utc(2026, 11, 23, 17)  # an hour after it was first wanted
    clock.set(utc(2026, 11, 23, 17))
    await run(app, clock)
    assert chat.last.text.startswith("⏰ Follow the company · Analyst at Acme")


async def test_timeline_and_outcome_move_or_remove_follow_ups(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    interview = await debriefed(chat)
    store = app.runtime.store
    assert (await pending(app, chat.user_id))["followup:1"] == utc(2026, 12, 1, 10)
    async with store.transaction() as tx:  # the employer now says "by Friday 11 December"
        await tx.interviews.update(interview.id, reply_by=date(2026, 12, 11))
    assert (await pending(app, chat.user_id))["followup:1"] == utc(2026, 12, 15, 10)
    before = await rows(app, chat.user_id)
    async with store.transaction() as tx:  # idempotent: nothing changes a second time
        await tx.interviews.update(interview.id, reply_by=date(2026, 12, 11))
    assert await rows(app, chat.user_id) == before

    told = utc(2026, 11, 26, 11)
    clock.set(told)
    async with store.transaction() as tx:
        await tx.interviews.update(interview.id, outcome=Outcome.REJECTED, outcome_at=told)
    due = await pending(app, chat.user_id)
    assert "followup:1" not in due and "keep_trying" not in due
    assert due["keep_contact_rejected"] == told + timedelta(hours=24)
    assert due["keep_in_touch"] == told + timedelta(days=91)


async def test_a_new_round_gets_its_own_nudges(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    first = await debriefed(chat)
    store = app.runtime.store
    clock.set(utc(2026, 11, 27, 9))
    second_at = utc(2026, 12, 3, 11)
    async with store.transaction() as tx:
        await tx.interviews.update(
            first.id, outcome=Outcome.NEXT_ROUND, outcome_at=clock.now, status="closed"
        )
        new = await tx.interviews.create(
            chat.user_id, parent_id=first.id, round=2, company="Acme", held_at=second_at
        )
    live = [r for r in await rows(app, chat.user_id) if r.state is State.PENDING]
    assert {r.interview_id for r in live} == {new.id}
    by_slot = {r.slot: r.due_at for r in live}
    assert by_slot["prepare"] == utc(2026, 12, 2, 18)  # the evening before round 2
    assert by_slot["notes"] == second_at + timedelta(hours=2)


async def test_catch_up_after_downtime_is_one_summary_per_user(
    apps: Apps, fake: FakeTelegram, clock: Clock
) -> None:
    app = await apps.start()
    sam = Chat(app, fake)
    await debriefed(sam, role="Analyst")
    clock.set(utc(2026, 11, 24, 13))
    ana = Chat(app, fake, user_id=2002, first_name="Ana")
    await debriefed(ana, company="Beta & <Co>", role="Analyst")
    await apps.crash(app)  # down from Tuesday 13:00 until 15:30, nothing sent meanwhile
    clock.set(utc(2026, 11, 24, 15, 30))
    app = await apps.start()
    report = await run(app, clock)
    assert (report.messages, report.nudges) == (2, 5)
    summary = fake.sent_to(sam.user_id)[-1]
    assert summary.text.startswith("⏰ 4 things are waiting for you")
    for name in ("Notes", "Thank-you notes", "Brief your referees"):
        assert name in summary.text
    assert len(summary.buttons) == 4
    single = fake.sent_to(ana.user_id)[-1]
    assert single.text.startswith("⏰ Notes · Analyst at Beta & <Co>")  # escaped, then shown
    # A summary button shows that nudge in full, with its own buttons.
    sam = Chat(app, fake)
    r = await sam.press("Notes · Analyst at Acme")
    assert r[-1].text.startswith("⏰ Notes · Analyst at Acme") and "Done ✓" in r[-1].labels
    assert (await run(app, clock)).messages == 0


async def test_forbidden_pauses_until_the_user_writes_again(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram, clock: Clock
) -> None:
    await debriefed(chat)
    fake.blocked.add(chat.user_id)
    clock.set(utc(2026, 11, 23, 16))
    report = await run(app, clock)
    assert (report.messages, report.paused) == (0, 1)
    user = await app.runtime.store.users.get(chat.user_id)
    assert user is not None and user.paused
    assert all(r.state is not State.PENDING for r in await rows(app, chat.user_id))
    tries = sends_to(fake, chat.user_id)
    clock.set(utc(2026, 11, 23, 17))
    assert (await run(app, clock)).messages == 0
    assert sends_to(fake, chat.user_id) == tries  # not even tried while blocked
    fake.blocked.discard(chat.user_id)
    await chat.send("/status")  # they're back
    user = await app.runtime.store.users.get(chat.user_id)
    assert user is not None and not user.paused
    report = await run(app, clock)
    assert (report.messages, report.nudges) == (1, 2)
    assert "2 things are waiting" in chat.last.text


async def test_retry_after_holds_everything_then_sends(
    apps: Apps, fake: FakeTelegram, clock: Clock
) -> None:
    app = await apps.start()
    sam, ana = Chat(app, fake), Chat(app, fake, user_id=2002, first_name="Ana")
    await debriefed(sam)
    await debriefed(ana)
    fake.fail("sendMessage", "retry_after", retry_after=30)
    clock.set(utc(2026, 11, 23, 16))
    report = await run(app, clock)
    assert report.held and report.messages == 0
    for user in (sam, ana):  # put back as they were: the attempt doesn't count
        assert all(r.attempts == 0 for r in await rows(app, user.user_id))
    calls = len(fake.method_calls("sendMessage"))
    clock.set(utc(2026, 11, 23, 16, 0, 29))
    assert (await run(app, clock)).messages == 0
    assert len(fake.method_calls("sendMessage")) == calls  # waited, didn't hammer
    clock.set(utc(2026, 11, 23, 16, 0, 30))
    report = await run(app, clock)
    assert report.messages == 2 and sorted(report.chats) == [sam.user_id, ana.user_id]


async def test_network_errors_retry_with_backoff_then_fail_with_the_error(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram, clock: Clock
) -> None:
    await debriefed(chat)
    fake.fail("sendMessage", "network", count=1)
    clock.set(utc(2026, 11, 23, 16))
    assert (await run(app, clock)).retried == 1
    (notes,) = [r for r in await rows(app, chat.user_id) if r.slot == "notes"]
    assert notes.state is State.PENDING and notes.due_at == utc(2026, 11, 23, 16, 1)
    assert notes.last_error and "network" in notes.last_error
    clock.set(utc(2026, 11, 23, 16, 1))
    assert (await run(app, clock)).nudges == 1

    fake.fail("sendMessage", "network", count=1000)
    clock.set(utc(2026, 11, 23, 17))
    for _ in range(MAX_ATTEMPTS + 2):
        await run(app, clock)
        (thanks,) = [r for r in await rows(app, chat.user_id) if r.slot == "thanks"]
        if thanks.state is not State.PENDING:
            break
        clock.set(thanks.due_at)
    assert thanks.state is State.FAILED and thanks.attempts == MAX_ATTEMPTS
    assert thanks.last_error and "NetworkError" in thanks.last_error
    assert clock.now - utc(2026, 11, 23, 17) > timedelta(hours=1)  # backed off, capped


async def test_claimed_but_unrecorded_nudges_are_sent_after_a_crash(
    apps: Apps, fake: FakeTelegram, clock: Clock
) -> None:
    app = await apps.start()
    chat = Chat(app, fake)
    await debriefed(chat)
    clock.set(utc(2026, 11, 23, 16))
    claimed = await dispatcher(app)._claim(clock.now)  # claimed, then the process dies
    assert [i.reminder.slot for g in claimed for i in g.items] == ["notes"]
    await apps.crash(app)
    before = len(fake.sent_to(chat.user_id))
    app = await apps.start()  # recovers: back to pending
    assert (await run(app, clock)).nudges == 1
    assert len(fake.sent_to(chat.user_id)) == before + 1


async def test_the_job_queue_wakes_the_dispatcher(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram, clock: Clock
) -> None:
    await debriefed(chat)
    clock.set(utc(2026, 11, 23, 16))
    before = len(fake.sent_to(chat.user_id))
    await app.start()  # the JobQueue runs; the dispatcher wakes for the overdue nudge now
    for _ in range(200):
        if len(fake.sent_to(chat.user_id)) > before:
            break
        await asyncio.sleep(0.01)
    assert chat.last.text.startswith("⏰ Notes")
    d = dispatcher(app)
    for _ in range(200):  # then it sleeps until the next one
        if d._job_due == utc(2026, 11, 23, 17):
            break
        await asyncio.sleep(0.01)
    assert d._job_due == utc(2026, 11, 23, 17)
    # A sooner nudge wakes it early; a later one leaves the wake-up as it is.
    d.wake(utc(2026, 11, 23, 16, 30))
    assert d._job_due == utc(2026, 11, 23, 16, 30)
    d.wake(utc(2026, 11, 23, 18))
    assert d._job_due == utc(2026, 11, 23, 16, 30)
    await app.stop()
