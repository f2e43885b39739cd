"""What the user sees and presses: a nudge's buttons, /reminders, and quiet hours in /settings.

T is Monday 23 November 2026, 14:00 in London (UTC in winter).
"""

from __future__ import annotations

from bot.app import AfterviewApplication
from bot.rules.coaching import Step, StepState
from bot.storage.reminders import State
from bot.texts import common as tc
from tests.chat import Chat
from tests.conftest import Clock
from tests.fakeapi import FakeTelegram
from tests.journeys import debriefed, nudged, pending, press_on_last, rows, run, utc


async def test_snooze_an_hour_tomorrow_or_a_day_then_done(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    interview = await debriefed(chat, role="Analyst")
    rid = await nudged(chat, app, clock)
    r = await chat.press("1 hour")
    assert r[-1].text.endswith("→ Snoozed until today 17:00") and r[-1].buttons == []
    assert (await pending(app, chat.user_id))["notes"] == utc(2026, 11, 23, 17)
    clock.set(utc(2026, 11, 23, 16, 59))
    assert (await run(app, clock)).messages == 0
    clock.set(utc(2026, 11, 23, 17))
    await run(app, clock)  # the notes again, with the thank-you: a summary
    await chat.press("Notes · Analyst at Acme")
    r = await chat.press("Tomorrow morning")
    assert r[-1].text.endswith("→ Snoozed until tomorrow 08:00")
    assert (await pending(app, chat.user_id))["notes"] == utc(2026, 11, 24, 8)
    await chat.press("Thank-you notes · Analyst at Acme")
    r = await chat.press("Pick a day…")
    assert r == [] and chat.last.labels == [
        "Wed 25",
        "Thu 26",
        "Fri 27",
        "Sat 28",
        "Sun 29",
        "Mon 30",
        "‹ Back",
    ]
    await chat.press("‹ Back")
    assert "Tomorrow morning" in chat.last.labels
    await chat.press("Pick a day…")
    r = await chat.press("Thu 26")
    assert r[-1].text.endswith("→ Snoozed until Thu 26 Nov 08:00")
    assert (await pending(app, chat.user_id))["thanks"] == utc(2026, 11, 26, 8)

    clock.set(utc(2026, 11, 24, 8))
    await run(app, clock)
    assert chat.last.text.startswith("⏰ Notes")
    r = await chat.press("Done ✓")
    assert r[0].text.endswith("→ Done")
    assert "Notes done for Analyst at Acme" in chat.texts(r)
    steps = await app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.NOTES] is StepState.DONE
    states = {x.id: x.state for x in await rows(app, chat.user_id)}
    assert states[rid] is State.ACKNOWLEDGED


async def test_skip_this_step_and_a_forged_snooze(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    interview = await debriefed(chat)
    rid = await nudged(chat, app, clock)
    for data in (f"nudge:snooze:{rid}:2030-01-01", f"nudge:snooze:{rid}:x", f"nudge:zap:{rid}"):
        r = await press_on_last(chat, data)
        assert tc.STALE_BUTTON in chat.texts(r)
    assert "notes" not in await pending(app, chat.user_id)  # nothing changed
    r = await chat.press("Skip this step")
    assert r[0].text.endswith("→ Skipped") and "skipped" in chat.texts(r)
    steps = await app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.NOTES] is StepState.SKIPPED


async def test_buttons_of_someone_elses_or_unknown_nudges_are_refused(
    app: AfterviewApplication, fake: FakeTelegram, clock: Clock
) -> None:
    sam, eve = Chat(app, fake), Chat(app, fake, user_id=6666, first_name="Eve")
    await debriefed(sam)
    rid = await nudged(sam, app, clock)
    await eve.send("/start")
    for data in (f"nudge:done:{rid}", "nudge:done:99999", "nudge:done", "reminders:all:maybe"):
        r = await eve.press_data(data)
        assert tc.STALE_BUTTON in eve.texts(r)
    states = {x.id: x.state for x in await rows(app, sam.user_id)}
    assert states[rid] is State.SENT


async def test_open_starts_the_step_and_marks_the_nudge(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    await debriefed(chat)
    rid = await nudged(chat, app, clock)
    r = await chat.press("▶️ Notes")
    assert r[0].text.endswith("→ Opened")
    assert tc.STALE_BUTTON not in chat.texts(r) and len(r) >= 2  # the notes step replied
    states = {x.id: x.state for x in await rows(app, chat.user_id)}
    assert states[rid] is State.ACKNOWLEDGED


async def test_done_on_a_follow_up_records_it_and_times_the_second(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    interview = await debriefed(chat, role="Analyst")
    clock.set(utc(2026, 12, 1, 10))  # everything overdue at once: one summary
    await run(app, clock)
    assert "Thank-you notes" not in chat.last.text  # moot after 48 hours
    await chat.press("Follow up · Analyst at Acme")
    await chat.press("Done ✓")
    store = app.runtime.store
    assert await store.interviews.followups(interview.id) == [clock.now]
    assert (await pending(app, chat.user_id))["followup:2"] == utc(2026, 12, 8, 10)


async def test_weekly_keep_trying_is_one_per_user(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    first = await debriefed(chat, role="Analyst")
    clock.set(utc(2026, 11, 24, 14))
    await run(app, clock)  # what was due until now
    clock.set(utc(2026, 11, 25, 10))
    await debriefed(chat, company="Beta", first=False)  # a second interview, also waiting
    weekly = [r for r in await rows(app, chat.user_id) if r.slot == "keep_trying"]
    live = [(r.interview_id, r.due_at) for r in weekly if r.state is State.PENDING]
    assert live == [(first.id, utc(2026, 11, 30, 14))]  # the longest wait carries it
    clock.set(utc(2026, 11, 26, 14))
    await run(app, clock)
    clock.set(utc(2026, 11, 30, 14))
    await run(app, clock)
    nudge = chat.last
    assert nudge.text.startswith("⏰ Keep applying · Analyst at Acme")
    assert "keep putting yourself out there" in nudge.text and "/reminders" in nudge.text
    assert "Skip this week" in nudge.labels
    r = await chat.press("Done ✓")
    assert "next week" in chat.texts(r)
    weekly = [r for r in await rows(app, chat.user_id) if r.slot == "keep_trying"]
    assert [r.state for r in weekly if r.state is not State.CANCELLED] == [
        State.ACKNOWLEDGED,
        State.PENDING,
    ]
    assert weekly[-1].due_at == utc(2026, 12, 7, 14)


async def test_reminders_lists_and_turns_off_and_on(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    await debriefed(chat, company="A&B <Ltd>", role="Analyst")
    r = await chat.send("/reminders")
    text = chat.texts(r)
    assert "today 16:00 · Notes · Analyst at A&B <Ltd>" in text
    assert "tomorrow 14:00 · Brief your referees" in text
    assert "Tue 1 Dec 10:00 · Follow up" in text
    assert "Reminders: on · Weekly “keep applying”: on" in text
    assert "Quiet hours: 21:00–08:00" in text
    r = await chat.press("🔕 Turn all off")
    assert "Reminders are off" in r[-1].text and "🔔 Turn all on" in r[-1].labels
    assert await pending(app, chat.user_id) == {}
    clock.set(utc(2026, 11, 23, 16))
    assert (await run(app, clock)).messages == 0
    r = await chat.press("🔔 Turn all on")
    due = await pending(app, chat.user_id)
    assert due["notes"] == utc(2026, 11, 23, 17)  # overdue: an hour after turning on
    assert "keep_trying" in due
    r = await chat.press("Weekly nudges off")
    assert "Weekly “keep applying”: off" in r[-1].text
    due = await pending(app, chat.user_id)
    assert "keep_trying" not in due and "notes" in due
    await chat.press("Weekly nudges on")
    assert "keep_trying" in await pending(app, chat.user_id)


async def test_quiet_hours_in_settings_move_pending_nudges(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    clock.set(utc(2026, 11, 23, 19, 30))
    await debriefed(chat)
    due = await pending(app, chat.user_id)
    assert due["notes"] == due["thanks"] == utc(2026, 11, 24, 8)
    r = await chat.send("/settings")
    assert "Quiet hours: 21:00–08:00" in chat.texts(r)
    await chat.press("Quiet hours")
    r = await chat.send("<b>&")
    assert "couldn't read “<b>&”" in chat.texts(r)
    r = await chat.send("22:00-07:30")
    assert "Quiet hours: 22:00–07:30" in chat.texts(r)
    due = await pending(app, chat.user_id)
    assert due["notes"] == utc(2026, 11, 23, 21, 30)
    assert due["thanks"] == utc(2026, 11, 24, 7, 30)
    await chat.press("Quiet hours")
    r = await chat.press("No quiet hours")
    assert "Quiet hours: off" in chat.texts(r)
    assert (await pending(app, chat.user_id))["thanks"] == utc(2026, 11, 23, 22, 30)
    user = await app.runtime.store.users.get(chat.user_id)
    assert user is not None and (user.quiet_start, user.quiet_end) == ("00:00", "00:00")


async def test_done_on_a_debrief_nudge_asks_for_the_answers(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    for step in ("/start", "🇬🇧 London", "🇬🇧 UK", "/debrief", "Acme", "Analyst", "Just now"):
        await (
            chat.send(step)
            if step.startswith("/") or step in ("Acme", "Analyst")
            else chat.press(step)
        )
    await chat.send("/cancel")  # the debrief is left half done: its nudge will come
    (interview,) = await app.runtime.store.interviews.active(chat.user_id)
    await nudged(chat, app, clock, slot="debrief")
    replies = await chat.press("Done ✓")
    assert "Tell me now" in chat.last.labels and "Tell me how it went" in chat.texts(replies)
    steps = await app.runtime.store.interviews.steps(interview.id)
    assert Step.DEBRIEF not in steps  # Done can't stand in for the debrief's answers
    replies = await chat.press("Tell me now")
    assert "carry on" in chat.texts(replies).lower() or "?" in chat.texts(replies)


async def test_snooze_on_an_old_copy_of_a_done_nudge_is_expired(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    await debriefed(chat)
    rid = await nudged(chat, app, clock)
    await chat.press("Done ✓")
    replies = await chat.press("1 hour")  # the nudge's original buttons, pressed again
    assert "expired" in chat.texts(replies)
    states = {x.id: x.state for x in await rows(app, chat.user_id)}
    assert states[rid] is State.ACKNOWLEDGED


async def test_forged_nudge_buttons_get_the_expired_reply(
    chat: Chat, app: AfterviewApplication, clock: Clock
) -> None:
    await debriefed(chat)
    rid = await nudged(chat, app, clock)
    forged = (
        "nudge:done:²",  # a digit to str.isdigit(), not to int()
        "nudge:skip:99999999999999999999",  # beyond SQLite's integers
        "nudge:show:0",
        f"nudge:done:{rid}:x",
        "nudge:snooze:²:hour",
        f"nudge:snooze:{rid}:2026-13-45",
        f"nudge:snooze:{rid}:hour:x",
        "nudge:pick:99999999999999999999",
        f"nudge:back:{rid}²",
        "reminders:all:on:x",
        "reminders:²:on",
    )
    for data in forged:
        r = await press_on_last(chat, data)
        assert tc.STALE_BUTTON in chat.texts(r) and tc.ERROR not in chat.texts(r), data
    states = {x.id: x.state for x in await rows(app, chat.user_id)}
    assert states[rid] is State.SENT
    user = await app.runtime.store.users.get(chat.user_id)
    assert user is not None and user.reminders_on
