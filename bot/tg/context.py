"""The callback context every handler receives, with typed access to the runtime, the user's
conversation (loaded for this update) and the replies collected for it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from bot.storage import Store
from bot.storage.conversations import Pending
from bot.tg.outbox import Outbox
from bot.tg.runtime import Runtime


class Ctx(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    # Set by the dialogue for the update it handles (bot/tg/dialogue.py).
    pending: Pending | None = None
    outbox: Outbox | None = None
    # Set by a handler that refused the answer without asking again (too long): the dialogue
    # then asks the pending question again, so the user sees what is still wanted.
    ask_again: bool = False

    @property
    def runtime(self) -> Runtime:
        """The runtime of the application handling this update (bot/tg/application.py sets
        it); raises RuntimeError for an application built without one."""
        # Looked up by name: the application module imports this one, not the reverse.
        runtime = getattr(self.application, "runtime", None)
        if not isinstance(runtime, Runtime):
            raise RuntimeError("the application has no runtime: build it with build_application")
        return runtime

    @property
    def store(self) -> Store:
        return self.runtime.store

    def now(self) -> datetime:
        return self.runtime.now()

    @property
    def udata(self) -> dict[str, Any]:
        """The step's scratch data: stored with the user's conversation, so it lives as long
        as the question it belongs to, across restarts, and costs no memory in between."""
        if self.pending is None:
            raise RuntimeError("scratch data exists only while the dialogue handles an update")
        return self.pending.data
