"""The webhook server of a process that may be the leader or a standby (PostgreSQL with several
bot processes, see bot/cli/leading.py): Telegram's posts, and `GET /health` for the load
balancer in front of the processes.

Why not PTB's own webhook server (as with SQLite): it listens only while its process polls,
and has no route but the webhook's. Here every process listens for the whole of its life, so
that the load balancer can ask each one:

- `GET /health`: 200 `leader` or 503 `standby`: the balancer sends Telegram's posts to the
  process that answers 200.
- `POST /<path of WEBHOOK_URL>`: 403 without the secret header (as PTB's server); on the
  leader, 200 once the update is queued for handling; on a standby (or a leader that just lost
  its lock), 503: Telegram keeps the update and posts it again, by then to the new leader.
"""

from __future__ import annotations

import hmac
import json
import logging
from http import HTTPStatus

from aiohttp import web
from telegram import Update

from bot.settings import Settings
from bot.tg.application import AfterviewApplication

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookServer:
    """Listens on WEBHOOK_LISTEN:WEBHOOK_PORT from `start()` to `stop()`; `app` is the current
    term's application (None between two terms: every post gets 503)."""

    def __init__(self, settings: Settings) -> None:
        assert settings.webhook_secret_token is not None  # Settings checks it in webhook mode
        self.settings = settings
        self.secret = settings.webhook_secret_token.get_secret_value().encode()
        self.app: AfterviewApplication | None = None
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        server = web.Application()
        server.router.add_post(f"/{self.settings.webhook_path}", self._post)
        server.router.add_get("/health", self._health)
        self._runner = web.AppRunner(server, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.webhook_listen, self.settings.webhook_port)
        await site.start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _leading(self) -> AfterviewApplication | None:
        app = self.app
        if app is None or not app.running or not app.runtime.leader.leading:
            return None
        return app

    async def _health(self, request: web.Request) -> web.Response:
        if self._leading() is None:
            return web.Response(status=HTTPStatus.SERVICE_UNAVAILABLE, text="standby\n")
        return web.Response(text="leader\n")

    async def _post(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            return web.Response(status=HTTPStatus.FORBIDDEN)
        app = self._leading()
        if app is None:
            return web.Response(status=HTTPStatus.SERVICE_UNAVAILABLE, text="standby\n")
        try:
            data = json.loads(await request.read())
            update = Update.de_json(data, app.bot)
        except (ValueError, TypeError, KeyError):
            return web.Response(status=HTTPStatus.BAD_REQUEST)
        await app.update_queue.put(update)
        return web.Response()
