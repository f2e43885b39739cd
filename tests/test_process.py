"""The bot as a process: long polling over real HTTP, and start-up failures."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from tests import updates
from tests.conftest import TOKEN
from tests.fakeapi import FakeTelegram
from tests.fakeserver import FakeBotServer
from tests.process import ROOT, bot_env, start_bot, wait_for


def test_long_polling_process_answers_start(tmp_path: Path) -> None:
    fake = FakeTelegram()
    with FakeBotServer(fake, TOKEN) as server:
        env = bot_env(TOKEN, server.base_url, tmp_path / "data" / "bot.sqlite3")
        proc = start_bot(env)
        try:
            fake.push_update(updates.message(4242, "/start"))
            assert wait_for(lambda: len(fake.sent_to(4242)) >= 1), proc.stderr
            assert "Afterview" in fake.sent_to(4242)[0].text  # the welcome, then the first question
            assert fake.sent_to(4242)[0].buttons, "time zone choices"
            fake.push_update(updates.message(4242, "what's next?"))
            assert wait_for(lambda: len(fake.sent_to(4242)) >= 2)
        finally:
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err
        assert TOKEN not in err
        assert fake.commands, "the command menu is set on start-up"
        assert not fake.unexpected
    assert (tmp_path / "data" / "bot.sqlite3").stat().st_mode & 0o777 == 0o600


def run_once(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot"], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_missing_token_is_one_clear_line(tmp_path: Path) -> None:
    env = bot_env(None, "http://127.0.0.1:9/bot", tmp_path / "db.sqlite3", PYTHONPATH=str(ROOT))
    result = run_once(env, tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "TELEGRAM_BOT_TOKEN is missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_token_is_not_echoed(tmp_path: Path) -> None:
    bad = "not-a-token-secret-value"
    env = bot_env(bad, "http://127.0.0.1:9/bot", tmp_path / "db.sqlite3", PYTHONPATH=str(ROOT))
    result = run_once(env, tmp_path)
    assert result.returncode != 0
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and bad not in result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env = bot_env(
        TOKEN, "http://127.0.0.1:9/bot", blocker / "data" / "db.sqlite3", PYTHONPATH=str(ROOT)
    )
    result = run_once(env, tmp_path)
    assert result.returncode != 0
    assert "data folder" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "Traceback" not in result.stderr and TOKEN not in result.stderr
    return result.stderr


def test_database_path_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    """Case L11."""
    folder = tmp_path / "db.sqlite3"
    folder.mkdir()
    env = bot_env(TOKEN, "http://127.0.0.1:9/bot", folder, PYTHONPATH=str(ROOT))
    assert "DATABASE_PATH" in one_line(run_once(env, tmp_path))


def test_telegram_out_of_reach_is_one_line(tmp_path: Path) -> None:
    """Case L12: a closed port."""
    env = bot_env(TOKEN, "http://127.0.0.1:9/bot", tmp_path / "db.sqlite3", PYTHONPATH=str(ROOT))
    assert "out of reach" in one_line(run_once(env, tmp_path))


def test_a_token_telegram_refuses_is_one_line(tmp_path: Path) -> None:
    """Case L12: Telegram answers 401 to every call."""
    other = "987654321:AAOtherTokenTelegramDoesNotKnow_abcdefghij"
    with FakeBotServer(FakeTelegram(), TOKEN) as server:
        env = bot_env(other, server.base_url, tmp_path / "db.sqlite3", PYTHONPATH=str(ROOT))
        stderr = one_line(run_once(env, tmp_path))
    assert "refused TELEGRAM_BOT_TOKEN" in stderr and other not in stderr
