"""A nudge as the user sees it: one nudge with its buttons, or a summary of several.

The dispatcher (bot/tg/dispatcher.py) builds every nudge message with `render`. Button data:
"nudge:<action>:<reminder id>" (done, skip, pick, back, show) and
"nudge:snooze:<reminder id>:<hour|morning|YYYY-MM-DD>"; conversations/reminders.py handles
them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.rules import nudges
from bot.rules.lateness import Lateness, is_late, lateness_of
from bot.rules.models import Interview, User
from bot.rules.timing import local_text, zone
from bot.storage import Store
from bot.storage.reminders import Reminder
from bot.texts import common as tc
from bot.texts import nudges as t
from bot.texts import prepare as tp
from bot.tg import keyboards as kb
from bot.tg.delivery import Item
from conversations.general_next import open_data
from conversations.prepare import checklist_from, when_text, where_text

NS = "nudge"
SUMMARY_MAX = 8  # lines and buttons in one summary; the rest are one /status away
LABEL_MAX = 28  # interview label inside a button


async def render(
    store: Store, user: User, items: Sequence[Item], now: datetime
) -> tuple[str, InlineKeyboardMarkup]:
    """The message for a user's due nudges (the dispatcher's `Render`): the nudge itself when
    there is one, else a summary whose buttons show each. `now` is aware (UTC)."""
    if len(items) == 1:
        return await single_from(store, items[0].reminder, items[0].interview, user, now)
    return summary(user, items, now)


async def single_from(
    store: Store, reminder: Reminder, interview: Interview, user: User, now: datetime
) -> tuple[str, InlineKeyboardMarkup]:
    """`single`, with what only the store knows: the evening-before nudge shows the same
    checklist as /next (who you'll meet, the test to revise for, whose permission is due)."""
    why = None
    if reminder.kind == "prepare":  # the coaching reason of step 0 (bot/rules/coaching.py)
        why = await checklist_from(store, user, interview, now)
    return single(reminder, interview, user, now, why=why)


def step_name(reminder: Reminder) -> str:
    """The nudge's step as the user reads it, with its qualifier ("Follow-up (second)")."""
    name = tc.STEP_NAMES[reminder.step]
    qualifier = t.QUALIFIER.get(reminder.kind)
    return t.STEP_QUALIFIED.format(step=name, qualifier=qualifier) if qualifier else name


def _why(reminder: Reminder, interview: Interview, tz: ZoneInfo, now: datetime) -> str:
    company = tc.esc(interview.company) if interview.company else t.THE_COMPANY
    when = when_text(interview, tz, now)
    where = where_text(interview)
    return t.WHY.get(reminder.kind, "").format(company=company, when=when, where=where)


def _late(reminder: Reminder, now: datetime) -> Lateness:
    # Measured from the step's time (rule_at); "from the start" when the nudge was made late.
    return lateness_of(reminder.rule_at, reminder.kind, now, reminder.created_at)


def single(
    reminder: Reminder, interview: Interview, user: User, now: datetime, why: str | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """One nudge: what, for which interview, why now (or, overdue, what to do now); with its
    buttons. Times in the user's zone; `now` is aware. `why`: the words read from the store,
    in place of the kind's own (HTML)."""
    tz = zone(user.tz)
    values = {
        "step": step_name(reminder),
        "label": tc.esc(interview.label),
        "why": why or _why(reminder, interview, tz, now),
        "due": local_text(reminder.rule_at, tz, now),
        "now": tp.DO_NOW.get(reminder.kind, tp.DO_NOW_DEFAULT),
    }
    late = _late(reminder, now)
    if late is Lateness.OVERDUE:
        text = tp.NUDGE_OVERDUE.format(**values)
    elif late is Lateness.OVERDUE_FROM_START:
        text = tp.NUDGE_OVERDUE_FROM_START.format(**values)
    else:
        text = t.NUDGE.format(**values)
    if reminder.kind == nudges.KEEP_TRYING:
        text += "\n" + t.NUDGE_WEEKLY_FOOTER
    return text, nudge_buttons(reminder)


def nudge_buttons(reminder: Reminder) -> InlineKeyboardMarkup:
    """Open, Done, Skip, and the snoozes (1 hour, tomorrow morning, pick a day)."""
    rid = reminder.id
    skip = t.BTN_SKIP_WEEK if reminder.kind == nudges.KEEP_TRYING else t.BTN_SKIP
    step = tc.STEP_NAMES[reminder.step]
    return kb.keyboard(
        [
            [(t.BTN_OPEN.format(step=step), open_data(reminder.step, reminder.interview_id))],
            [(t.BTN_DONE, kb.data(NS, "done", rid)), (skip, kb.data(NS, "skip", rid))],
            [
                (t.BTN_SNOOZE_HOUR, kb.data(NS, "snooze", rid, "hour")),
                (t.BTN_SNOOZE_MORNING, kb.data(NS, "snooze", rid, "morning")),
                (t.BTN_SNOOZE_PICK, kb.data(NS, "pick", rid)),
            ],
        ]
    )


def _short(label: str) -> str:
    return kb.shorten(label, LABEL_MAX)


def summary(user: User, items: Sequence[Item], now: datetime) -> tuple[str, InlineKeyboardMarkup]:
    """Several nudges due at once: one line each (due times in the user's zone) and a button
    that shows each in full; at most `SUMMARY_MAX`."""
    tz = zone(user.tz)
    lines = [t.SUMMARY_HEADER.format(count=len(items))]
    buttons = []
    for item in items[:SUMMARY_MAX]:
        step = step_name(item.reminder)
        late = is_late(_late(item.reminder, now))
        line = tp.SUMMARY_OVERDUE if late else t.SUMMARY_LINE
        due = local_text(item.reminder.due_at, tz, now)
        lines.append(line.format(step=step, label=tc.esc(item.interview.label), due=due))
        label = t.SUMMARY_BUTTON.format(step=step, label=_short(item.interview.label))
        buttons.append((label, kb.data(NS, "show", item.reminder.id)))
    if len(items) > SUMMARY_MAX:
        lines.append(t.SUMMARY_MORE.format(count=len(items) - SUMMARY_MAX))
    lines.append(t.SUMMARY_FOOTER)
    return "\n".join(lines), kb.column(buttons)


def pick_day_buttons(reminder: Reminder, days: Sequence[date]) -> InlineKeyboardMarkup:
    """The days a nudge can be snoozed to, three a row, and Back to its buttons."""
    buttons = [
        (f"{d.strftime('%a')} {d.day}", kb.data(NS, "snooze", reminder.id, d.isoformat()))
        for d in days
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    return kb.keyboard([*rows, [(t.BTN_BACK, kb.data(NS, "back", reminder.id))]])
