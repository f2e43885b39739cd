"""A seeded fuzzer: several users at once send what real users (and forgers) send, and after
every update the promises every update must keep are checked.

Shared by the suite (tests/test_fuzz.py, a few thousand updates) and the bench
(bench/fuzz.py, tens of thousands by hand). Everything runs through the real Application and
the fake Bot API; the clock (tests/conftest.py Clock) moves now and then, and the nudges due
are sent. The promises, per update:

- no error is logged (an exception reached the error handler or the dialogue's report), and no
  apology (bot.texts.common.ERROR) is sent;
- a private message gets at least one reply; a press gets exactly one answerCallbackQuery;
- nothing Telegram would refuse (the fake checks HTML, 4,096-character texts, 1,024-character
  captions, 64-byte button data);
- an edited message gets one reply (EDITED); a group chat at most one (PRIVATE_ONLY).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update

from bot.app import AfterviewApplication
from bot.texts import common as tc
from bot.tg.limits import MAX_CAPTION, MAX_MESSAGE
from tests import updates
from tests.conftest import Clock
from tests.fakeapi import FakeTelegram, Sent, check_html
from tests.fuzztext import (
    COMMANDS,
    FITTING,
    TYPICAL,
    forged_data,
    long_answer,
    other_bot_command,
    random_text,
)
from tests.journeys import run

FIRST_USER = 3001
GROUP_CHAT = -100500
# A phone shows about this much of a button: longer labels come from user text not shortened.
LABEL_MAX = 64
NAMES = ("Sam", "Ana", "Jo", "Mei", "Ade", "Lou")
PRIVATE_ONLY = check_html(tc.PRIVATE_ONLY)  # as the group sees it

# What the fuzzer does next, and how often (relative weights).
WEIGHTS = {
    "press": 34,
    "typical": 22,
    "command": 12,
    "random_text": 10,
    "forged": 6,
    "media": 3,
    "edited": 3,
    "group": 3,
    "other_bot": 2,
    "stranger_press": 2,
    "clock": 3,
}


@dataclass
class Tally:
    """Faults found so far, by kind (all must stay 0), with the first few described."""

    updates: int = 0
    errors: int = 0  # exceptions logged at ERROR (the error handler, the dialogue's report)
    apologies: int = 0  # the "something went wrong" text sent
    unanswered_messages: int = 0  # private messages left without a reply
    unanswered_presses: int = 0  # presses never answered
    answered_twice: int = 0  # presses answered more than once
    too_long: int = 0  # messages or captions Telegram would refuse as too long
    refused: int = 0  # anything else Telegram would refuse (HTML, button data...)
    guard_replies: int = 0  # an edit not answered once, a group answered more than once
    long_labels: int = 0  # button labels over LABEL_MAX characters (user text not shortened)
    notes: list[str] = field(default_factory=list)

    KINDS = (
        "errors",
        "apologies",
        "unanswered_messages",
        "unanswered_presses",
        "answered_twice",
        "too_long",
        "refused",
        "guard_replies",
        "long_labels",
    )

    def add(self, kind: str, note: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.notes) < 20:
            self.notes.append(f"{kind}: {note}")

    @property
    def faults(self) -> int:
        return sum(getattr(self, kind) for kind in self.KINDS)


class ErrorRecords(logging.Handler):
    """Keeps every log record at ERROR or above (installed on the root logger)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Action:
    """One thing a user did: what it was (for the notes) and the update, if any."""

    kind: str
    user_id: int
    update: dict[str, Any] | None
    shown: str = ""


class Fuzzer:
    """Sends seeded random updates for `users` users through `app` and checks each one."""

    def __init__(
        self,
        app: AfterviewApplication,
        fake: FakeTelegram,
        clock: Clock,
        seed: int,
        users: int = 5,
    ) -> None:
        self.app, self.fake, self.clock, self.seed = app, fake, clock, seed
        self.rng = random.Random(seed)
        self.users = [FIRST_USER + i for i in range(users)]
        # Each user's newest message ids: those with buttons, and all of them.
        self.buttons: dict[int, list[int]] = {uid: [] for uid in self.users}
        self.messages: dict[int, list[int]] = {uid: [] for uid in self.users}
        self.seen_data: list[str] = []
        self.tally = Tally()
        self.pending: dict[int, str | None] = {}  # each user's question pending (its state)
        self.states: set[str] = set()  # every state found pending after an update
        self.group_replies = 0
        self._choices: list[Callable[[int], Action | None]] = [
            getattr(self, f"_{kind}") for kind in WEIGHTS
        ]

    async def run(self, count: int, stop_on_fault: bool = False) -> Tally:
        """Send `count` updates (clock moves count too); returns the tally."""
        errors = ErrorRecords()
        logging.getLogger().addHandler(errors)
        try:
            for _ in range(count):
                await self.step(errors)
                if stop_on_fault and self.tally.faults:
                    break
        finally:
            logging.getLogger().removeHandler(errors)
        return self.tally

    async def step(self, errors: ErrorRecords) -> None:
        """One random action, then the checks."""
        action = None
        while action is None:
            user_id = self.rng.choice(self.users)
            action = self.rng.choices(self._choices, weights=self._weights(user_id))[0](user_id)
        self.tally.updates += 1
        marks = (len(self.fake.outbox), len(self.fake.calls), len(self.fake.unexpected))
        logged = len(errors.records)
        if action.update is None:
            await run(self.app, self.clock)
        else:
            await self.app.process_update(Update.de_json(action.update, self.app.bot))
        note = f"seed {self.seed}, update {self.tally.updates}, {action.kind} {action.shown!r}"
        self._check(action, marks, errors.records[logged:], note)
        self._remember(marks[0])
        pending = await self.app.runtime.store.conversations.get(action.user_id)
        self.pending[action.user_id] = pending.state
        if pending.state is not None:
            self.states.add(pending.state)

    def _weights(self, user_id: int) -> list[int]:
        """WEIGHTS, but a user asked a question that takes text mostly answers it."""
        weights = dict(WEIGHTS)
        if self.pending.get(user_id) in FITTING:
            weights["typical"] = WEIGHTS["press"] + WEIGHTS["typical"]
        return list(weights.values())

    # --- the checks -----------------------------------------------------------------------
    def _check(
        self,
        action: Action,
        marks: tuple[int, int, int],
        records: list[logging.LogRecord],
        note: str,
    ) -> None:
        sent = self.fake.outbox[marks[0] :]
        calls = self.fake.calls[marks[1] :]
        for record in records:
            self.tally.add("errors", f"{note}: {record.getMessage()} {_exception(record)}")
        for problem in self.fake.unexpected[marks[2] :]:
            kind = "too_long" if "too long" in problem else "refused"
            self.tally.add(kind, f"{note}: {problem}")
        if any(s.text == tc.ERROR for s in sent):
            self.tally.add("apologies", note)
        for s in sent:  # (the fake refuses these too: in case it ever stops checking)
            if len(s.text) > (MAX_CAPTION if s.document else MAX_MESSAGE):
                self.tally.add("too_long", f"{note}: {len(s.text)} characters")
        for label in {label for s in sent for label in s.labels if len(label) > LABEL_MAX}:
            self.tally.add("long_labels", f"{note}: {label[:80]!r}… ({len(label)} characters)")
        if action.update is not None:
            self._check_replies(action, action.update, sent, calls, note)

    def _check_replies(
        self,
        action: Action,
        update: dict[str, Any],
        sent: list[Sent],
        calls: list[tuple[str, dict[str, Any]]],
        note: str,
    ) -> None:
        mine = [s for s in sent if s.chat_id == action.user_id]
        group = [s for s in sent if s.chat_id == GROUP_CHAT]
        self.group_replies += len(group)
        if self.group_replies > 1 or any(s.text != PRIVATE_ONLY for s in group):
            self.tally.add("guard_replies", f"{note}: {[s.text[:80] for s in group]}")
        if "callback_query" in update:
            query_id = update["callback_query"]["id"]
            answers = [
                p
                for name, p in calls
                if name == "answerCallbackQuery" and str(p.get("callback_query_id")) == query_id
            ]
            if not answers:
                self.tally.add("unanswered_presses", note)
            elif len(answers) > 1:
                self.tally.add("answered_twice", note)
        elif "edited_message" in update:
            if [s.text for s in mine] != [tc.EDITED]:
                self.tally.add("guard_replies", f"{note}: {[s.text[:80] for s in mine]}")
        elif update["message"]["chat"]["type"] == "private" and not mine:
            self.tally.add("unanswered_messages", note)

    def _remember(self, since: int) -> None:
        """Note the messages with buttons sent since `since` (each user's, and their data)."""
        for sent in self.fake.outbox[since:]:
            if sent.chat_id not in self.buttons:
                continue
            _keep(self.messages[sent.chat_id], sent.message_id)
            if sent.buttons:
                _keep(self.buttons[sent.chat_id], sent.message_id)
                for row in sent.buttons:
                    self.seen_data.extend(data for _, data in row if data)
        del self.seen_data[:-500]

    # --- the actions ----------------------------------------------------------------------
    def _message(self, kind: str, user_id: int, text: str | None, **extra: Any) -> Action:
        name = NAMES[(user_id - FIRST_USER) % len(NAMES)]
        update = updates.message(user_id, text, first_name=name, **extra)
        return Action(kind, user_id, update, (text or "")[:120])

    def _press_on(self, kind: str, user_id: int, owner: int) -> Action | None:
        ids = self.buttons[owner]
        if not ids:
            return None
        # Mostly the newest keyboard, like a person; sometimes an older one (stale).
        message_id = ids[-1] if self.rng.random() < 0.7 else self.rng.choice(ids)
        sent = self.fake.messages.get((owner, message_id))
        if sent is None or not sent.buttons:
            return None
        label, data = self.rng.choice([b for row in sent.buttons for b in row])
        update = updates.callback(user_id, data, sent)
        return Action(kind, user_id, update, f"{label} [{data}]")

    def _press(self, user_id: int) -> Action | None:
        return self._press_on("press", user_id, user_id)

    def _stranger_press(self, user_id: int) -> Action | None:
        return self._press_on("stranger_press", user_id, self.rng.choice(self.users))

    def _typical(self, user_id: int) -> Action:
        fitting = FITTING.get(self.pending.get(user_id) or "")
        # A long answer: is it refused, or stored and quoted whole later? The first user
        # writes at length, so that some of their interviews have long labels.
        if fitting and self.rng.random() < (0.5 if user_id == self.users[0] else 0.05):
            return self._message("typical", user_id, long_answer(self.rng))
        if fitting and self.rng.random() < 0.8:
            return self._message("typical", user_id, self.rng.choice(fitting))
        return self._message("typical", user_id, self.rng.choice(TYPICAL))

    def _command(self, user_id: int) -> Action:
        return self._message("command", user_id, self.rng.choice(COMMANDS))

    def _other_bot(self, user_id: int) -> Action:
        return self._message("other_bot", user_id, other_bot_command(self.rng))

    def _random_text(self, user_id: int) -> Action:
        return self._message("random_text", user_id, random_text(self.rng))

    def _media(self, user_id: int) -> Action:
        media = self.rng.choice(("sticker", "photo"))
        return self._message("media", user_id, None, **{media: True})

    def _edited(self, user_id: int) -> Action:
        text = self.rng.choice((*TYPICAL, random_text(self.rng)))
        return self._message("edited", user_id, text, edited=True)

    def _group(self, user_id: int) -> Action:
        """A message in a group chat the bot is in, or a press on a message there."""
        if self.rng.random() < 0.3:
            data = self.rng.choice(self.seen_data or ["next:show"])
            there = Sent(GROUP_CHAT, 1, "Hello", "Hello")
            update = updates.callback(user_id, data, there, chat_type="group")
            return Action("group", user_id, update, data)
        text = self.rng.choice((*TYPICAL, *COMMANDS))
        return self._message("group", user_id, text, chat_id=GROUP_CHAT, chat_type="group")

    def _forged(self, user_id: int) -> Action | None:
        """Data nobody sent, on a message of the user's chat (a press always comes from one)."""
        if not self.messages[user_id]:
            return None
        sent = self.fake.messages[(user_id, self.rng.choice(self.messages[user_id]))]
        data = forged_data(self.rng, self.seen_data)
        return Action("forged", user_id, updates.callback(user_id, data, sent), data)

    def _clock(self, user_id: int) -> Action:
        unit = self.rng.choice(("minutes", "hours", "days"))
        amount = self.rng.randint(1, {"minutes": 180, "hours": 30, "days": 4}[unit])
        self.clock.advance(**{unit: amount})
        return Action("clock", user_id, None, f"+{amount} {unit}")


def _keep(ids: list[int], message_id: int, most: int = 30) -> None:
    """Add a message id to a user's newest ones (at most `most`)."""
    if message_id not in ids:
        ids.append(message_id)
        del ids[:-most]


def _exception(record: logging.LogRecord) -> str:
    if record.exc_info and record.exc_info[1] is not None:
        return f"{type(record.exc_info[1]).__name__}: {record.exc_info[1]}"
    return ""
