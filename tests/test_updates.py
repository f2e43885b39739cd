"""Many users at once, each user's updates in order: the update processor in the real
Application, fed through its update queue like long polling does, against a fake Bot API
that takes a round trip for every call (so that updates really overlap)."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator, Hashable
from typing import Any

import pytest
from telegram import Update
from telegram.error import NetworkError
from telegram.ext import BaseUpdateProcessor, ExtBot, SimpleUpdateProcessor
from telegram.request import RequestData

from bot.app import AfterviewApplication, build_application
from bot.settings import Settings
from bot.tg.aiohttp_request import http_client
from bot.tg.updates import SHARED, PerUserProcessor, update_key
from conversations.debrief import Q
from tests import updates
from tests.conftest import TOKEN, Clock, make_settings, read_db
from tests.fakeapi import FakeRequest, FakeTelegram
from tests.fakeserver import FakeBotServer

ROUND_TRIP = 0.005  # seconds per Bot API call: enough for updates to overlap
BOUND = 4
USERS = 8
FIRST = 300_001


class SlowRequest(FakeRequest):
    """The fake Bot API with a round trip per call; counts calls in flight, overall and per
    chat."""

    def __init__(self, fake: FakeTelegram) -> None:
        super().__init__(fake)
        self.in_flight = 0
        self.most_in_flight = 0
        self.per_chat: Counter[int] = Counter()
        self.most_per_chat = 0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        chat = request_data.parameters.get("chat_id") if request_data else None
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        if isinstance(chat, int):
            self.per_chat[chat] += 1
            self.most_per_chat = max(self.most_per_chat, self.per_chat[chat])
        try:
            await asyncio.sleep(ROUND_TRIP)
            return await super().do_request(url, method, request_data)
        finally:
            self.in_flight -= 1
            if isinstance(chat, int):
                self.per_chat[chat] -= 1


class GlobalLock(PerUserProcessor):
    """A broken processor for the controls: every update in one line."""

    async def do_process_update(self, update: object, coroutine: Any) -> None:
        async with self.turn(SHARED):
            await coroutine


def press(user_id: int, data: str) -> dict[str, Any]:
    """A button press on a message without text (the bot answers it without an edit)."""
    update = updates.callback(user_id, data)
    del update["callback_query"]["message"]["text"]
    return update


def person(uid: int) -> str:
    """A name of the user's own interviewer ("Ann Daaaab" for 300001): a name has no digits."""
    return "Ann " + "".join(chr(ord("a") + int(d)) for d in str(uid)).capitalize()


def script(uid: int) -> list[dict[str, Any]]:
    texts = ["/start", "London", "UK", "/debrief", f"Company {uid}", f"Role {uid}"]
    return [
        *(updates.message(uid, text) for text in texts),
        press(uid, "debrief:now"),
        updates.message(uid, person(uid)),
        updates.message(uid, f"p{uid}@example.com"),
    ]


class Bot:
    """A running application on the slow fake, its update queue fed directly."""

    def __init__(
        self, settings: Settings, clock: Clock, processor: BaseUpdateProcessor | None
    ) -> None:
        self.fake = FakeTelegram()
        self.request = SlowRequest(self.fake)
        self.app: AfterviewApplication = build_application(
            settings, request=self.request, clock=clock
        )
        if processor is not None:
            # The controls swap in a broken processor (PTB's builder has set the real one).
            self.app._update_processor = processor

    async def feed(self, raw: list[dict[str, Any]]) -> None:
        for update in raw:
            await self.app.update_queue.put(Update.de_json(update, self.app.bot))
        await asyncio.wait_for(self.app.update_queue.join(), timeout=30)
        assert not self.fake.unexpected, self.fake.unexpected

    async def wrong_users(self, uids: range) -> list[int]:
        """Users whose stored answers are not what they sent, where they sent it."""
        store = self.app.runtime.store
        wrong = []
        for uid in uids:
            user = await store.users.get(uid)
            found = await store.interviews.all_for(uid)
            people = await store.interviewers.for_interview(found[0].id) if found else []
            got = (
                (user.tz, user.country) if user else None,
                [(i.company, i.role, i.held_at is not None) for i in found],
                [(p.name, p.email) for p in people],
            )
            want = (
                ("Europe/London", "GB"),
                [(f"Company {uid}", f"Role {uid}", True)],
                [(person(uid), f"p{uid}@example.com")],
            )
            if got != want:
                wrong.append(uid)
        return wrong


def interleaved(uids: range, run: int = 3) -> list[dict[str, Any]]:
    """Users take turns, each sending `run` updates in a row (a fast typist, or a long poll
    that returns several of one user's messages): the queue then holds consecutive updates
    of one user, which only per-user order keeps from racing each other."""
    scripts = [script(uid) for uid in uids]
    return [
        update
        for start in range(0, len(scripts[0]), run)
        for one in scripts
        for update in one[start : start + run]
    ]


@pytest.fixture
def bounded(tmp_path: Any) -> Settings:
    return make_settings(tmp_path, concurrent_updates=BOUND)


@pytest.fixture
async def running(bounded: Settings, clock: Clock) -> AsyncIterator[list[Bot]]:
    bots: list[Bot] = []
    yield bots
    for bot in bots:
        if bot.app.running:
            await bot.app.stop()
        await bot.app.shutdown()


async def start(bots: list[Bot], bot: Bot) -> Bot:
    await bot.app.initialize()
    await bot.app.start()
    bots.append(bot)
    return bot


async def test_interleaved_users_keep_order_and_overlap(
    running: list[Bot], bounded: Settings, clock: Clock
) -> None:
    bot = await start(running, Bot(bounded, clock, None))
    uids = range(FIRST, FIRST + USERS)
    await bot.feed(interleaved(uids))
    assert await bot.wrong_users(uids) == []
    # Different users overlapped, never more than the bound, and one user's calls never did.
    assert 1 < bot.request.most_in_flight <= BOUND
    assert bot.request.most_per_chat == 1
    processor = bot.app.update_processor
    assert isinstance(processor, PerUserProcessor)
    assert processor.waiting_keys == 0  # idle users are forgotten
    assert processor.current_concurrent_updates == 0


async def test_answers_are_committed_when_each_update_is_done(
    running: list[Bot], bounded: Settings, clock: Clock
) -> None:
    """Conversation states and scratch data are committed with each update, even many at
    once: another connection sees them without any shutdown flush, and no reply is left."""
    bot = await start(running, Bot(bounded, clock, None))
    uids = range(FIRST, FIRST + USERS)
    await bot.feed(interleaved(uids))
    rows = await read_db(bounded, "SELECT user_id, name, state, data FROM conversations")
    left = len(await bot.app.runtime.store.outbox.left())  # sent: at most deletion waits
    found = {uid: (name, state, json.loads(data)) for uid, name, state, data in rows}
    for uid in uids:
        name, state, data = found[uid]
        assert (name, state) == ("debrief", Q.MORE.value)
        assert "debrief_id" in data
    assert left == 0


async def test_one_users_burst_does_not_hold_up_others(
    running: list[Bot], bounded: Settings, clock: Clock
) -> None:
    bot = await start(running, Bot(bounded, clock, None))
    busy, other = FIRST, FIRST + 1
    burst = [updates.message(busy, f"message {n}") for n in range(4 * BOUND)]
    await bot.feed([*burst, updates.message(other, "hello")])
    replied = [sent.chat_id for sent in bot.fake.outbox]
    assert replied.count(busy) >= len(burst)
    # The other user is served beside the busy one's first messages, not after all of them.
    assert replied.index(other) < 3


async def test_jobs_run_beside_updates(running: list[Bot], bounded: Settings, clock: Clock) -> None:
    bot = await start(running, Bot(bounded, clock, None))
    uids = range(FIRST, FIRST + USERS)
    seen: list[int] = []

    async def job(ctx: Any) -> None:
        seen.append(len(bot.fake.outbox))

    assert bot.app.job_queue is not None
    bot.app.job_queue.run_once(job, when=0)
    await bot.feed(interleaved(uids))
    assert seen and seen[0] < len(bot.fake.outbox)  # it ran while the updates were handled


# --- controls: the first test's checks catch a processor without per-user order, and one
# that serialises everybody --------------------------------------------------------------------
async def test_control_without_per_user_order_answers_go_astray(
    running: list[Bot], bounded: Settings, clock: Clock
) -> None:
    bot = Bot(bounded, clock, SimpleUpdateProcessor(BOUND))
    await start(running, bot)
    uids = range(FIRST, FIRST + USERS)
    for update in interleaved(uids):
        await bot.app.update_queue.put(Update.de_json(update, bot.app.bot))
    await asyncio.wait_for(bot.app.update_queue.join(), timeout=30)
    assert await bot.wrong_users(uids) != [] or bot.request.most_per_chat > 1


async def test_control_with_a_global_lock_nobody_overlaps(
    running: list[Bot], bounded: Settings, clock: Clock
) -> None:
    bot = await start(running, Bot(bounded, clock, GlobalLock(BOUND)))
    uids = range(FIRST, FIRST + USERS)
    await bot.feed(interleaved(uids))
    assert await bot.wrong_users(uids) == []
    assert bot.request.most_in_flight == 1


def test_update_key_is_the_user_then_the_chat() -> None:
    in_group = Update.de_json(updates.message(5, "hi", chat_id=-100, chat_type="group"), None)
    channel = {
        "update_id": 2,
        "channel_post": {"message_id": 1, "date": 0, "chat": {"id": -200, "type": "channel"}},
    }
    keys: list[Hashable] = [
        update_key(in_group),
        update_key(Update.de_json(channel, None)),
        update_key(object()),
    ]
    assert keys == [("user", 5), ("chat", -200), SHARED]


async def test_http_client_keeps_connections_alive_across_bursts() -> None:
    """Real HTTP on loopback: a burst of 24 sends at once opens at most the pool's size of
    connections, and the next burst reuses them instead of connecting again."""
    fake = FakeTelegram()
    client = http_client(24)
    with FakeBotServer(fake, TOKEN) as server:
        bot = ExtBot(TOKEN, base_url=server.base_url, request=client)
        await bot.initialize()
        fake.delay = ROUND_TRIP * 4  # so that the 24 sends are all in flight together
        try:
            await asyncio.gather(*(bot.send_message(1000 + n, "hi") for n in range(24)))
            first = server.connections
            await asyncio.gather(*(bot.send_message(1000 + n, "hi") for n in range(24)))
        finally:
            await bot.shutdown()
    assert 1 < first <= client.connections
    assert server.connections == first  # the second burst opened no new connection
    assert len(fake.outbox) == 48 and not fake.unexpected


async def test_network_error_never_names_the_token() -> None:
    client = http_client(1)
    bot = ExtBot(TOKEN, base_url="http://127.0.0.1:9/bot", request=client)
    await client.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(1, "hi")
    finally:
        await client.shutdown()
    assert TOKEN not in str(caught.value) and TOKEN not in repr(caught.value)


async def test_slots_serve_waiters_in_order_and_survive_cancellation() -> None:
    """The processor's slot queue: first come, first served; a waiter cancelled before or
    just after it is handed a slot never loses that slot for the others."""
    from bot.tg.updates import _Slots

    slots = _Slots(1)
    await slots.acquire()  # held
    order: list[str] = []

    async def take(name: str) -> None:
        await slots.acquire()
        order.append(name)
        await asyncio.sleep(0)
        slots.release()

    first = asyncio.create_task(take("first"))
    gone = asyncio.create_task(take("gone"))
    last = asyncio.create_task(take("last"))
    await asyncio.sleep(0)
    gone.cancel()  # cancelled while waiting: skipped
    await asyncio.sleep(0)
    slots.release()
    await asyncio.gather(first, last)
    assert order == ["first", "last"]

    # Handed a slot and cancelled in the same loop turn: the slot passes on.
    await slots.acquire()
    handed = asyncio.create_task(slots.acquire())
    after = asyncio.create_task(take("after"))
    await asyncio.sleep(0)
    slots.release()  # hands it to `handed`...
    handed.cancel()  # ...which is cancelled before it runs
    await asyncio.wait_for(after, 1)
    assert order[-1] == "after"
    await asyncio.wait_for(slots.acquire(), 1)  # and nothing leaked: the slot is free
