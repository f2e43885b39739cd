"""What a load balancer and Telegram see of a leader and of a standby: the webhook server's
`GET /health` and posts (bot/cli/webhook.py), and `afterview health` (bot/cli/health.py)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import aiohttp
from telegram import Update

from bot.app import AfterviewApplication
from bot.cli import health
from bot.cli.webhook import SECRET_HEADER, WebhookServer
from tests import updates
from tests.conftest import TOKEN, make_settings
from tests.fakeapi import FakeTelegram
from tests.process import ROOT, bot_env, free_port

SECRET = "webhook-secret_0123456789abcdef"


class Election:
    """A leader election decided by the test."""

    def __init__(self, leading: bool) -> None:
        self.owner = "test:1:abcd"
        self.leading = leading
        self.lost = False

    @property
    def role(self) -> str:
        return "leader" if self.leading else "standby"

    async def acquire(self) -> None:
        self.leading = True

    async def release(self) -> None:
        self.leading = False


async def test_the_webhook_server_says_who_leads_and_takes_posts_only_there(
    app: AfterviewApplication, fake: FakeTelegram, tmp_path: Path
) -> None:
    port = free_port()
    settings = make_settings(
        tmp_path,
        update_mode="webhook",
        webhook_url="https://bot.example.org/telegram/afterview",
        webhook_secret_token=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    election = Election(leading=False)
    app.runtime.leader = election
    server = WebhookServer(settings)
    await server.start()
    base = f"http://127.0.0.1:{port}"
    hook = f"{base}/telegram/afterview"
    body = json.dumps(updates.message(501, "/start"))
    headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/health") as r:
                assert (r.status, await r.text()) == (503, "standby\n")  # no term yet
            server.app = app
            await app.start()
            async with http.get(f"{base}/health") as r:
                assert (r.status, await r.text()) == (503, "standby\n")
            async with http.post(hook, data=body, headers=headers) as r:
                assert r.status == 503  # Telegram keeps it and posts it again later
            await election.acquire()
            async with http.get(f"{base}/health") as r:
                assert (r.status, await r.text()) == (200, "leader\n")
            async with http.post(hook, data=body, headers={SECRET_HEADER: "wrong"}) as r:
                assert r.status == 403
            async with http.post(hook, data="{not json", headers=headers) as r:
                assert r.status == 400
            async with http.post(hook, data=body, headers=headers) as r:
                assert r.status == 200
            for _ in range(200):
                if fake.sent_to(501):
                    break
                await asyncio.sleep(0.01)
            assert "Afterview" in fake.sent_to(501)[0].text
    finally:
        await app.stop()
        await server.stop()


async def test_a_lost_leader_leaves_updates_alone(
    app: AfterviewApplication, fake: FakeTelegram
) -> None:
    app.runtime.leader = Election(leading=False)
    await app.process_update(Update.de_json(updates.message(502, "/start"), app.bot))
    assert not fake.sent_to(502)


def test_health_says_leader_or_standby(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    health.beat(settings, "standby")
    now = health.heartbeat_path(settings).stat().st_mtime
    assert health.check(settings, now=now + 3) == (True, "healthy, standby: last heartbeat 3 s ago")
    assert health.check(settings, now=now, leader_only=True) == (
        False,
        "standby: last heartbeat 0 s ago",
    )
    health.beat(settings, "leader")
    assert health.check(settings, now=now, leader_only=True)[0] is True
    assert health.heartbeat_path(settings).stat().st_mode & 0o777 == 0o600


def test_an_unreachable_postgresql_is_one_line_at_start(tmp_path: Path) -> None:
    env = bot_env(
        TOKEN,
        "http://127.0.0.1:9/bot",
        tmp_path / "bot.db",
        DATABASE_URL="postgresql://afterview:hunter2-secret@127.0.0.1:9/afterview",
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "cannot start" in result.stderr and "127.0.0.1:9/afterview" in result.stderr
    assert "hunter2" not in result.stderr and "Traceback" not in result.stderr
