"""The people of tests/test_failover.py.

They walk through set-up and a debrief (tests/walkers.py) as in the crash test: an answer once
the last one was acknowledged, and again if the killed leader had taken it from Telegram
without committing it. The nudged users only receive; their messages are counted.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from typing import Any

from tests.fakeapi import FakeTelegram, Sent
from tests.walkers import Person, walk


class People:
    """The walkers (`count` of them, thinking `think` seconds, from-to, before each answer),
    the nudged users' inboxes (from `first_nudged` on), and the fake server's hook: `before`
    slows each nudge by `send_seconds`."""

    def __init__(
        self,
        fake: FakeTelegram,
        count: int,
        first_nudged: int,
        *,
        send_seconds: float,
        think: tuple[float, float],
        seed: int,
    ) -> None:
        self.fake, self.first_nudged, self.send_seconds = fake, first_nudged, send_seconds
        self.think = think
        self.rng = random.Random(seed)
        self.people = {p.uid: p for p in (Person(n, walk(n)) for n in range(count))}
        self.inbox = threading.Condition()
        self.nudges: Counter[int] = Counter()
        self.last_pushed = 0
        self.readies: list[tuple[set[int], int]] = []  # at each start: updates held, last sent
        fake.observers.append(self._observe)

    def _observe(self, method: str, params: dict[str, Any], sent: Sent | None) -> None:
        if method != "sendMessage" or sent is None:
            return
        with self.inbox:
            if sent.chat_id in self.people:
                self.people[sent.chat_id].inbox.append(sent)
            elif sent.chat_id >= self.first_nudged:
                self.nudges[sent.chat_id] += 1
            self.inbox.notify()

    def before(self, method: str, fields: dict[str, Any]) -> bool:
        if method == "deleteWebhook":  # a new leader starts polling: what does Telegram hold?
            with self.fake.lock:
                held = {int(u["update_id"]) for u in self.fake.updates}
                self.readies.append((held, self.last_pushed))
        elif method == "sendMessage" and int(fields.get("chat_id") or 0) >= self.first_nudged:
            time.sleep(self.send_seconds)
        return True

    @property
    def done(self) -> bool:
        return all(p.done for p in self.people.values())

    @property
    def progress(self) -> int:
        return sum(p.k for p in self.people.values())

    def push(self, person: Person) -> None:
        update = person.answer()
        with self.fake.lock:
            self.fake.push_update(update)
            self.last_pushed = person.waiting = int(update["update_id"])

    def tick(self) -> None:
        """Read what came, send again what a killed leader took, answer what was asked."""
        now = time.monotonic()
        with self.inbox:
            self.inbox.wait(0.01)
            for person in self.people.values():
                person.read_inbox(now, self.rng.uniform(*self.think))
        while self.readies:
            held, last = self.readies.pop(0)
            for person in self.people.values():
                waiting = person.waiting
                if waiting is not None and waiting <= last and waiting not in held:
                    person.resent += 1
                    self.push(person)
        for person in self.people.values():
            if not person.done and person.waiting is None and now >= person.due:
                self.push(person)
