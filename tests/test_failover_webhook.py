"""Webhook mode with two bots on one PostgreSQL: each answers the load balancer's `GET /health`
(200 leader, 503 standby), only the leader takes Telegram's posts, and when it is killed the
standby says "leader" within 5 s, points the webhook at itself, and takes the posts."""

from __future__ import annotations

import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import conftest, updates
from tests.conftest import TOKEN
from tests.fakeapi import FakeTelegram
from tests.fakeserver import FakeBotServer
from tests.process import bot_env, free_port, post, start_bot, wait_for

SECRET = "webhook-secret_0123456789abcdef"
PUBLIC_URL = "https://bot.example.org/telegram/afterview"
PATH = "telegram/afterview"


def health(port: int) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
            return int(r.status), r.read().decode().strip()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode().strip()
    except OSError:
        return 0, "down"


def start(url: str, base_url: str, folder: Path, port: int) -> subprocess.Popen[str]:
    env = bot_env(
        TOKEN,
        base_url,
        folder / "bot.db",  # only the heartbeat lives here: the data is in PostgreSQL
        DATABASE_URL=url,
        UPDATE_MODE="webhook",
        WEBHOOK_URL=PUBLIC_URL,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        WEBHOOK_SECRET_TOKEN=SECRET,
        LOG_LEVEL="WARNING",
    )
    return start_bot(env, "run")


def test_the_health_endpoint_follows_the_leader(tmp_path: Path) -> None:
    url = conftest.database_url(tmp_path)
    if url is None:
        pytest.skip("needs PostgreSQL: run the suite with --database-url=postgresql://...")
    fake = FakeTelegram()
    ports = [free_port(), free_port()]
    with FakeBotServer(fake, TOKEN, quiet=True) as server:
        procs = [start(url, server.base_url, tmp_path / f"p{i}", p) for i, p in enumerate(ports)]
        try:
            roles = lambda: sorted(health(p)[1] for p in ports)  # noqa: E731
            assert wait_for(lambda: roles() == ["leader", "standby"], 40), roles()
            first = 0 if health(ports[0]) == (200, "leader") else 1
            other = 1 - first
            assert health(ports[other]) == (503, "standby")
            assert fake.webhook is not None and fake.webhook["url"] == PUBLIC_URL
            assert post(ports[other], updates.message(601, "/start"), SECRET, PATH) == 503
            assert post(ports[first], updates.message(602, "/start"), SECRET, PATH) == 200
            assert wait_for(lambda: bool(fake.sent_to(602)), 10)
            webhooks = len(fake.method_calls("setWebhook"))
            procs[first].send_signal(signal.SIGKILL)
            killed = time.monotonic()
            assert wait_for(lambda: health(ports[other]) == (200, "leader"), 6)
            assert time.monotonic() - killed < 5.0
            assert len(fake.method_calls("setWebhook")) == webhooks + 1  # the new leader's
            assert post(ports[other], updates.message(603, "/start"), SECRET, PATH) == 200
            assert wait_for(lambda: bool(fake.sent_to(603)), 10)
            assert not fake.sent_to(601)  # refused by the standby: Telegram posts it again
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGINT)
                    _, err = proc.communicate(timeout=30)
                    assert proc.returncode == 0, err
