"""PTB's Application plus our runtime: the store opens before the bot starts, and the messages
a crash kept from going out are sent once it has."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand
from telegram.ext import Application, ExtBot, JobQueue

from bot.texts import common as tc
from bot.tg.context import Ctx
from bot.tg.outbox import Call, deliver
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
        if self.runtime.dispatcher is not None:
            await self.runtime.dispatcher.recover()  # nudges a crash left in flight
        await self.send_left_over()

    async def send_left_over(self) -> int:
        """Send the replies a crash kept from going out (committed with their answers, see
        bot/tg/outbox.py); returns how many there were."""
        store = self.runtime.store
        left = await store.outbox.left()
        for queued in left:
            try:
                await deliver(self.bot, [Call.from_stored(queued.params)])
            except Exception:  # one user's failure must not hold up the others' replies
                log.warning("could not send a reply left over for user %s", queued.user_id)
            async with store.single() as tx:
                await tx.outbox.done([queued.id])
        if left:
            log.warning("sent %d reply(ies) a crash had kept from going out", len(left))
        return len(left)

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
