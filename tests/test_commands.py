"""The command menu, /help and the handlers agree.

Three lists name the bot's commands: the menu Telegram shows (bot.texts.common.COMMANDS, set
by set_my_commands at initialize), the /help text, and the CommandHandlers the steps register
(bot.app.handlers.conversations()). A command in the menu or /help that nothing answers is a
dead end; a command answered but in neither is one nobody finds.
"""

from __future__ import annotations

import re

from telegram.ext import CommandHandler

from bot.app import AfterviewApplication, handlers
from bot.texts import common as tc
from tests.chat import Chat
from tests.fakeapi import FakeTelegram
from tests.journeys import setup_user

CONTROL = {"cancel", "skip"}  # mean something only while a question is pending
ADMIN_ONLY = {"stats"}  # deliberately off the menu and /help: only the operator's admins
# Choices: /start is Telegram's own way in (every client offers it to a new user), so the menu
# and /help leave it out and point to /settings instead; /help does not list itself.
NOT_IN_MENU = {"start"}
NOT_IN_HELP = {"start", "help"}


def handled_commands() -> dict[str, set[str]]:
    """Every command a registered CommandHandler answers → where ("step.part") it is."""
    found: dict[str, set[str]] = {}
    for c in handlers.conversations():
        parts = {
            "entry_points": c.entry_points,
            "passive": c.passive,
            "cancel": c.cancel,
            "catch_all": c.catch_all,
            "actions": c.actions,
            "last_resort": c.last_resort,
        }
        parts |= {f"state {state}": group for state, group in c.states.items()}
        for part, group in parts.items():
            for handler in group:
                if isinstance(handler, CommandHandler):
                    for command in handler.commands:
                        found.setdefault(command, set()).add(f"{c.name}.{part}")
    return found


def commands_in(text: str) -> set[str]:
    """The /commands a text mentions ("/export – … · /forget – …" gives export and forget)."""
    return set(re.findall(r"(?<!\S)/([a-z0-9_]+)", text))


async def help_lists(chat: Chat) -> set[str]:
    """The commands /help lists, asked through the real Application."""
    replies = await chat.send("/help")
    assert len(replies) == 1 and replies[0].html == tc.HELP
    return commands_in(replies[0].text)


def test_commands_in_reads_a_help_line() -> None:
    line = "<b>Do</b>\n/export – a file · /forget – delete it\n/skip – skip · and/or a/b"
    assert commands_in(line) == {"export", "forget", "skip"}


async def test_the_menu_is_set_at_start(app: AfterviewApplication, fake: FakeTelegram) -> None:
    assert fake.method_calls("setMyCommands")  # at initialize, before any update
    assert fake.commands == [{"command": c, "description": d} for c, d in tc.COMMANDS]


async def test_every_command_in_the_menu_and_in_help_is_answered(
    chat: Chat, fake: FakeTelegram
) -> None:
    menu = {c["command"] for c in fake.commands}
    listed = await help_lists(chat)
    handled = handled_commands()
    assert menu and listed and handled  # nothing vacuous
    assert menu - handled.keys() == set(), "in the menu, but no handler answers"
    assert listed - handled.keys() == set(), "in /help, but no handler answers"
    # Sent by a user with no question pending, each gets a real answer: not "unknown
    # command", not an error.
    await setup_user(chat)
    for command in sorted(menu | listed):
        await chat.send("/cancel")  # whatever the command before it started
        text = chat.texts(await chat.send(f"/{command}"))
        assert text and tc.UNKNOWN_COMMAND not in text and tc.ERROR not in text, command


async def test_every_answered_command_is_in_the_menu_and_in_help(
    chat: Chat, fake: FakeTelegram
) -> None:
    menu = {c["command"] for c in fake.commands}
    listed = await help_lists(chat)
    everyday = handled_commands().keys() - CONTROL - ADMIN_ONLY
    assert everyday - menu == NOT_IN_MENU, "answered, but not in the menu (COMMANDS)"
    assert everyday - listed == NOT_IN_HELP, "answered, but not in /help (HELP)"
    assert CONTROL.issubset(listed), "/help explains /skip and /cancel"
    assert ADMIN_ONLY.isdisjoint(menu | listed), "admin commands stay off the menu and /help"


async def test_commands_nothing_takes_get_a_hint_never_silence(chat: Chat) -> None:
    """Case L10 and its kind: another bot's command, an unknown one, /skip where a question
    needs a button; at idle and with a question pending."""
    await setup_user(chat)
    r = await chat.send("/debrief@OtherBot")
    assert "@OtherBot" in chat.texts(r) and "/debrief" in chat.texts(r)
    assert "know that command" in chat.texts(await chat.send("/frobnicate"))
    await chat.send("/outcome")  # nothing to report on yet: no question pending
    await chat.send("/debrief")
    r = await chat.send("/debrief@OtherBot")  # at "Which company?"
    assert "@OtherBot" in chat.texts(r) and "Which company" in chat.texts(r)
    r = await chat.send("/debrief@" + chat.app.bot.username)  # ours: handled as /debrief
    assert "Which company" in chat.texts(r) and "@" not in chat.texts(r)


async def test_skip_where_a_question_needs_a_button_says_so(chat: Chat) -> None:
    await setup_user(chat)
    await chat.send("/settings")
    r = await chat.send("/skip")
    assert "needs an answer" in chat.texts(r) and "know that command" not in chat.texts(r)
