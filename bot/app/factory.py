"""The app factory: `build_application(settings)` is what the entry points and the tests call."""

from __future__ import annotations

import logging

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    ContextTypes,
    Defaults,
)
from telegram.request import BaseRequest

from bot.app.handlers import register
from bot.settings import Settings
from bot.tg.aiohttp_request import get_updates_client, http_client
from bot.tg.application import AfterviewApplication
from bot.tg.context import Ctx
from bot.tg.runtime import Clock, Runtime, system_clock
from bot.tg.updates import PerUserProcessor

log = logging.getLogger(__name__)


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    clock: Clock = system_clock,
) -> AfterviewApplication:
    """Build the whole bot. `request` replaces the HTTP layer (tests use a fake Bot API)."""
    runtime = Runtime(settings, clock)
    builder = (
        ApplicationBuilder()
        .application_class(AfterviewApplication, kwargs={"runtime": runtime})
        .token(settings.token)
        .base_url(settings.telegram_base_url)
        .context_types(ContextTypes(context=Ctx))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
    )
    if settings.rate_limit_per_second > 0:
        limiter = _limiter(settings.rate_limit_per_second)
        # PTB's builder types the limiter's per-call args as None until one is set.
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    builder = builder.concurrent_updates(PerUserProcessor(settings.concurrent_updates))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        builder = builder.request(http_client(settings.concurrent_updates)).get_updates_request(
            get_updates_client()
        )
    app = builder.build()
    assert isinstance(app, AfterviewApplication)
    register(app)
    return app


def _limiter(per_second: float) -> AIORateLimiter:
    """One message every 1/`per_second` seconds, with no initial burst: Telegram counts messages
    in any one second, so a full bucket of 30 followed by the steady rate would exceed it (and
    draw 429s) at the start of every burst of nudges."""
    return AIORateLimiter(overall_max_rate=1, overall_time_period=1 / per_second, max_retries=3)
