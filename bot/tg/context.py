"""The callback context every handler receives, with typed access to the runtime."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from telegram.ext import CallbackContext, ExtBot

from bot.storage import Store

if TYPE_CHECKING:
    from bot.app import AfterviewApplication
    from bot.tg.runtime import Runtime


class Ctx(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    @property
    def runtime(self) -> Runtime:
        return cast("AfterviewApplication", self.application).runtime

    @property
    def store(self) -> Store:
        return self.runtime.store

    def now(self) -> datetime:
        return self.runtime.now()

    @property
    def udata(self) -> dict[Any, Any]:
        """user_data, never None in a private chat (PTB types it optional)."""
        data = self.user_data
        if data is None:
            raise RuntimeError("no user in this update")
        return data
