"""Texts of `afterview chat`, the coach in a terminal (plain text, not HTML)."""

from __future__ import annotations

INTRO = (
    "Afterview in your terminal: the same coach as on Telegram, talking to you here.\n"
    "Your answers are kept in {database}.\n"
    "Type your answers; to press a button shown as [1], [2]…, type [1] (or #1) or its label.\n"
    "A number on its own is an answer (a company called “1”, a rating).\n"
    "Type /quit (or press Ctrl+D) to leave, and /help to see everything the coach can do.\n"
    "To run it on Telegram: talk to @BotFather (send /newbot), then\n"
    "  TELEGRAM_BOT_TOKEN=<the token it gives you> make run"
)
PROMPT = "you> "
BOT = "Afterview"
BUTTON = "[{n}] {label}"
EDITED = "(edited) {text}"
NOTICE = "({text})"
FILE = "📎 {name} ({size} bytes), saved to {path}"
LINK = "Open this link in your browser: {url}"
NO_SUCH_BUTTON = "(There's no button [{n}] right now.)"
REJECTED = "(Telegram would have rejected a message: {problem})"
BYE = "Bye! Everything you answered is saved; run this again to carry on."
QUIT_WORDS = frozenset({"/quit", "/exit"})
