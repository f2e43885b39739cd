"""Texts of `afterview chat`, the coach in a terminal (plain text, not HTML)."""

from __future__ import annotations

INTRO = (
    "Afterview in your terminal: the same coach as on Telegram, talking to you here.\n"
    "Your answers are kept in {database}.\n"
    "Type your answers, type a number to press one of the buttons shown as [1], [2]…,\n"
    "and /quit (or Ctrl+D) to leave. Send /help to see everything the coach can do.\n"
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
NO_SUCH_BUTTON = "(There's no button {n} right now; sending it as a message.)"
REJECTED = "(Telegram would have rejected a message: {problem})"
BYE = "Bye! Everything you answered is saved; run this again to carry on."
QUIT_WORDS = frozenset({"/quit", "/exit"})
