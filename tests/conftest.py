"""Shared fixtures: settings on a temp SQLite file, a controllable clock, the fake Bot API,
and the real Application built by `build_application`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import AfterviewApplication, build_application
from bot.settings import Settings
from tests.chat import Chat
from tests.fakeapi import FakeRequest, FakeTelegram

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijklmnop"
# Monday 23 November 2026, 14:00 in London (UTC in winter): a working afternoon.
START = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


class Clock:
    """The bot's clock in tests: moved by hand, never slept through."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.now = moment


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "telegram_bot_token": TOKEN,
        "database_path": tmp_path / "data" / "afterview.sqlite3",
        "rate_limit_per_second": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()


AppFactory = Callable[[], "AsyncIterator[AfterviewApplication]"]


class Apps:
    """Builds (and later shuts down) applications on the same database: restarts in tests."""

    def __init__(self, settings: Settings, fake: FakeTelegram, clock: Clock) -> None:
        self.settings, self.fake, self.clock = settings, fake, clock
        self.built: list[AfterviewApplication] = []

    async def start(self) -> AfterviewApplication:
        app = build_application(self.settings, request=FakeRequest(self.fake), clock=self.clock)
        await app.initialize()
        self.built.append(app)
        return app

    async def crash(self, app: AfterviewApplication) -> None:
        """Drop an app without any shutdown: no final flush, like a killed process."""
        self.built.remove(app)
        await app.runtime.close()

    async def close(self) -> None:
        for app in self.built:
            if app.running:
                await app.stop()
            await app.shutdown()


@pytest.fixture
async def apps(settings: Settings, fake: FakeTelegram, clock: Clock) -> AsyncIterator[Apps]:
    factory = Apps(settings, fake, clock)
    yield factory
    await factory.close()


@pytest.fixture
async def app(apps: Apps) -> AfterviewApplication:
    return await apps.start()


@pytest.fixture
def chat(app: AfterviewApplication, fake: FakeTelegram) -> Chat:
    return Chat(app, fake)
