"""The app factory: `build_application(settings)` is what `python -m bot` and the tests call."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ContextTypes,
    Defaults,
    ExtBot,
    JobQueue,
)
from telegram.request import BaseRequest

from bot.persistence import SQLitePersistence
from bot.settings import Settings
from bot.tg.aiohttp_request import get_updates_client, http_client
from bot.tg.context import Ctx
from bot.tg.runtime import Clock, Runtime, system_clock
from bot.tg.updates import PerUserProcessor

log = logging.getLogger(__name__)

Data = dict[Any, Any]
AppBase = Application[ExtBot[Any], Ctx, Data, Data, Data, JobQueue[Ctx]]


class AfterviewApplication(AppBase):
    """PTB's Application plus our runtime: the store opens before persistence loads."""

    def __init__(self, *, runtime: Runtime, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.runtime = runtime
        # Persistence passes asked for and finished, counted (see update_persistence).
        self._passes_asked = 0
        self._passes_done = 0
        self._pass_lock = asyncio.Lock()

    async def initialize(self) -> None:
        await self.runtime.open()
        await super().initialize()
        from bot.app.handlers import set_command_menu

        await set_command_menu(self)
        if self.runtime.dispatcher is not None:
            await self.runtime.dispatcher.recover()  # nudges a crash left in flight

    async def start(self) -> None:
        await super().start()
        # The JobQueue runs now: the nudge dispatcher sleeps until its earliest due row.
        if self.runtime.dispatcher is not None:
            await self.runtime.dispatcher.start()

    async def stop(self) -> None:
        if self.runtime.dispatcher is not None:
            self.runtime.dispatcher.stop()  # before the JobQueue waits for its running job
        await super().stop()

    async def shutdown(self) -> None:
        await super().shutdown()
        await self.runtime.close()

    async def process_update(self, update: object) -> None:
        try:
            await super().process_update(update)
        finally:
            if isinstance(update, Update):
                self.runtime.handled_updates.discard(update.update_id)
        # Write conversation states through as soon as an update is handled, instead of
        # PTB's periodic flush: a crash then loses no more than the update in flight.
        if isinstance(update, Update):
            await self.update_persistence()

    async def update_persistence(self) -> None:
        """Hand every change so far to the persistence and commit it; shared by callers.

        PTB's pass collects everything changed up to when it starts, under a lock, and hands
        it over through a task per row. Updates that finish while one pass runs would each
        queue a pass of their own behind it; instead, the first of them runs one pass for
        all, committed at once. A caller returns once a pass that began after its call has
        committed, so its own changes are on disk.
        """
        self._passes_asked += 1
        ticket = self._passes_asked
        async with self._pass_lock:
            if self._passes_done >= ticket:
                return
            covers = self._passes_asked
            await super().update_persistence()
            if isinstance(self.persistence, SQLitePersistence):
                await self.persistence.write_pending()
            self._passes_done = covers


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    clock: Clock = system_clock,
) -> AfterviewApplication:
    """Build the whole bot. `request` replaces the HTTP layer (tests use a fake Bot API)."""
    from bot.app.handlers import register

    runtime = Runtime(settings, clock)
    builder = (
        ApplicationBuilder()
        .application_class(AfterviewApplication, kwargs={"runtime": runtime})
        .token(settings.token)
        .base_url(settings.telegram_base_url)
        .context_types(ContextTypes(context=Ctx))
        .persistence(SQLitePersistence(runtime))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
    )
    if settings.rate_limit_per_second > 0:
        # One message every 1/rate seconds, with no initial burst: Telegram counts messages
        # in any one second, so a full bucket of 30 followed by the steady rate would exceed
        # it (and draw 429s) at the start of every burst of nudges.
        limiter = AIORateLimiter(
            overall_max_rate=1,
            overall_time_period=1 / settings.rate_limit_per_second,
            max_retries=3,
        )
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
