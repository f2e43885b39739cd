"""The one place that registers every handler and owns every handler group.

Group -3 logs every update (one line, no content); -2 takes the advisers' staff group's
updates (conversations/adviser_staff.py); -1 guards the rest (group chats, the allow-list,
edits). Group 0 holds the dialogue: one handler for every private update, which picks the first
of the steps' handlers that takes it (bot/tg/dialogue.py). The steps are listed here in the
order their handlers are tried.
"""

from __future__ import annotations

from functools import partial

from telegram import Update
from telegram.ext import TypeHandler

from bot.tg.application import AfterviewApplication
from bot.tg.dialogue import Conversation, Dialogue
from bot.tg.dispatcher import Dispatcher
from bot.tg.errors import on_error
from bot.tg.logs import log_update
from conversations import (
    adviser,
    adviser_relay,
    adviser_staff,
    changes,
    debrief,
    edit,
    followup,
    general,
    guards,
    intents,
    notes,
    operator,
    outcome,
    privacy,
    referees,
    reminders,
    review,
    social,
    start,
    thanks,
    undo,
)

LOG_GROUP = -3
ADVISER_GROUP = -2
GUARD_GROUP = -1
DIALOGUE_GROUP = 0

# Each step module's `handlers()`, in the order the dialogue tries them.
STEPS = (
    undo,
    start,
    debrief,
    notes,
    social,
    referees,
    thanks,
    followup,
    intents,
    outcome,
    changes,
    privacy,
    adviser,
    review,
    reminders,
    operator,
    edit,
    general,
)


def conversations() -> list[Conversation]:
    """Every step's handlers, in order."""
    return [step.handlers() for step in STEPS]


def register(app: AfterviewApplication) -> None:
    """Add every handler to `app`, and the nudge dispatcher to its runtime."""
    dispatcher = Dispatcher(
        bot=app.bot, jobs=app.job_queue, runtime=app.runtime, render=reminders.render
    )
    app.runtime.dispatcher = dispatcher
    app.runtime.facts_listeners.append(dispatcher.on_facts_changed)
    app.runtime.start_up.append(partial(adviser_relay.pass_on_left_over, app.bot, app.runtime))
    app.add_handler(TypeHandler(Update, log_update), group=LOG_GROUP)
    app.add_handler(adviser_staff.handler(), group=ADVISER_GROUP)
    app.add_handler(guards.handler(), group=GUARD_GROUP)
    app.add_handler(Dialogue(conversations(), intents.words()), group=DIALOGUE_GROUP)
    app.add_error_handler(on_error)
