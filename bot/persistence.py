"""PTB persistence in the bot's own SQLite file, so conversations survive a restart.

Conversation states are StrEnum members, so they round-trip through JSON as plain strings that
compare and hash equal to the members. Keys (tuples of ids) are stored as JSON lists.
User and chat data must be JSON-safe dicts; the handlers keep only small scratch values there.
"""

from __future__ import annotations

import json
from typing import Any, cast

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.repo import Store
from bot.runtime import Runtime

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

    @property
    def store(self) -> Store:
        # The store opens in Application.initialize(), after this object is built.
        return self.runtime.store

    async def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        async with self.store.transaction() as tx:
            await tx.db.execute(sql, params)

    # --- reading, once at start-up ------------------------------------------------------
    async def get_conversations(self, name: str) -> ConversationDict:
        async with self.store.db.execute(
            "SELECT key, state FROM ptb_conversations WHERE name = ?", (name,)
        ) as cursor:
            rows = await cursor.fetchall()
        return {tuple(json.loads(r["key"])): json.loads(r["state"]) for r in rows}

    async def get_user_data(self) -> dict[int, Data]:
        return await self._load("SELECT user_id, data FROM ptb_user_data")

    async def get_chat_data(self) -> dict[int, Data]:
        return await self._load("SELECT chat_id, data FROM ptb_chat_data")

    async def _load(self, sql: str) -> dict[int, Data]:
        async with self.store.db.execute(sql) as cursor:
            rows = await cursor.fetchall()
        return {int(r[0]): cast(Data, json.loads(r[1])) for r in rows}

    async def get_bot_data(self) -> Data:
        return {}

    async def get_callback_data(self) -> CDCData | None:
        return None

    # --- writing --------------------------------------------------------------------------
    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        key_json = json.dumps(list(key))
        if new_state is None:
            await self._write(
                "DELETE FROM ptb_conversations WHERE name = ? AND key = ?", (name, key_json)
            )
        else:
            await self._write(
                "INSERT INTO ptb_conversations (name, key, state) VALUES (?, ?, ?)"
                " ON CONFLICT(name, key) DO UPDATE SET state = excluded.state",
                (name, key_json, json.dumps(new_state)),
            )

    async def update_user_data(self, user_id: int, data: Data) -> None:
        await self._write(
            "INSERT INTO ptb_user_data (user_id, data) VALUES (?, ?)"
            " ON CONFLICT(user_id) DO UPDATE SET data = excluded.data",
            (user_id, json.dumps(data)),
        )

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        await self._write(
            "INSERT INTO ptb_chat_data (chat_id, data) VALUES (?, ?)"
            " ON CONFLICT(chat_id) DO UPDATE SET data = excluded.data",
            (chat_id, json.dumps(data)),
        )

    async def update_bot_data(self, data: Data) -> None:
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        return None

    async def drop_user_data(self, user_id: int) -> None:
        await self._write("DELETE FROM ptb_user_data WHERE user_id = ?", (user_id,))

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._write("DELETE FROM ptb_chat_data WHERE chat_id = ?", (chat_id,))

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        return None

    async def refresh_bot_data(self, bot_data: Data) -> None:
        return None

    async def flush(self) -> None:
        # Every write above is committed as it happens; nothing is buffered here.
        return None
