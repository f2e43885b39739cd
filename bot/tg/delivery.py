"""Sending one user's claimed nudges as one message, and recording what came of it.

(One message unless it would pass Telegram's 4,096 characters: then it is split like every
other message, bot/tg/limits.py, the buttons under the last part.)

The dispatcher (bot/tg/dispatcher.py) claims the rows and calls `Delivery.send` for each user,
strictly one at a time. Telegram's answer decides what happens to the rows:

- sent: recorded at once (a crash repeats at most the message in flight);
- RetryAfter (flood control): nobody gets anything until it has passed (`hold_until`); the
  rows go back to pending without costing an attempt;
- Forbidden (the user blocked the bot): that user's nudges pause until they write again;
- network errors: retried with backoff, up to `MAX_ATTEMPTS`, then `failed`;
- anything else (Telegram refuses the message, a bug in rendering it): `failed`.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.rules.models import Interview, User
from bot.rules.nudges import KEEP_TRYING
from bot.storage import Store
from bot.storage.reminders import Reminder
from bot.storage.sync import sync_weekly
from bot.tg.limits import split_message
from bot.tg.runtime import Clock, Runtime

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # with the backoff below: about two hours of network trouble
FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    """How long to wait before trying again after `attempts` failed sends: doubling from a
    minute, capped at an hour."""
    return min(FIRST_BACKOFF * (1 << max(0, attempts - 1)), MAX_BACKOFF)


@dataclass(frozen=True)
class Item:
    """One claimed nudge with the interview it is about."""

    reminder: Reminder
    interview: Interview


@dataclass(frozen=True)
class Group:
    """One user's nudges claimed together: they go out as one message."""

    user: User
    items: list[Item]

    @property
    def ids(self) -> list[int]:
        """The claimed reminders' row ids."""
        return [i.reminder.id for i in self.items]


# (user, their due nudges, now) -> the message text (HTML) and its buttons
# Builds a user's nudge message; it may read the store (a checklist names the people).
Render = Callable[
    [Store, User, Sequence[Item], datetime], Awaitable[tuple[str, InlineKeyboardMarkup | None]]
]


@dataclass
class Report:
    """What one `run` did; for logs and tests."""

    messages: int = 0
    nudges: int = 0
    retried: int = 0
    failed: int = 0
    paused: int = 0
    held: bool = False  # stopped early: Telegram's flood control, or shutting down
    chats: list[int] = field(default_factory=list, repr=False)  # who got a message


class Delivery:
    """Sends a user's group of nudges through `bot` (so PTB's rate limiter, when configured,
    paces it) and records the outcome in the store; `wake(due)` is told when the next weekly
    nudge is due."""

    def __init__(
        self, bot: Bot, runtime: Runtime, render: Render, wake: Callable[[datetime], None]
    ) -> None:
        self.bot = bot
        self.runtime = runtime
        self.render = render
        self.wake = wake
        # Telegram's flood control: nothing is sent before this time (UTC), when set.
        self.hold_until: datetime | None = None

    @property
    def store(self) -> Store:
        """The runtime's store (opened by the application)."""
        return self.runtime.store

    async def send(self, group: Group, clock: Clock, report: Report) -> None:
        """Send `group` as one message and record the result (in the store and `report`);
        sets `report.held` when Telegram's flood control stops all sending for a while."""
        ids = group.ids
        try:
            text, markup = await self.render(self.store, group.user, group.items, clock())
            message = await self._send_message(group.user.chat_id, text, markup)
        except RetryAfter as exc:
            # Telegram's flood control: nobody gets anything until it has passed.
            self.hold_until = clock() + _retry_after(exc)
            await self.requeue(ids, None, str(exc), clock(), refund=True)
            report.held = True
        except Forbidden as exc:
            await self._pause(group, exc, clock(), report)
        except BadRequest as exc:  # Telegram refuses this message: trying again won't help
            await self._fail(ids, exc, clock(), report)
        except NetworkError as exc:
            await self._retry(group, exc, clock(), report)
        except TelegramError as exc:
            await self._fail(ids, exc, clock(), report)
        except Exception as exc:  # a bug in one message must not stop everyone else's
            log.exception("could not build or send nudges %s", ids)
            await self._fail(ids, exc, clock(), report)
        else:
            await self._sent(group, message, clock(), report)

    async def _send_message(
        self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> Message:
        """Send the nudges' message; over Telegram's limit (labels quoting long answers) it
        goes as several, the buttons under the last, which is returned (its id is kept)."""
        *first, last = split_message(text)
        for part in first:
            await self.bot.send_message(chat_id, part)
        return await self.bot.send_message(chat_id, last, reply_markup=markup)

    async def _sent(self, group: Group, message: Message, now: datetime, report: Report) -> None:
        weekly_due = None
        async with self.store.transaction() as tx:
            await tx.reminders.mark_sent(group.ids, message.message_id, now)
            if any(i.reminder.kind == KEEP_TRYING for i in group.items):
                weekly_due = await sync_weekly(tx, group.user, now)  # next week's
        if weekly_due is not None:
            self.wake(weekly_due)
        report.messages += 1
        report.nudges += len(group.ids)
        report.chats.append(group.user.chat_id)

    async def _pause(self, group: Group, exc: Forbidden, now: datetime, report: Report) -> None:
        async with self.store.transaction() as tx:
            await tx.users.update(group.user.id, paused=True)
            await tx.reminders.pause_user(group.user.id, str(exc), now)
        # Their next update resumes them (`user_returned`, before the dialogue's handler).
        report.paused += len(group.ids)

    async def _retry(self, group: Group, exc: NetworkError, now: datetime, report: Report) -> None:
        attempts = max(i.reminder.attempts for i in group.items)
        if attempts >= MAX_ATTEMPTS:
            await self._fail(group.ids, exc, now, report)
        else:
            await self.requeue(group.ids, now + backoff(attempts), str(exc), now)
            report.retried += len(group.ids)

    async def requeue(
        self,
        ids: Sequence[int],
        due: datetime | None,
        error: str | None,
        now: datetime,
        *,
        refund: bool = False,
    ) -> None:
        """Put claimed rows back to pending, due at `due` (None: as they were); `refund`
        gives back the attempt the claim counted."""
        async with self.store.single() as tx:
            await tx.reminders.requeue(ids, due, error, now, refund=refund)

    async def _fail(
        self, ids: Sequence[int], exc: Exception, now: datetime, report: Report
    ) -> None:
        log.warning("giving up on nudges %s: %s", ids, exc)
        async with self.store.single() as tx:
            await tx.reminders.fail(ids, f"{type(exc).__name__}: {exc}"[:500], now)
        report.failed += len(ids)


def _retry_after(exc: RetryAfter) -> timedelta:
    with warnings.catch_warnings():
        # PTB 22 warns that retry_after becomes a timedelta; accept either.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
