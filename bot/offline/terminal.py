"""`afterview chat`: the whole bot in a terminal, without Telegram.

The real Application (the same handlers, conversations, persistence and SQLite store) runs on
the offline Bot API of `bot/offline_api.py`: a line typed here becomes a Telegram update, every
message the bot sends is printed as plain text with its buttons numbered; "[n]", "#n" or a
label as it reads ("Just now", "4" at the rating) presses one of the newest message's buttons.
A number alone is an answer, as on Telegram: a company "1" is not button 1 (Skip). The JobQueue
runs too, so a nudge that falls due while the terminal is open is printed like any other.
Nothing in `conversations/` knows it isn't talking to Telegram.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import re
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from pydantic import SecretStr
from telegram import Update

from bot.app import AfterviewApplication, build_application
from bot.offline.api import BOT_ID, BOT_USERNAME, FakeRequest, FakeTelegram, Sent
from bot.offline.staffdesk import STAFF_CHAT_ID, StaffDesk
from bot.rules.numbers import whole_number
from bot.settings import Settings
from bot.texts import terminal as t
from bot.tg.runtime import Clock, system_clock

TERMINAL_USER_ID = 1
TERMINAL_NAME = "Sam"
# Never sent anywhere: the offline API answers every request itself. It only has to look like
# a token because PTB builds request URLs with it.
OFFLINE_TOKEN = "100000:offline_terminal_chat_no_telegram_needed"
BUTTON_GAP = "   "
_BOT = {"id": BOT_ID, "is_bot": True, "first_name": t.BOT, "username": BOT_USERNAME}
_PRESS = re.compile(r"(?:\[|#)\s*(?P<n>[0-9]{1,3})\s*\]?")  # "[2]" or "#2": press button 2


def terminal_database(database: Path) -> Path:
    """The terminal's own SQLite file beside the bot's, so that trying the coach out never
    mixes a made-up user into the organisation's real data."""
    return database.with_name(f"{database.stem}-terminal{database.suffix}")


class Terminal:
    """One person at a terminal: turns lines into updates and the bot's messages into text."""

    def __init__(
        self,
        app: AfterviewApplication,
        api: FakeTelegram,
        out: TextIO,
        *,
        user_id: int = TERMINAL_USER_ID,
        first_name: str = TERMINAL_NAME,
        files: Path | None = None,
        desk: bool = False,
    ) -> None:
        self.app, self.api, self.out = app, api, out
        self.user_id, self.first_name = user_id, first_name
        self.files = files
        self.buttons: list[tuple[str, str]] = []  # the newest message's, in printed order
        self.buttons_message: Sent | None = None
        self.texts: dict[int, str] = {}  # message id → text last printed, to show edits
        self.prompting = False  # a prompt is on screen: print around it
        self._ids = itertools.count(1)
        api.observers.append(self.observe)
        self.desk = StaffDesk(api, self._show) if desk else None  # --adviser

    # --- what the bot sends -------------------------------------------------------------
    def observe(self, method: str, params: dict[str, Any], sent: Sent | None) -> None:
        if method == "answerCallbackQuery":
            if params.get("text"):
                self._show(t.NOTICE.format(text=params["text"]))
            return
        if sent is None or sent.chat_id != self.user_id:
            return
        if method in ("sendMessage", "sendDocument", "copyMessage"):
            self._show_message(sent)
        elif method == "editMessageText":
            self._show_edit(sent)
        elif method == "editMessageReplyMarkup" and self._is_buttons_message(sent):
            self._set_buttons(sent)
            if sent.buttons:
                self._show(self._button_lines(sent))

    def _show_message(self, sent: Sent) -> None:
        lines = [f"{t.BOT}: {sent.text}" if sent.text else f"{t.BOT}:"]
        if sent.document is not None:
            lines.append(self._save(sent.document))
        self.texts[sent.message_id] = sent.text
        self._set_buttons(sent)
        if sent.buttons:
            lines.append(self._button_lines(sent))
        self._show("\n".join(lines))

    def _show_edit(self, sent: Sent) -> None:
        before = self.texts.get(sent.message_id, "")
        self.texts[sent.message_id] = sent.text
        if before and sent.text.startswith(before):
            # A pressed button's choice, appended in place ("→ Skip"): show just that.
            self._show("    " + sent.text[len(before) :].strip())
        else:
            self._show(t.EDITED.format(text=sent.text))
        if self._is_buttons_message(sent):
            self._set_buttons(sent)
            if sent.buttons:
                self._show(self._button_lines(sent))

    def _is_buttons_message(self, sent: Sent) -> bool:
        return self.buttons_message is not None and (
            sent.message_id == self.buttons_message.message_id
        )

    def _set_buttons(self, sent: Sent) -> None:
        self.buttons = [button for row in sent.buttons for button in row]
        self.buttons_message = sent if sent.buttons else None

    def _button_lines(self, sent: Sent) -> str:
        numbers = itertools.count(1)
        rows = [
            BUTTON_GAP.join(t.BUTTON.format(n=next(numbers), label=label) for label, _ in row)
            for row in sent.buttons
        ]
        return "\n".join("  " + row for row in rows)

    def _save(self, document: tuple[str, bytes]) -> str:
        name, content = document
        if self.files is None:
            return t.FILE.format(name=name, size=len(content), path="(not saved)")
        self.files.mkdir(parents=True, exist_ok=True)
        path = self.files / Path(name).name
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        return t.FILE.format(name=name, size=len(content), path=path)

    def _show(self, text: str) -> None:
        # A nudge can arrive while the prompt waits for input: start on a fresh line, then
        # put the prompt back under it.
        prefix = "\n" if self.prompting else ""
        self.out.write(f"{prefix}{text}\n")
        if self.prompting:
            self.out.write(t.PROMPT)
        self.out.flush()

    def prompt(self) -> None:
        self.out.write(t.PROMPT)
        self.out.flush()
        self.prompting = True

    # --- what the person types ----------------------------------------------------------
    async def handle(self, line: str) -> bool:
        """Act on one typed line; False when the person wants to leave."""
        self.prompting = False
        text = line.strip()
        if not text:
            return True
        if text.lower() in t.QUIT_WORDS:
            return False
        pressed = _PRESS.fullmatch(text)
        n = whole_number(pressed["n"], 1, len(self.buttons)) if pressed else self._labelled(text)
        if n is not None:
            await self.press(n)
            return True
        if pressed is not None:
            self._show(t.NO_SUCH_BUTTON.format(n=pressed["n"]))
            return True
        if self.desk is not None and self.desk.takes(text):
            await self._feed(self.desk.message(text))  # an adviser's reply (--adviser)
            return True
        await self.send(text)
        return True

    def _labelled(self, text: str) -> int | None:
        """The number of the newest message's button whose label is `text` (any case)."""
        labels = [label.strip().casefold() for label, _ in self.buttons]
        return labels.index(text.casefold()) + 1 if text.casefold() in labels else None

    async def send(self, text: str) -> None:
        body: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": self.user_id, "type": "private"},
            "from": self._user(),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        await self._feed({"message": body})

    async def press(self, n: int) -> None:
        data = self.buttons[n - 1][1]
        message = self.buttons_message
        if data.startswith(("https://", "http://")) or message is None:
            self._show(t.LINK.format(url=data))
            return
        query = {
            "id": f"t{next(self._ids)}",
            "from": self._user(),
            "chat_instance": "terminal",
            "data": data,
            "message": {
                "message_id": message.message_id,
                "date": int(time.time()),
                "chat": {"id": self.user_id, "type": "private"},
                "from": _BOT,
                "text": self.texts.get(message.message_id, message.text),
            },
        }
        await self._feed({"callback_query": query})

    def _user(self) -> dict[str, Any]:
        return {"id": self.user_id, "is_bot": False, "first_name": self.first_name}

    async def _feed(self, body: dict[str, Any]) -> None:
        self.api.remember(body)  # the bot may copy it (to the advisers)
        update = Update.de_json({"update_id": next(self._ids), **body}, self.app.bot)
        await self.app.process_update(update)
        # The offline API collects what Telegram would refuse instead of failing: say so.
        with self.api.lock:
            problems, self.api.unexpected[:] = list(self.api.unexpected), []
        for problem in problems:
            self._show(t.REJECTED.format(problem=problem))


def _read_lines(
    stream: TextIO, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[str | None]
) -> None:
    """A daemon thread's loop: blocking reads never hold up the bot, nor its exit."""
    try:
        for line in iter(stream.readline, ""):
            loop.call_soon_threadsafe(lines.put_nowait, line)
    except (OSError, ValueError):
        pass  # the terminal went away: treat it as the end of input
    with contextlib.suppress(RuntimeError):  # the loop may already have finished
        loop.call_soon_threadsafe(lines.put_nowait, None)


async def run_chat(
    settings: Settings,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    user_id: int = TERMINAL_USER_ID,
    first_name: str = TERMINAL_NAME,
    clock: Clock = system_clock,
    adviser: bool = False,
) -> None:
    """Run the bot for one person at this terminal until /quit or the end of input; with
    `adviser`, the advisers' staff group too (bot/offline/staffdesk.py)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if settings.telegram_bot_token is None:
        settings = settings.model_copy(update={"telegram_bot_token": SecretStr(OFFLINE_TOKEN)})
    if adviser and settings.adviser_chat_id is None:
        settings = settings.model_copy(update={"adviser_chat_id": STAFF_CHAT_ID})
    api = FakeTelegram()
    app = build_application(settings, request=FakeRequest(api), clock=clock)
    files = settings.database_path.parent / "terminal-files"
    terminal = Terminal(
        app, api, stdout, user_id=user_id, first_name=first_name, files=files, desk=adviser
    )
    await app.initialize()
    try:
        await app.start()  # the JobQueue: nudges print when they fall due
        stdout.write(t.INTRO.format(database=settings.database_path) + "\n\n")
        await terminal.send("/start")
        await _converse(terminal, stdin)
        terminal.prompting = False
        stdout.write(f"\n{t.BYE}\n")
        stdout.flush()
    finally:
        if app.running:
            await app.stop()
        await app.shutdown()


async def _converse(terminal: Terminal, stdin: TextIO) -> None:
    """Hand each line typed at the terminal to the bot until /quit or the end of input."""
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()
    reader = threading.Thread(
        target=_read_lines, args=(stdin, loop, lines), name="terminal-input", daemon=True
    )
    reader.start()
    while True:
        terminal.prompt()
        line = await lines.get()
        if line is None or not await terminal.handle(line):
            break
