"""`afterview chat`: the real bot in a terminal, through the offline Bot API."""

from __future__ import annotations

import asyncio
import io
import os
import pty
import re
import select
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.error import BadRequest

from bot.app import AfterviewApplication, build_application
from bot.offline.api import FakeRequest, FakeTelegram
from bot.offline.terminal import Terminal, run_chat, terminal_database
from bot.texts import terminal as tt
from tests.conftest import Clock, make_settings, read_db
from tests.process import ROOT, bot_env


# --- in-process: the Terminal on streams, time under the test's control ----------------------
class Screen(io.StringIO):
    def since(self, mark: int) -> str:
        return self.getvalue()[mark:]


@pytest.fixture
async def terminal(tmp_path: Path, clock: Clock) -> AsyncIterator[Terminal]:
    settings = make_settings(tmp_path)
    api = FakeTelegram()
    app = build_application(settings, request=FakeRequest(api), clock=clock)
    term = Terminal(app, api, Screen(), files=tmp_path / "files")
    await app.initialize()
    await app.start()  # the JobQueue, as `afterview chat` runs it
    yield term
    await app.stop()
    await app.shutdown()


async def say(term: Terminal, line: str) -> str:
    """Type a line; returns what the terminal printed in answer."""
    screen = term.out
    assert isinstance(screen, Screen)
    mark = len(screen.getvalue())
    assert await term.handle(line)
    return screen.since(mark)


async def test_buttons_are_numbered_and_pressed_by_number(terminal: Terminal) -> None:
    out = await say(terminal, "/start")
    assert "Afterview: 👋 Hi, I'm Afterview." in out  # HTML shown as plain text
    assert "[1] 🇬🇧 London   [2] 🇨🇦 Toronto   [3] 🇮🇪 Dublin" in out
    out = await say(terminal, "[1]")
    assert "→ Europe/London" in out  # the pressed button's choice, shown in place
    assert "Which country" in out and "[7] Skip" in out
    out = await say(terminal, "#9")  # there is no button 9: nothing is sent
    assert tt.NO_SUCH_BUTTON.format(n=9) in out and "Which country" not in out
    out = await say(terminal, "Ireland")
    assert "Country: Ireland" in out
    user = await terminal.app.runtime.store.users.get(terminal.user_id)
    assert user is not None and (user.tz, user.country) == ("Europe/London", "IE")


async def test_html_characters_and_stale_buttons(terminal: Terminal) -> None:
    await say(terminal, "/start")
    await say(terminal, "[1]")
    await say(terminal, "[1]")
    out = await say(terminal, "/debrief")
    assert "Which company" in out and "[1] Skip" in out
    out = await say(terminal, "<b>Acme</b> & Co")
    assert "role" in out
    out = await say(terminal, "Analyst")
    assert "When was it? Tap Just now" in out and "<b>" not in out
    interview = (await terminal.app.runtime.store.interviews.active(terminal.user_id))[0]
    assert interview.company == "<b>Acme</b> & Co"  # stored as typed


async def test_what_telegram_would_refuse_is_reported(terminal: Terminal) -> None:
    # The bot never sends broken HTML in the suite; make the offline API see one anyway.
    with pytest.raises(BadRequest):
        await terminal.app.bot.send_message(terminal.user_id, "<b>unclosed")
    out = await say(terminal, "/help")
    assert "Telegram would have rejected a message" in out and "unclosed <b>" in out
    assert terminal.api.unexpected == []


async def test_a_message_from_a_job_prints_beside_the_prompt(terminal: Terminal) -> None:
    await say(terminal, "/start")
    screen = terminal.out
    assert isinstance(screen, Screen)

    sent = asyncio.Event()

    async def nudge(ctx: object) -> None:
        await terminal.app.bot.send_message(terminal.user_id, "⏰ <b>Time for your notes</b>")
        sent.set()

    terminal.prompt()
    mark = len(screen.getvalue())
    assert terminal.app.job_queue is not None
    terminal.app.job_queue.run_once(nudge, 0)  # the JobQueue runs while input is awaited
    await asyncio.wait_for(sent.wait(), timeout=10)
    assert screen.since(mark) == f"\n{tt.BOT}: ⏰ Time for your notes\n{tt.PROMPT}"


async def test_nudges_print_when_due(terminal: Terminal, clock: Clock) -> None:
    app: AfterviewApplication = terminal.app
    dispatcher = getattr(app.runtime, "dispatcher", None)
    if dispatcher is None:
        pytest.skip("the nudge dispatcher is not in this build")
    await say(terminal, "/start")
    await say(terminal, "[1]")
    await say(terminal, "[1]")
    await say(terminal, "/debrief")
    # "4" at the rating presses the button labelled 4; "Skip" the one labelled Skip.
    for answer in (
        "Acme",
        "Analyst",
        "[1]",
        "Priya",
        "#1",
        "[2]",
        "[1]",
        "[3]",
        "[1]",
        "4",
        "Skip",
    ):
        await say(terminal, answer)
    await say(terminal, "[1]")  # skip the last question
    screen = terminal.out
    assert isinstance(screen, Screen)
    terminal.prompt()
    mark = len(screen.getvalue())
    await dispatcher.run()
    assert screen.since(mark) == ""  # nothing is due yet
    clock.advance(hours=3)
    await dispatcher.run()
    printed = screen.since(mark)
    assert printed.startswith(f"\n{tt.BOT}: ") and "Acme" in printed
    assert re.search(r"\[1\] ", printed), printed  # the nudge's buttons, numbered


async def test_run_chat_on_streams(tmp_path: Path, clock: Clock) -> None:
    settings = make_settings(tmp_path, telegram_bot_token=None)
    out = io.StringIO()
    await run_chat(
        settings, stdin=io.StringIO("[1]\n[1]\n/quit\nnot read\n"), stdout=out, clock=clock
    )
    text = out.getvalue()
    assert text.startswith(tt.INTRO.format(database=settings.database_path))
    assert "@BotFather" in text and "Country: United Kingdom" in text
    assert text.rstrip().endswith(tt.BYE)
    assert await read_db(settings, "SELECT tz, country FROM users") == [("Europe/London", "GB")]


def test_terminal_database_is_its_own_file() -> None:
    assert terminal_database(Path("data/afterview.sqlite3")) == Path(
        "data/afterview-terminal.sqlite3"
    )


# --- a real pseudo-terminal: `python -m bot chat`, typed at ----------------------------------
class Pty:
    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, close_fds=True
        )
        os.close(slave)
        self.seen = ""
        self.mark = 0

    def expect(self, text: str, timeout: float = 20) -> str:
        """Read until `text` appears after the last match; returns what came in between."""
        deadline = time.monotonic() + timeout
        while text not in self.seen[self.mark :]:
            left = deadline - time.monotonic()
            assert left > 0, f"no {text!r} in:\n{self.seen[self.mark :][-1500:]}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                assert chunk, f"the chat ended before {text!r}:\n{self.seen[-1500:]}"
                self.seen += chunk.decode(errors="replace").replace("\r\n", "\n")
        start = self.mark
        self.mark = self.seen.index(text, self.mark) + len(text)
        return self.seen[start : self.mark]

    def type(self, line: str, then: str) -> str:
        self.expect(tt.PROMPT)
        os.write(self.master, (line + "\n").encode())
        return self.expect(then)

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()  # a failed test left it waiting for input
            return self.proc.wait()
        finally:
            os.close(self.master)


def test_a_full_debrief_in_a_pseudo_terminal(tmp_path: Path) -> None:
    env = bot_env(None, "http://127.0.0.1:9/bot", tmp_path / "data" / "afterview.sqlite3")
    env.update(PYTHONPATH=str(ROOT), LANG="C.UTF-8")
    term = Pty([sys.executable, "-m", "bot", "chat", "--name", "Alex"], env, tmp_path)
    try:
        term.expect("Which time zone")
        term.type("[1]", "Which country")
        term.type("[1]", "Which nation")  # UK
        term.type("[1]", "All set")  # England
        term.type("[1]", "Which company")  # the "Debrief an interview" button
        term.type("Acme <Ltd> & Co", "What's the role")
        term.type("Data Analyst", "When was it")
        term.type("Just now", "Who interviewed")  # the button labelled Just now
        term.type("Priya Shah", "email")
        term.type("priya@acme.example", "Anyone else")
        term.type("[2]", "next stage")  # That's everyone
        term.type("[1]", "get back to you")  # I didn't ask
        term.type("[3]", "process")  # They didn't say
        term.type("#1", "how do you think it went")  # Nothing mentioned
        term.type("4", "What went well")
        term.type("My SQL answer", "didn't quite land")
        done = term.type("The salary question", "Next:")
        assert "Debrief saved for Data Analyst at Acme <Ltd> & Co" in done
        nxt = term.type("what's next?", "Next:") + term.expect("[1] Start:")
        assert "Data Analyst at Acme" in nxt
        term.type("/quit", tt.BYE)
    finally:
        code = term.close()
    assert code == 0, term.seen[-2000:]
    assert "Traceback" not in term.seen
    database = terminal_database(tmp_path / "data" / "afterview.sqlite3")
    assert oct(database.stat().st_mode & 0o777) == "0o600"
    db = sqlite3.connect(database)
    rows = db.execute("SELECT company, role, rating FROM interviews").fetchall()
    names = db.execute("SELECT first_name FROM users").fetchall()
    db.close()
    assert rows == [("Acme <Ltd> & Co", "Data Analyst", 4)]
    assert names == [("Alex",)]
    # The bot's own database was never touched: the terminal keeps to its own file.
    assert not (tmp_path / "data" / "afterview.sqlite3").exists()


def test_run_without_token_points_to_chat(tmp_path: Path) -> None:
    env = bot_env(None, "http://127.0.0.1:9/bot", tmp_path / "db.sqlite3")
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "TELEGRAM_BOT_TOKEN is missing" in result.stderr and "afterview chat" in result.stderr


async def test_digits_that_are_not_numbers_are_text(terminal: Terminal) -> None:
    """A "²" passes `str.isdigit()` but not `int()`: typed at a question with buttons it is
    sent as text, never a crash."""
    await say(terminal, "/start")
    out = await say(terminal, "²")
    assert "time zone" in out and "Traceback" not in out


async def test_starting_again_shows_the_question_left_half_answered(
    tmp_path: Path, clock: Clock
) -> None:
    """Issue 15: quit mid-question, start again: the question is shown again, still pending."""
    settings = make_settings(tmp_path, telegram_bot_token=None)
    first = io.StringIO()
    typed = "[1]\n[1]\n[1]\n/debrief\nAcme\n/quit\n"
    await run_chat(settings, stdin=io.StringIO(typed), stdout=first, clock=clock)
    assert first.getvalue().count("What's the role?") == 1
    again = io.StringIO()
    await run_chat(settings, stdin=io.StringIO("Analyst\n/quit\n"), stdout=again, clock=clock)
    text = again.getvalue()
    assert "We were in the middle of this" in text and "What would you like to do?" not in text
    assert "What's the role?" in text.split("middle of this")[1]
    found = await read_db(settings, "SELECT company, role FROM interviews")
    assert found == [("Acme", "Analyst")]


async def test_a_typed_number_is_an_answer_not_a_button(terminal: Terminal) -> None:
    await say(terminal, "/start")
    await say(terminal, "[1]")
    await say(terminal, "[1]")
    await say(terminal, "[1]")
    out = await say(terminal, "/debrief")
    assert "[1] Skip" in out
    out = await say(terminal, "1")  # a company called "1", not Skip
    assert "role" in out and "→ Skip" not in out
    interview = (await terminal.app.runtime.store.interviews.active(terminal.user_id))[0]
    assert interview.company == "1"
    for answer in ("Analyst", "Just now", "Priya", "[1]", "[2]", "[1]", "[3]"):
        await say(terminal, answer)
    out = await say(terminal, "#1")  # Nothing mentioned: the rating's buttons 1–5, Skip
    assert "[6] Skip" in out
    out = await say(terminal, "6")  # not the sixth button (Skip): out of the scale
    assert "→ Skip" not in out and "What went well" not in out
    out = await say(terminal, "5")  # the button labelled 5
    assert "What went well" in out
    interview = (await terminal.app.runtime.store.interviews.active(terminal.user_id))[0]
    assert interview.rating == 5
