"""PTB's Application plus our runtime: the store opens before the bot starts, and the messages
a crash kept from going out are sent once it has (see bot/tg/outbox.py).

On PostgreSQL several processes may share the database: `initialize()` waits until this one is
the leader (`runtime.leader`, bot/storage/leader.py) before it does any of the work only the
leader does (nudges left in flight, the outbox, the start-up jobs), and an update that reaches
a process that is no longer the leader is left alone. With SQLite it is always the leader."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand
from telegram.ext import Application, ExtBot, Job, JobQueue

from bot.texts import common as tc
from bot.tg.context import Ctx
from bot.tg.outbox import send_left_over
from bot.tg.runtime import Runtime

log = logging.getLogger(__name__)

Data = dict[Any, Any]
AppBase = Application[ExtBot[Any], Ctx, Data, Data, Data, JobQueue[Ctx]]


class AfterviewApplication(AppBase):
    def __init__(self, *, runtime: Runtime, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.runtime = runtime

    async def initialize(self) -> None:
        await self.runtime.open()
        await super().initialize()
        await self.bot.set_my_commands([BotCommand(c, d) for c, d in tc.COMMANDS])
        await self.runtime.leader.acquire()  # a standby waits here (PostgreSQL only)
        if self.runtime.dispatcher is not None:
            await self.runtime.dispatcher.recover()  # nudges a crash left in flight
        # Replies a crash kept from going out (committed with their answers, see outbox.py).
        await send_left_over(self.bot, self.runtime.store)
        for job in self.runtime.start_up:
            await job()

    async def process_update(self, update: object) -> None:
        """Handle `update` unless this process lost the leader's lock meanwhile: then the next
        leader handles it (or Telegram's copy of it), never both."""
        if not self.runtime.leader.leading:
            log.warning("not the leader any more: update left unhandled")
            return
        await super().process_update(update)

    def _mark_for_persistence_update(
        self, *, update: object | None = None, job: Job[Ctx] | None = None
    ) -> None:
        """PTB notes every user and chat it sees for its persistence's next flush, and only a
        flush forgets them. This bot has no PTB persistence (conversations live in our own
        tables), so the notes would only grow, with every user who ever wrote."""
        return None

    async def start(self) -> None:
        await super().start()
        # The JobQueue runs now: the nudge dispatcher sleeps until its earliest due row.
        if self.runtime.dispatcher is not None:
            await self.runtime.dispatcher.start()
        log.info("ready; database %s", self.runtime.settings.database_name)

    async def stop(self) -> None:
        if self.runtime.dispatcher is not None:
            self.runtime.dispatcher.stop()  # before the JobQueue waits for its running job
        await super().stop()

    async def shutdown(self) -> None:
        await super().shutdown()
        await self.runtime.close()
