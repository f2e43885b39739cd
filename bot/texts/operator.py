"""Texts about the organisation running the bot: /contact, the closing contact block, the
allow-list refusal, and the operators' /stats.

The closing block follows the seed articles, which end the same way: who the organisation is,
and an invitation to get in touch if you'd like help getting into work. Operator settings are
escaped like user text: they come from a config file, not from us.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.settings import Settings
from bot.terms import Stats, Step
from bot.texts.common import STEP_NAMES, esc

CONTACT_BLOCK = (
    "📞 <b>Contact us</b>\n"
    "{about}"
    "If you'd like some help getting into work, contact <b>{name}</b>. Their team will be "
    "able to answer any questions you may have.\n"
    "{contact}"
)
NO_OPERATOR = (
    "This coach isn't run by a particular organisation, so there's nobody to contact through "
    "me. Send /help to see what I can do."
)
NOT_ALLOWED = (
    "Sorry, this coach is only open to the clients of {name}. If you'd like to use it, "
    "please get in touch with them.{contact}"
)
NOT_ALLOWED_NO_NAME = (
    "Sorry, this coach is only open to the clients of the organisation that runs it. If "
    "you'd like to use it, please get in touch with them."
)
STATS_ADMINS_ONLY = (
    "Sorry, /stats is only for the team running this service. Send /help to see what I can do."
)

STATS = (
    "📊 <b>Afterview</b> · {when}\n"
    "<b>Users:</b> {users} ({users_with_active} with an active interview)\n"
    "<b>Interviews:</b> {active} active, {closed} closed\n"
    "<b>Steps done</b> (skipped):\n"
    "{steps}\n"
    "<b>Nudges:</b> {nudges}"
)
STATS_STEP = "· {step}: {done} ({skipped})"
STATS_NO_STEPS = "· none yet"
STATS_NUDGES = "{pending} pending, {sent} sent, {failed} failed"
STATS_NO_NUDGES = "not recorded yet"


def contact_block(settings: Settings) -> str:
    """The organisation's contact block, or "" when no operator is configured."""
    if not settings.operator_name:
        return ""
    about = f"{esc(settings.operator_about)}\n" if settings.operator_about else ""
    return CONTACT_BLOCK.format(
        about=about, name=esc(settings.operator_name), contact=esc(settings.operator_contact)
    ).strip()


def with_contact(text: str, settings: Settings) -> str:
    """`text`, followed by the contact block if there is one."""
    block = contact_block(settings)
    return f"{text}\n\n{block}" if block else text


def contact_text(settings: Settings) -> str:
    return contact_block(settings) or NO_OPERATOR


def refusal(settings: Settings) -> str:
    if not settings.operator_name:
        return NOT_ALLOWED_NO_NAME
    contact = f"\n{esc(settings.operator_contact)}" if settings.operator_contact else ""
    return NOT_ALLOWED.format(name=esc(settings.operator_name), contact=contact)


def render_stats(stats: Stats, now: datetime) -> str:
    steps = [
        STATS_STEP.format(
            step=STEP_NAMES[step],
            done=stats.steps_done.get(step, 0),
            skipped=stats.steps_skipped.get(step, 0),
        )
        for step in Step
        if step in stats.steps_done or step in stats.steps_skipped
    ]
    nudges = STATS_NUDGES.format(**stats.nudges) if stats.nudges is not None else STATS_NO_NUDGES
    return STATS.format(
        when=now.astimezone(UTC).strftime("%-d %b %Y %H:%M UTC"),
        users=stats.users,
        users_with_active=stats.users_with_active,
        active=stats.interviews_active,
        closed=stats.interviews_closed,
        steps="\n".join(steps) or STATS_NO_STEPS,
        nudges=nudges,
    )
