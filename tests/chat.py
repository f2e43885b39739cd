"""A user talking to the bot: send text, press buttons, read replies.

Drives the real Application through `process_update`, so everything from the handler groups
to SQLite runs; only Telegram's servers are the fake.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.app import AfterviewApplication
from tests import updates
from tests.fakeapi import FakeTelegram, Sent


class Chat:
    def __init__(
        self,
        app: AfterviewApplication,
        fake: FakeTelegram,
        user_id: int = 1001,
        first_name: str = "Sam",
    ) -> None:
        self.app = app
        self.fake = fake
        self.user_id = user_id
        self.first_name = first_name

    async def feed(self, update: dict[str, Any]) -> list[Sent]:
        """Process one raw update; returns what the bot sent or edited in reply."""
        before = len(self.fake.outbox)
        self.fake.remember(update)  # so that the bot may copy it (copyMessage)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        assert not self.fake.unexpected, f"Telegram would have rejected: {self.fake.unexpected}"
        return self.fake.outbox[before:]

    async def send(self, text: str) -> list[Sent]:
        return await self.feed(updates.message(self.user_id, text, first_name=self.first_name))

    async def press(self, label: str) -> list[Sent]:
        """Press the newest button in this chat whose label (or data) is `label`."""
        for sent in reversed(self.history):
            data = sent.button_data(label)
            if data is not None:
                return await self.feed(
                    updates.callback(self.user_id, data, sent, first_name=self.first_name)
                )
        raise AssertionError(
            f"no button {label!r}; last: {self.last.labels if self.history else []}"
        )

    async def press_data(self, data: str) -> list[Sent]:
        """Press a button with any data, even one we never sent (stale or forged)."""
        return await self.feed(updates.callback(self.user_id, data))

    @property
    def history(self) -> list[Sent]:
        return self.fake.sent_to(self.user_id)

    @property
    def last(self) -> Sent:
        return self.history[-1]

    def texts(self, replies: list[Sent]) -> str:
        return "\n---\n".join(r.text for r in replies)
