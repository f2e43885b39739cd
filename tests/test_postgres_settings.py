"""DATABASE_URL: which backend the settings pick, and that its password never shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from bot.storage.db import DatabaseUnavailable, open_database

SECRET = "s3cret-pw"


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_sqlite_unless_a_postgresql_url_is_given(tmp_path: Path) -> None:
    plain = settings(database_path=tmp_path / "bot.sqlite3")
    assert plain.postgres_url is None and plain.database_name == str(tmp_path / "bot.sqlite3")
    url = f"postgresql://bot:{SECRET}@db.example.org:6543/afterview?search_path=x"
    chosen = settings(database_url=url)
    assert chosen.postgres_url == url
    assert chosen.database_name == "postgresql://db.example.org:6543/afterview"
    assert SECRET not in repr(chosen)


def test_a_url_of_another_kind_is_refused_without_repeating_it() -> None:
    with pytest.raises(ValidationError) as caught:
        settings(database_url=f"mysql://bot:{SECRET}@db/afterview")
    # What `afterview run` prints of it (bot/cli/main.py): each error's message.
    (message,) = [error["msg"] for error in caught.value.errors()]
    assert "postgresql://" in message and SECRET not in message


async def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    unreachable = settings(database_url=f"postgresql://bot:{SECRET}@127.0.0.1:9/afterview")
    with pytest.raises(DatabaseUnavailable) as caught:
        await open_database(unreachable)
    message = str(caught.value)
    assert message.startswith("cannot connect to postgresql://127.0.0.1:9/afterview: ")
    assert SECRET not in message and "\n" not in message
