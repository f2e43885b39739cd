"""The bot as a process, killed with SIGKILL ten times while 30 people walk through set-up and
a debrief, and started again each time: no answer a person saw acknowledged is lost or stored
under another question, every conversation resumes, no re-sent answer opens a second interview.

The people behave like people. Each sends an answer only once the bot's reply to the last one
(the next question) has arrived, after a moment's thought. When the bot dies, they wait; once
it is back and has sent what a crash kept from going out (the durable outbox goes out during
start-up, before polling: the fake server sees `deleteWebhook` then), they go on from the last
question they saw, and send an answer again if no reply to it came and Telegram no longer holds
it (a killed process had taken it: nobody will ever answer it). An answer Telegram still holds
is not sent again: the new process will answer it, and were it sent twice, no bot could tell
the second from the answer to the next question.

The kills (seeded order, at seeded numbers of acknowledged answers): as the bot sends a reply,
right after it committed the answer (the fake drops the request: the reply never arrives);
right after a reply reached the person, before the bot hears back (it is sent again at
start-up); as the bot takes a batch of updates, or a few milliseconds after, with Telegram
forgetting them as it does once a webhook has answered (what the bot had not committed is
lost, and sent again); and at a random moment.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.conftest import TOKEN, database_env, make_settings, read_db
from tests.fakeapi import FakeTelegram, Sent
from tests.fakeserver import FakeBotServer
from tests.process import bot_env, kill_bot, start_bot, stop_bot, wait_for
from tests.walkers import Person, walk, wrong_answers

SEED = 20261123
USERS = 30
KILLS = ["before-reply"] * 3 + ["after-reply"] * 2 + ["taken"] * 3 + ["timer"] * 2
DEADLINE = 120.0  # seconds for the whole walk, ten restarts included (about 16 s when quiet)
STALL = 15.0  # seconds without anyone getting further: someone is stuck
# On PostgreSQL each start waits for the leader's lock and its grace (bot/storage/leader.py).
LEADER_START = 3.0


class Crashes:
    """The bot process, the people, and the kills."""

    def __init__(self, fake: FakeTelegram, server: FakeBotServer, env: dict[str, str]) -> None:
        self.fake, self.env = fake, env
        self.rng, self.kill_rng = random.Random(SEED), random.Random(SEED + 1)
        self.people = {p.uid: p for p in (Person(n, walk(n)) for n in range(USERS))}
        self.plan = self.rng.sample(KILLS, len(KILLS))
        total = USERS * len(walk(0))
        self.thresholds = sorted(int(self.rng.uniform(0.03, 0.8) * total) for _ in KILLS)
        self.lock, self.inbox = threading.Lock(), threading.Condition()
        # "taken" kills: the first before the bot gets the updates, the others just after.
        self.delays = [0.0] + [self.kill_rng.uniform(0.0005, 0.004) for _ in KILLS]
        self.proc = start_bot(env, "run")
        self.dead, self.ready, self.armed, self.planned = False, False, "", 0
        self.killed: list[str] = []
        self.stderr: list[str] = []
        self.last_pushed = 0
        self.readies: list[tuple[set[int], int]] = []  # at each start: updates held, last sent
        fake.observers.append(self._observe)
        server.before, server.after = self._before, self._after

    # --- the fake server's side (its threads) ------------------------------------------------
    def _observe(self, method: str, params: dict[str, Any], sent: Sent | None) -> None:
        if method == "sendMessage" and sent is not None and sent.chat_id in self.people:
            with self.inbox:
                self.people[sent.chat_id].inbox.append(sent)
                self.inbox.notify()

    def _before(self, method: str, fields: dict[str, Any]) -> bool:
        if method == "deleteWebhook":  # start-up's replies are out; polling starts next
            with self.fake.lock:
                held = {int(u["update_id"]) for u in self.fake.updates}
                self.readies.append((held, self.last_pushed))
            self.ready = True
        elif method == "sendMessage" and self._fire("before-reply", fields):
            self.kill("before-reply")
            return False  # the reply never reaches the person
        return True

    def _after(
        self, method: str, fields: dict[str, Any], status: int, answer: dict[str, Any]
    ) -> None:
        if method == "sendMessage" and self._fire("after-reply", fields):
            self.kill("after-reply")
        elif method == "getUpdates" and answer.get("result") and self._fire("taken", None):
            taken = {int(u["update_id"]) for u in answer["result"]}
            delay = self.delays.pop(0)
            if delay:  # the bot has them: some may be committed by then
                threading.Timer(delay, self._lose, (taken,)).start()
            else:  # killed before the answer goes out: the bot never sees them
                self._lose(taken)

    def _lose(self, taken: set[int]) -> None:
        """Kill the bot, and have Telegram forget the updates it handed over, as it does once
        a webhook has answered: what the bot had not committed of them is lost."""
        self.kill("taken")
        with self.fake.lock:
            self.fake.updates = [u for u in self.fake.updates if u["update_id"] not in taken]

    def _fire(self, kind: str, fields: dict[str, Any] | None) -> bool:
        """Whether the kill armed is `kind` and this request (to `fields["chat_id"]`) sets
        it off; it is disarmed once the bot is dead."""
        with self.lock:
            if self.armed != kind or (fields is not None and fields["chat_id"] not in self.people):
                return False
            self.armed = "firing"
            return True

    def kill(self, kind: str) -> None:
        with self.lock:
            if not self.dead:
                self.stderr.append(kill_bot(self.proc))
                self.killed.append(kind)
                self.dead, self.ready, self.armed = True, False, ""

    # --- the people's side (the test's thread) ----------------------------------------------
    def push(self, person: Person) -> None:
        update = person.answer()
        with self.fake.lock:  # the start-up snapshot sees it pushed, or not, as a whole
            self.fake.push_update(update)
            self.last_pushed = person.waiting = int(update["update_id"])

    def tick(self) -> None:
        now = time.monotonic()
        with self.inbox:
            for person in self.people.values():
                person.read_inbox(now, self.rng.uniform(0.02, 0.2))
        while self.readies:
            held, last = self.readies.pop(0)
            for person in self.people.values():
                waiting = person.waiting
                # Sent before this start, and taken by a killed process: nobody will answer.
                if waiting is not None and waiting <= last and waiting not in held:
                    person.resent += 1
                    self.push(person)
        for person in self.people.values():
            if not person.done and person.waiting is None and now >= person.due:
                self.push(person)

    def crash_and_restart(self) -> None:
        progress = sum(p.k for p in self.people.values())
        planned = self.planned
        due = planned < len(KILLS) and progress >= self.thresholds[planned]
        if due and self.ready and not self.armed:
            kind = self.plan[planned]
            self.planned += 1
            if kind == "timer":
                self.kill(kind)
            else:
                with self.lock:
                    self.armed = kind
        if self.dead:
            time.sleep(0.1)  # what the killed process had sent is handled before the next
            with self.lock:
                self.proc, self.dead = start_bot(self.env, "run"), False
        with self.lock:
            assert self.dead or self.proc.poll() is None, self.proc.communicate()[1]

    def run(self) -> str | None:
        """Walk everyone through, killing as planned; then stop the bot. Returns None once
        everyone finished, else who is stuck where (no one got further for STALL seconds)."""
        slack = LEADER_START if "DATABASE_URL" in self.env else 0.0
        deadline = time.monotonic() + DEADLINE + slack * len(KILLS)
        progress, moved = 0, time.monotonic()
        while not all(p.done for p in self.people.values()):
            now = time.monotonic()
            if sum(p.k for p in self.people.values()) != progress:
                progress, moved = sum(p.k for p in self.people.values()), now
            if now > deadline or now - moved > STALL + slack:
                break
            with self.inbox:
                self.inbox.wait(0.01)
            self.tick()
            self.crash_and_restart()
        # A bot restarted just before the walk ended may still be importing: a SIGINT then
        # would stop Python itself, not the bot. Let it come up first, then stop it as a
        # service manager does.
        wait_for(lambda: self.ready, timeout=30)
        self.stderr.append(stop_bot(self.proc))
        assert self.proc.returncode == 0, self.stderr[-1]
        stuck = {p.uid: p.steps[p.k] for p in self.people.values() if not p.done}
        return f"stuck (step each waits on): {stuck}; killed {self.killed}" if stuck else None


def test_sigkill_mid_conversations_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    began = datetime.now(UTC)
    fake = FakeTelegram()
    with FakeBotServer(fake, TOKEN, quiet=True) as server:
        env = bot_env(
            TOKEN,
            server.base_url,
            settings.database_path,
            RATE_LIMIT_PER_SECOND="0",
            LOG_LEVEL="WARNING",
            **database_env(settings),
        )
        crashes = Crashes(fake, server, env)
        stuck = crashes.run()
    wrong = wrong_answers(settings, list(crashes.people.values()), began)
    assert not wrong, f"answers lost or misplaced (expected, stored): {wrong}; {stuck}"
    assert stuck is None, stuck  # every conversation resumed and finished
    assert sorted(crashes.killed) == sorted(KILLS), crashes.killed
    assert asyncio.run(read_db(settings, "SELECT count(*) FROM outbox")) == [(0,)]
    # The replies committed before a kill went out at the next start, and the answers lost
    # with a killed process (the first "taken" kill loses at least one) were sent again.
    assert any("a crash or the network had held up" in err for err in crashes.stderr)
    assert sum(p.resent for p in crashes.people.values()) >= 1
    # A kill between a request's headers and its body leaves the fake a request without a
    # text (or an unreadable one); a press Telegram hands over again after a kill cannot be
    # answered twice (the bot takes that refusal as settled); nothing else may be refused.
    partial = ("message text is empty", "unreadable", "query is too old")
    assert all(any(p in u for p in partial) for u in fake.unexpected), fake.unexpected
    assert len(fake.unexpected) <= len(KILLS)
