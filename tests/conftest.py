"""Shared fixtures: settings on a temp SQLite file (or, with `--database-url`, a schema of its
own in PostgreSQL), a controllable clock, the fake Bot API, and the real Application built by
`build_application`."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from bot.app import AfterviewApplication, build_application
from bot.settings import Settings
from bot.storage.dialect import POSTGRES
from tests.backends import Schemas
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


# --- the backend under test ---------------------------------------------------------------
# With --database-url=postgresql://..., the suite runs on a database of its own on that server
# and each test folder gets a schema of its own (tests/backends.py); without, SQLite files.
SCHEMAS: Schemas | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-url",
        default=None,
        help="run the suite on PostgreSQL at this URL (postgresql://user@host:port/db)",
    )


def pytest_configure(config: pytest.Config) -> None:
    global SCHEMAS
    config.addinivalue_line("markers", "sqlite_only(reason): the test is about SQLite itself")
    url = config.getoption("--database-url")
    if url:
        SCHEMAS = Schemas(url)
        SCHEMAS.create()


def pytest_unconfigure(config: pytest.Config) -> None:
    if SCHEMAS is not None:
        SCHEMAS.drop()


def pytest_report_header(config: pytest.Config) -> str:
    if SCHEMAS is None:
        return "database: SQLite (a file per test)"
    return f"database: PostgreSQL, database {SCHEMAS.name} (a schema per test)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SCHEMAS is None:
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else "about SQLite itself"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


@pytest.fixture(autouse=True)
def _schemas_released() -> Iterator[None]:
    """Set up first, so torn down last: the test's apps have closed their connections."""
    yield
    if SCHEMAS is not None:
        SCHEMAS.release()


def database_url(tmp_path: Path) -> str | None:
    """The PostgreSQL schema of this test folder (empty until the bot's first connection
    creates its tables, like a new SQLite file); None when testing SQLite."""
    return None if SCHEMAS is None else SCHEMAS.url_for(tmp_path)


async def read_db(
    settings: Settings, sql: str, params: Sequence[Any] = ()
) -> list[tuple[Any, ...]]:
    """`sql`'s rows (SQLite's dialect, `?` parameters) as another connection sees them (what
    is committed): sqlite3 on the file, or a connection of its own to the PostgreSQL schema."""
    return [tuple(row.values()) for row in await read_rows(settings, sql, params)]


async def read_rows(
    settings: Settings, sql: str, params: Sequence[Any] = ()
) -> list[dict[str, Any]]:
    """Like `read_db`, each row a dict by column name."""
    if settings.postgres_url is None:
        with contextlib.closing(sqlite3.connect(settings.database_path)) as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute(sql, params).fetchall()]
    conn = await asyncpg.connect(settings.postgres_url)
    try:
        return [dict(row) for row in await conn.fetch(POSTGRES.statement(sql).sql, *params)]
    finally:
        await conn.close()


def database_env(settings: Settings) -> dict[str, str]:
    """The environment a bot process needs to use the test's PostgreSQL schema (nothing for
    SQLite: `tests.process.bot_env` passes DATABASE_PATH)."""
    return {} if settings.postgres_url is None else {"DATABASE_URL": settings.postgres_url}


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "telegram_bot_token": TOKEN,
        "database_path": tmp_path / "data" / "afterview.sqlite3",
        "database_url": database_url(tmp_path),
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
