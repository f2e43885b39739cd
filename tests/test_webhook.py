"""Webhook mode: the bot as a process behind a (pretend) proxy, real HTTP on loopback.

Telegram sends the secret token in `X-Telegram-Bot-Api-Secret-Token` with every update; a
request without it, or with a wrong one, must be refused and never reach a handler.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

from tests import updates
from tests.conftest import TOKEN
from tests.fakeapi import FakeTelegram
from tests.fakeserver import FakeBotServer
from tests.process import ROOT, bot_env, free_port, post, start_bot, wait_for

SECRET = "webhook-secret_0123456789abcdef"
PUBLIC_URL = "https://bot.example.org/telegram/afterview"


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def webhook_env(base_url: str, database: Path, port: int) -> dict[str, str]:
    return bot_env(
        TOKEN,
        base_url,
        database,
        UPDATE_MODE="webhook",
        WEBHOOK_URL=PUBLIC_URL,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        WEBHOOK_SECRET_TOKEN=SECRET,
        LOG_LEVEL="INFO",
    )


def test_webhook_accepts_only_the_secret_header(tmp_path: Path) -> None:
    fake = FakeTelegram()
    port = free_port()
    with FakeBotServer(fake, TOKEN) as server:
        database = tmp_path / "bot.sqlite3"
        proc = start_bot(webhook_env(server.base_url, database, port))
        try:
            assert wait_for(lambda: fake.webhook is not None and listening(port)), proc.stderr
            # The bot told Telegram where to post and which secret to send back.
            assert fake.webhook is not None
            assert fake.webhook["url"] == PUBLIC_URL
            assert fake.webhook["secret_token"] == SECRET

            path = "telegram/afterview"
            assert post(port, updates.message(501, "/start"), None, path) == 403
            assert (
                post(port, updates.message(502, "/start"), "wrong-secret-0123456789", path) == 403
            )
            assert post(port, updates.message(503, "/start"), SECRET.upper(), path) == 403
            # Another path is not the webhook, whatever the header.
            assert post(port, updates.message(504, "/start"), SECRET, "other") == 404

            assert post(port, updates.message(505, "/start"), SECRET, path) == 200
            assert wait_for(lambda: len(fake.sent_to(505)) >= 1)
            assert "Afterview" in fake.sent_to(505)[0].text
            # Refused updates never reached a handler: no reply, no user row.
            assert all(not fake.sent_to(uid) for uid in (501, 502, 503, 504))
            # The container health check sees the running bot's heartbeat.
            assert wait_for(lambda: Path(f"{database}.alive").exists())
            health = run_once(webhook_env(server.base_url, database, port), ROOT, "health")
            assert health.returncode == 0 and "healthy" in health.stdout, health.stderr
        finally:
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "ready; database" in err
    assert "user=505 kind=command:/start" in err
    assert "user=501" not in err and "user=502" not in err
    assert TOKEN not in err and SECRET not in err
    assert not fake.unexpected


def run_once(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_webhook_mode_without_secret_is_one_clear_line(tmp_path: Path) -> None:
    env = webhook_env("http://127.0.0.1:9/bot", tmp_path / "db.sqlite3", free_port())
    del env["WEBHOOK_SECRET_TOKEN"]
    env["PYTHONPATH"] = str(ROOT)
    result = run_once(env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "UPDATE_MODE=webhook needs WEBHOOK_URL and WEBHOOK_SECRET_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


def test_weak_secret_and_plain_http_url_are_refused(tmp_path: Path) -> None:
    env = webhook_env("http://127.0.0.1:9/bot", tmp_path / "db.sqlite3", free_port())
    env.update(WEBHOOK_SECRET_TOKEN="short", WEBHOOK_URL="http://bot.example.org/hook")
    env["PYTHONPATH"] = str(ROOT)
    result = run_once(env, tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "WEBHOOK_SECRET_TOKEN must be 16 to 256 characters" in result.stderr
    assert "WEBHOOK_URL must be a public https:// URL" in result.stderr
    assert "short" not in result.stderr.replace("WEBHOOK_SECRET_TOKEN", "")
