"""The replies for what no step took: /help, /cancel or /skip with nothing pending, unknown
commands, stray text ("what's next?" is understood), stickers and photos, expired buttons."""

from __future__ import annotations

import re

from telegram import Update

from bot.rules.intents import read_intent, read_outcome
from bot.texts import common as tc
from bot.texts import general as t
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from conversations.common import answered, command_hint, say, text_of
from conversations.general_next import show_next


async def help_command(update: Update, ctx: Ctx) -> None:
    """/help."""
    await say(update, ctx, tc.HELP)


async def cancel_idle(update: Update, ctx: Ctx) -> None:
    """/cancel with no question pending."""
    await say(update, ctx, tc.NOTHING_TO_CANCEL)


async def skip_idle(update: Update, ctx: Ctx) -> None:
    """/skip with no question pending."""
    await say(update, ctx, t.NOTHING_TO_SKIP)


_NEXT_TEXT = re.compile(
    r"^\s*(" + "|".join(re.escape(p) for p in t.NEXT_PHRASES) + r")\s*[?!.]*\s*$", re.I
)


async def free_text(update: Update, ctx: Ctx) -> None:
    """Text no step expects: "what's next?" shows the next step; news of an outcome ("I got
    the job!", "they said no") offers /outcome's question (nothing is recorded before a
    tap); thanks and greetings are answered in kind; anything else gets a hint."""
    text = text_of(update)
    next_button = kb.column([(tc.BTN_NEXT, kb.data("next", "show"))])
    if _NEXT_TEXT.match(text.replace("’", "'")):
        await show_next(update, ctx)
    elif read_outcome(text) is not None and read_intent(text) is None:  # (not a bare "no")
        heard = [(t.BTN_TELL_OUTCOME, kb.open_step("outcome"))]
        await say(update, ctx, t.HEARD_BACK, kb.column(heard))
    elif _plain(text) in t.THANKS_WORDS:
        await say(update, ctx, t.YOURE_WELCOME, next_button)
    elif _plain(text) in t.GREETING_WORDS:
        await say(update, ctx, t.HELLO, next_button)
    else:
        await say(update, ctx, tc.UNKNOWN_TEXT, next_button)


def _plain(text: str) -> str:
    """Lower case, without punctuation or emoji around the words ("Thanks!!" → "thanks")."""
    return " ".join(re.sub(r"[^a-z' ]+", " ", text.lower().replace("’", "'")).split())


async def unknown_command(update: Update, ctx: Ctx) -> None:
    """A command the bot doesn't have, or one addressed to another bot."""
    await say(update, ctx, command_hint(update, ctx))


async def media(update: Update, ctx: Ctx) -> None:
    """Anything but text (stickers, photos, voice)."""
    await say(update, ctx, tc.UNSUPPORTED_MEDIA)


async def stale_button(update: Update, ctx: Ctx) -> None:
    """A button whose data is stale, forged or someone else's: a toast and a message."""
    await answered(update, ctx, notice=tc.STALE_BUTTON)
    await say(update, ctx, tc.STALE_BUTTON)
