"""Texts of "Ask an adviser" (issue 17): what the client sees, and what the organisation's
staff see in their group. Plain and warm, like the seed articles, which end: contact us, our
team will answer your questions. Names and operator settings are escaped here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.settings import Settings
from bot.texts.common import esc

# --- the client ----------------------------------------------------------------------------
BTN_ASK = "💬 Ask an adviser"
BTN_SHARE = "Yes, share my messages"
BTN_SHARE_SUMMARY = "Yes, and a summary of my interviews"
BTN_NOT_NOW = "Not now"
BTN_REPLY = "↩️ Reply"

NOT_SET_UP = (
    "There are no advisers to write to through me here. Send /contact to see who runs this "
    "service and how to reach them."
)
CONSENT = (
    "💬 <b>Ask an adviser</b>\n"
    "You can write to {advisers} here, and their answers will come to this chat.\n\n"
    "<b>What they will see:</b> your first name and the messages you send them (text, photos, "
    "documents such as your CV). Never your username or phone number.\n"
    "If you like, they can also see a short summary of your interviews and next steps, so "
    "you don't have to explain it all again.\n\n"
    "You can stop sharing at any time with /adviser stop."
)
DECLINED = "No problem: nothing was shared. Send /adviser whenever you'd like to ask us."
WRITE = (
    "✍️ Write your message: text, a photo or a document such as your CV. What you send now "
    "goes to our advisers, until you pick something else (/cancel to stop)."
)
SENT = "✅ Sent to our advisers. Their answer will arrive in this chat."
AFTER_HOURS = "🕘 Our advisers answer {hours} ({zone} time), so expect an answer from {when}."
STOPPED = (
    "Sharing with our advisers is off: nothing more goes to them, and their replies no "
    "longer reach you. Send /adviser to start again."
)
NOT_SHARING = "You aren't sharing anything with our advisers. Send /adviser to write to them."
NOT_RELAYED = (
    "Sorry, I couldn't pass that on to our advisers just now. Please try again in a while, "
    "or send /contact to reach them another way."
)
FROM_ORG = "💬 <b>{org}</b>"
FROM_ADVISER = "💬 <b>{name}, {org}</b>"
ORG_FALLBACK = "our team"


def org(settings: Settings) -> str:
    """The organisation's name (escaped), or "our team"."""
    return esc(settings.operator_name) or ORG_FALLBACK


def consent_text(settings: Settings) -> str:
    name = esc(settings.operator_name)
    advisers = f"the advisers at <b>{name}</b>" if name else "our advisers"
    return CONSENT.format(advisers=advisers)


def from_org(settings: Settings, adviser: str | None) -> str:
    """The line that marks a reply as the organisation's (with the adviser's first name
    only when ADVISER_SHOW_NAMES allows it)."""
    if settings.adviser_show_names and adviser:
        return FROM_ADVISER.format(name=esc(adviser), org=org(settings))
    return FROM_ORG.format(org=org(settings))


def after_hours(settings: Settings, opening: datetime) -> str:
    """When to expect an answer: "Monday 09:00" in the office's zone."""
    when = opening.strftime("%A %H:%M")
    return AFTER_HOURS.format(
        hours=esc(settings.adviser_hours), zone=esc(settings.adviser_zone), when=when
    )


# --- the staff group -----------------------------------------------------------------------
TOPIC_NAME = "{name} · client {number}"
CARD = "👤 <b>{name}</b> · client {number}\n<b>Shared:</b> {shared}"
SHARED_MESSAGE = "first name and messages"
SHARED_SUMMARY = "first name, messages and a summary of interviews and steps"
SHARED_NOTHING = "nothing now: they stopped sharing (/adviser stop)"
CARD_INTERVIEWS = "<b>Active interviews:</b>\n{lines}"
CARD_NO_INTERVIEWS = "<b>Active interviews:</b> none"
CARD_NEXT = "<b>Next step:</b> {step} · {label}{due}"
CARD_HOW = "Reply in this topic: your messages go to them, marked as from {org}."
FROM_CLIENT = "✉️ From <b>{name}</b> · client {number} (reply to their message to answer)"
BLOCKED = "⚠️ {name} has blocked the bot: your reply didn't reach them."
NOT_CONSENTING = "⚠️ {name} stopped sharing with you: your reply wasn't passed on."
STOPPED_STAFF = "⏹ {name} stopped sharing: replies here no longer reach them."
FORGOTTEN = (
    "🗑 {name} · client {number} used /forget: everything the bot kept about them is gone. "
    "Replies here can't reach them."
)
NOT_DELIVERED = "⚠️ Telegram didn't take that reply (too long, or a kind of message it can't copy)."
CARD_ONLY_IN_TOPIC = "/card works in a client's topic."


def topic_name(first_name: str, number: int) -> str:
    """A topic's title: first name and number, never a username (at most 128 characters)."""
    return TOPIC_NAME.format(name=first_name[:100] or "Client", number=number)


def card(
    first_name: str,
    number: int,
    settings: Settings,
    summary: Sequence[str] | None,
    *,
    stopped: bool = False,
) -> str:
    """The card opening a client's topic; `summary` (lines, escaped) only when shared."""
    shared = SHARED_SUMMARY if summary is not None else SHARED_MESSAGE
    shared = SHARED_NOTHING if stopped else shared
    parts = [CARD.format(name=esc(first_name), number=number, shared=shared)]
    if summary is not None:
        parts.extend(summary)
    parts.append(CARD_HOW.format(org=org(settings)))
    return "\n\n".join(parts)


def interviews_lines(labels: Sequence[str]) -> str:
    if not labels:
        return CARD_NO_INTERVIEWS
    return CARD_INTERVIEWS.format(lines="\n".join(f"· {esc(label)}" for label in labels))


def next_line(step: str, label: str, due: datetime | None) -> str:
    when = f", due {due.strftime('%-d %b')}" if due is not None else ""
    return CARD_NEXT.format(step=esc(step), label=esc(label), due=when)


def staff(template: str, first_name: str, number: int = 0) -> str:
    return template.format(name=esc(first_name) or "The client", number=number)
