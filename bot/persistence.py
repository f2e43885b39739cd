"""PTB persistence in the bot's own SQLite file, so conversations survive a restart.

Conversation states are StrEnum members, so they round-trip through JSON as plain strings that
compare and hash equal to the members. Keys (tuples of ids) are stored as JSON lists.
User and chat data must be JSON-safe dicts; the handlers keep only small scratch values there.

Writing: PTB hands over changes one row at a time (conversation state, user data, chat data),
which would make a commit of each. Here the `update_*` methods only buffer the row (user and
chat data that didn't change are skipped), and `write_pending()`, called by the application
after each persistence pass, commits the buffer at once. The application runs one pass at a
time and lets updates that finish together share one (`AfterviewApplication`).
"""

from __future__ import annotations

import json
from typing import Any, cast

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.storage import Store
from bot.storage.ptb import Row
from bot.tg.runtime import Runtime

Data = dict[Any, Any]


class SQLitePersistence(BasePersistence[Data, Data, Data]):
    def __init__(self, runtime: Runtime, update_interval: float = 60) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self.runtime = runtime
        # Rows waiting to be written, by row so that a newer value replaces an older one
        # (None: delete the row); the newest user and chat data known, written or buffered.
        self._pending: dict[Row, str | None] = {}
        self._latest: dict[Row, str | None] = {}

    @property
    def store(self) -> Store:
        # The store opens in Application.initialize(), after this object is built.
        return self.runtime.store

    def _buffer(self, row: Row, value: str | None) -> None:
        # Unchanged user or chat data is not written again: most updates leave chat data and
        # often user data alone. (/forget deletes these rows and then drops PTB's copies, so
        # the memory here stays true.) Conversation states are always written: /forget
        # deletes their rows while PTB may still hold a state it will set again.
        if row[0] != "conversation":
            if row in self._latest and self._latest[row] == value:
                return
            self._latest[row] = value
        self._pending[row] = value

    async def write_pending(self) -> None:
        """Commit everything buffered so far (the application calls it after each pass)."""
        if not self._pending:
            return
        batch, self._pending = self._pending, {}
        try:
            # Mostly one row (the conversation's state): then SQLite's own autocommit.
            opened = self.store.single() if len(batch) == 1 else self.store.transaction()
            async with opened as tx:
                await tx.ptb.write(batch)
        except BaseException:
            # Keep the rows for the next attempt, unless a newer value replaced them.
            for row, value in batch.items():
                self._pending.setdefault(row, value)
            raise

    # --- reading, once at start-up ------------------------------------------------------
    async def get_conversations(self, name: str) -> ConversationDict:
        rows = await self.store.ptb.conversations(name)
        return {tuple(json.loads(key)): json.loads(state) for key, state in rows}

    async def get_user_data(self) -> dict[int, Data]:
        return await self._load("user")

    async def get_chat_data(self) -> dict[int, Data]:
        return await self._load("chat")

    async def _load(self, kind: str) -> dict[int, Data]:
        rows = await self.store.ptb.data(kind)
        for ident, data in rows:
            self._latest[(kind, ident, "")] = data
        return {ident: cast(Data, json.loads(data)) for ident, data in rows}

    async def get_bot_data(self) -> Data:
        return {}

    async def get_callback_data(self) -> CDCData | None:
        return None

    # --- writing: buffered, see write_pending() ------------------------------------------------
    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        state = None if new_state is None else json.dumps(new_state)
        self._buffer(("conversation", name, json.dumps(list(key))), state)

    async def update_user_data(self, user_id: int, data: Data) -> None:
        self._buffer(("user", user_id, ""), json.dumps(data))

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        self._buffer(("chat", chat_id, ""), json.dumps(data))

    async def update_bot_data(self, data: Data) -> None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        return None

    async def drop_user_data(self, user_id: int) -> None:
        self._buffer(("user", user_id, ""), None)

    async def drop_chat_data(self, chat_id: int) -> None:
        self._buffer(("chat", chat_id, ""), None)

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        return None

    async def refresh_bot_data(self, bot_data: Data) -> None:
        return None

    async def flush(self) -> None:
        # PTB calls this on shutdown; the application writes after every update anyway.
        await self.write_pending()
