"""The pure nudge rules (bot/nudges.py), row by row against COACHING.md's timing table.

T is Monday 23 November 2026, 14:00 in London (UTC in winter), as in the other tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.rules import nudges
from bot.rules.coaching import Facts, Outcome, Step, StepState, plan
from bot.rules.nudges import Carrier, Quiet, Wanted
from tests.journeys import utc

LONDON = ZoneInfo("Europe/London")
T = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
QUIET = Quiet.of(LONDON, "21:00", "08:00")


def facts(**values: object) -> Facts:
    base: dict[str, object] = {"interview_id": 7, "held_at": T, "logged_at": T, "tz": LONDON}
    base.update(values)
    return Facts(**base)  # type: ignore[arg-type]


def wanted(f: Facts, now: datetime = T) -> dict[str, Wanted]:
    return {w.slot: w for w in nudges.for_interview(f, plan(f, now))}


def test_a_fresh_interview_wants_the_table_in_order() -> None:
    got = wanted(facts(states={Step.DEBRIEF: StepState.DONE, Step.REFLECT: StepState.DONE}))
    assert {slot: w.rule_at for slot, w in got.items()} == {
        "notes": T + timedelta(hours=2),  # 3. notes: T + 2 h
        "thanks": T + timedelta(hours=3),  # 4. thank-you nudge: T + 3 h
        "thanks_deadline": T + timedelta(hours=24),  # 4. its deadline: T + 24 h
        "referees": utc(2026, 11, 24, 14),  # 6. T + 1 business day
        "followup:1": utc(2026, 11, 30, 14),  # 7. no timeline: T + 5 business days
    }
    # Every nudge names its interview and step.
    assert all(w.interview_id == 7 for w in got.values())
    assert got["thanks_deadline"].step is Step.THANKS
    assert got["followup:1"].kind == "followup_no_timeline"


def test_row_0_prepare_the_evening_before_and_only_before() -> None:
    f = facts(held_at=T, logged_at=T - timedelta(days=3))
    before = wanted(f, now=T - timedelta(days=3))
    assert before["prepare"].rule_at == utc(2026, 11, 22, 18)  # T − 1 day, 18:00 local
    assert "prepare" not in wanted(f, now=T + timedelta(minutes=1))


def test_rows_1_2_debrief_at_once_reflection_with_it() -> None:
    got = wanted(facts())
    assert got["debrief"].rule_at == T
    assert "reflect" not in got  # comes with the debrief
    after = wanted(facts(states={Step.DEBRIEF: StepState.DONE}))
    assert after["reflect"].rule_at == T and "debrief" not in after


def test_row_4_no_thank_you_after_48_hours() -> None:
    f = facts()
    assert "thanks" in wanted(f, now=T + timedelta(hours=47))
    late = wanted(f, now=T + timedelta(hours=48))
    assert "thanks" not in late and "thanks_deadline" not in late


def test_row_5_social_comes_with_the_thank_you() -> None:
    assert "social" not in wanted(facts())
    got = wanted(facts(states={Step.THANKS: StepState.DONE}))
    assert got["social"].rule_at == T + timedelta(hours=3)
    assert "thanks" not in got and "thanks_deadline" not in got


def test_row_6_referees_at_once_without_permission() -> None:
    got = wanted(facts(has_referees=True, referee_without_permission=True))
    assert got["referees_permission"].rule_at == T and "referees" not in got


def test_row_6_business_days_skip_the_users_holidays() -> None:
    christmas_eve = utc(2026, 12, 24, 14)  # Thursday
    got = wanted(facts(held_at=christmas_eve, logged_at=christmas_eve, country="GB"))
    # Fri 25 Christmas, Sat, Sun, Mon 28 Boxing Day (substitute): Tuesday.
    assert got["referees"].rule_at == utc(2026, 12, 29, 14)
    assert wanted(facts(held_at=christmas_eve, logged_at=christmas_eve))["referees"].rule_at == utc(
        2026, 12, 25, 14
    )


def test_row_7_follow_ups_then_move_on() -> None:
    timeline = wanted(facts(reply_by=date(2026, 11, 27)))  # "by Friday"
    assert timeline["followup:1"].rule_at == utc(2026, 12, 1, 10)  # that date + 2 bd, 10:00
    assert timeline["followup:1"].kind == "followup_timeline"
    first = utc(2026, 12, 1, 10)
    second = wanted(facts(reply_by=date(2026, 11, 27), followups_sent=[first]))
    assert second["followup:2"].rule_at == utc(2026, 12, 8, 10)  # + 5 business days
    assert "followup:1" not in second
    two = [first, utc(2026, 12, 8, 10)]
    done = wanted(facts(reply_by=date(2026, 11, 27), followups_sent=two))
    assert not any(slot.startswith("followup") for slot in done)
    assert done["move_on"].rule_at == utc(2026, 12, 15, 10)
    assert done["move_on"].step is Step.OUTCOME


def test_row_8_outcome_asked_with_the_follow_up() -> None:
    assert "outcome" not in wanted(facts())
    got = wanted(facts(states={Step.FOLLOWUP: StepState.SKIPPED}))
    assert got["outcome"].rule_at == utc(2026, 11, 30, 14)  # when the follow-up is due


def test_row_9_keep_in_contact_per_outcome() -> None:
    told = utc(2026, 12, 2, 9)
    rejected = wanted(facts(outcome=Outcome.REJECTED, outcome_at=told))
    assert rejected["keep_contact_rejected"].rule_at == told + timedelta(hours=24)
    assert rejected["keep_in_touch"].rule_at == told + timedelta(days=91)
    assert not {"followup:1", "outcome"} & set(rejected)
    # Thanking them now doesn't cancel the hello in three months; skipping the step does.
    thanked = facts(
        outcome=Outcome.REJECTED, outcome_at=told, states={Step.KEEP_CONTACT: StepState.DONE}
    )
    assert set(wanted(thanked)) >= {"keep_in_touch"}
    assert "keep_contact_rejected" not in wanted(thanked)
    skipped = facts(
        outcome=Outcome.REJECTED, outcome_at=told, states={Step.KEEP_CONTACT: StepState.SKIPPED}
    )
    assert "keep_in_touch" not in wanted(skipped)
    offer = wanted(facts(outcome=Outcome.OFFER, outcome_at=told))
    assert offer["keep_contact_offer"].rule_at == told
    next_round = wanted(facts(outcome=Outcome.NEXT_ROUND, outcome_at=told))
    assert not any(w.step is Step.KEEP_CONTACT for w in next_round.values())


def test_row_10_keep_trying_weekly_one_per_user() -> None:
    older = Carrier(1, T + timedelta(days=7), T)
    newer = Carrier(2, T + timedelta(days=9), T + timedelta(days=2))
    first = nudges.keep_trying([newer, older], LONDON, None)
    assert first == Wanted(1, Step.KEEP_TRYING, "keep_trying", "keep_trying", utc(2026, 11, 30, 14))
    # Once sent (even late, at 08:00 after quiet hours), the next is a week on, same time.
    sent_at = utc(2026, 12, 1, 8)
    again = nudges.keep_trying([older], LONDON, sent_at)
    assert again is not None and again.rule_at == utc(2026, 12, 7, 14)
    assert nudges.keep_trying([], LONDON, None) is None
    # The rule itself: waiting interviews want it, finished ones don't.
    assert plan(facts(), T)[-1].is_open
    assert not plan(facts(outcome=Outcome.OFFER, outcome_at=T), T)[-1].is_open


def test_keep_trying_after_a_long_silence_is_the_next_one_not_a_burst() -> None:
    carrier = Carrier(1, T + timedelta(days=7), T)
    last = T + timedelta(days=7)
    back = T + timedelta(days=40)  # the bot was down for a month; the last went out then
    got = nudges.keep_trying([carrier], LONDON, back)
    assert got is not None and got.rule_at > back + timedelta(days=5)
    assert got.rule_at.astimezone(LONDON).time() == time(14, 0)
    assert nudges.keep_trying([carrier], LONDON, last) is not None


def test_keep_trying_keeps_local_time_across_dst() -> None:
    march = datetime(2026, 3, 23, 14, tzinfo=UTC)  # Monday, GMT
    carrier = Carrier(1, march, march - timedelta(days=7))
    after_change = nudges.keep_trying([carrier], LONDON, march)  # clocks go forward 29 Mar
    assert after_change is not None
    assert after_change.rule_at == datetime(2026, 3, 30, 13, tzinfo=UTC)  # 14:00 BST
    assert after_change.rule_at.astimezone(LONDON).time() == time(14, 0)


# --- quiet hours, DST, the grace for new nudges ----------------------------------------------
@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (utc(2026, 11, 23, 16), utc(2026, 11, 23, 16)),  # afternoon: as is
        (utc(2026, 11, 23, 20, 59), utc(2026, 11, 23, 20, 59)),  # just before quiet hours
        (utc(2026, 11, 23, 21), utc(2026, 11, 24, 8)),  # at the start: next morning
        (utc(2026, 11, 23, 23, 30), utc(2026, 11, 24, 8)),
        (utc(2026, 11, 24, 7, 59), utc(2026, 11, 24, 8)),  # after midnight: this morning
        (utc(2026, 11, 24, 8), utc(2026, 11, 24, 8)),
    ],
)
def test_quiet_hours_move_nudges_to_the_morning(rule: datetime, expected: datetime) -> None:
    assert nudges.due_time(rule, rule - timedelta(days=1), T, QUIET) == expected


def test_quiet_hours_in_the_users_zone_and_settings() -> None:
    toronto = Quiet.of(ZoneInfo("America/Toronto"), "22:00", "07:30")
    rule = utc(2026, 11, 24, 4)  # 23:00 in Toronto
    assert nudges.due_time(rule, rule, T, toronto) == utc(2026, 11, 24, 12, 30)  # 07:30 EST
    off = Quiet.of(LONDON, "00:00", "00:00")
    assert nudges.due_time(utc(2026, 11, 24, 3), T, T, off) == utc(2026, 11, 24, 3)


def test_quiet_hours_across_dst_changes() -> None:
    # Spring: a nudge due Saturday 23:00 GMT arrives Sunday 08:00 BST (07:00 UTC).
    spring = utc(2026, 3, 28, 23)
    assert nudges.due_time(spring, spring, spring, QUIET) == utc(2026, 3, 29, 7)
    # Autumn: Saturday 22:00 BST arrives Sunday 08:00 GMT (08:00 UTC).
    autumn = utc(2026, 10, 24, 21)
    assert nudges.due_time(autumn, autumn, autumn, QUIET) == utc(2026, 10, 25, 8)
    # Notes due two hours after an interview ending at 00:30 on the spring-forward night.
    late = Facts(interview_id=1, held_at=utc(2026, 3, 29, 0, 30), logged_at=spring, tz=LONDON)
    notes = wanted(late, now=utc(2026, 3, 29, 0, 30))["notes"]
    assert notes.rule_at == utc(2026, 3, 29, 2, 30)  # 03:30 BST: quiet
    assert nudges.due_time(notes.rule_at, spring, spring, QUIET) == utc(2026, 3, 29, 7)


def test_a_new_nudge_never_interrupts_and_overdue_ones_wait_for_morning() -> None:
    created = T
    floor = created + nudges.NEW_NUDGE_GRACE
    # Logged late: its time has passed, so it comes an hour after it was first wanted.
    assert nudges.due_time(T - timedelta(days=1), floor, T, QUIET) == floor
    # Overdue (the bot was down) and now is night: the morning, not now.
    night = utc(2026, 11, 23, 23)
    assert nudges.due_time(utc(2026, 11, 23, 18), T, night, QUIET) == utc(2026, 11, 24, 8)
    # Overdue in the day: due already, sent at once.
    long_ago = T - timedelta(days=1)
    assert nudges.due_time(utc(2026, 11, 23, 12), long_ago, T, QUIET) == utc(2026, 11, 23, 12)


def test_snooze_times() -> None:
    evening = utc(2026, 11, 23, 20, 30)
    assert nudges.snooze_hour(T, QUIET) == T + timedelta(hours=1)
    assert nudges.snooze_hour(evening, QUIET) == utc(2026, 11, 24, 8)  # not at 21:30
    assert nudges.next_morning(T, QUIET) == utc(2026, 11, 24, 8)
    assert nudges.next_morning(utc(2026, 11, 24, 2), QUIET) == utc(2026, 11, 24, 8)
    late_riser = Quiet.of(LONDON, "23:00", "09:30")
    assert nudges.next_morning(T, late_riser) == utc(2026, 11, 24, 9, 30)
    no_quiet = Quiet.of(LONDON, "00:00", "00:00")
    assert nudges.next_morning(T, no_quiet) == utc(2026, 11, 24, 8)
    days = nudges.snooze_days(T, QUIET)
    assert days[0] == date(2026, 11, 25) and len(days) == 6
    assert nudges.on_day(date(2026, 11, 26), QUIET) == utc(2026, 11, 26, 8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22:00-07:30", (time(22), time(7, 30))),
        ("22-7", (time(22), time(7))),
        (" 10pm to 7am ", (time(22), time(7))),
        ("21.00–08.00", (time(21), time(8))),
        ("23:30 until 6:15", (time(23, 30), time(6, 15))),
        ("off", (time(0), time(0))),
        ("25:00-07:00", None),
        ("13pm-7am", None),
        ("<b>&", None),
        ("sometime at night", None),
    ],
)
def test_parse_quiet_hours(text: str, expected: tuple[time, time] | None) -> None:
    assert nudges.parse_quiet_hours(text) == expected
