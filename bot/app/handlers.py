"""The one place that registers every handler, in order of handler groups.

Group -2 logs every update (one line, no content); group -1 guards it. Each conversation gets
a group of its own so that one can end itself while another starts on the same update (see
conversations/common.py). Global actions come after the conversations; the last group answers
whatever nothing else took.
"""

from __future__ import annotations

import warnings

from telegram import BotCommand, Update
from telegram.ext import TypeHandler
from telegram.warnings import PTBUserWarning

from bot.app import AfterviewApplication
from bot.texts import common as tc
from bot.tg.errors import on_error
from bot.tg.logs import log_update
from conversations import (
    debrief,
    followup,
    general,
    guards,
    notes,
    outcome,
    privacy,
    referees,
    reminders,
    review,
    social,
    start,
    thanks,
)
from conversations.common import button_handlers, link_conversations
from conversations.operator import register as register_operator

# Ahead of everything: resume a returning user's nudges, mark a nudge whose Open was pressed.
NUDGE_GROUP = -3
LOG_GROUP = -2
GUARD_GROUP = -1
FIRST_CONVERSATION_GROUP = 0

# Conversations mix message and button handlers on purpose, keyed per chat and user.
warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)


def register(app: AfterviewApplication) -> None:
    app.add_handler(TypeHandler(Update, log_update), group=LOG_GROUP)
    app.add_handler(guards.handler(), group=GUARD_GROUP)
    builders = [start.build, debrief.build, notes.build, social.build, referees.build]
    builders += [thanks.build, followup.build, outcome.build]
    builders += [privacy.build, review.build]
    conversations = [build() for build in builders]
    link_conversations(conversations)
    for offset, conversation in enumerate(conversations):
        app.add_handler(conversation, group=FIRST_CONVERSATION_GROUP + offset)
    after = FIRST_CONVERSATION_GROUP + len(builders)
    app.add_handlers(button_handlers(), group=after)
    privacy.register(app, group=after)
    general.register(app, group=after, last_group=after + 100)
    register_operator(app, group=after)
    reminders.register(app, group=after, early_group=NUDGE_GROUP)
    app.add_error_handler(on_error)


async def set_command_menu(app: AfterviewApplication) -> None:
    await app.bot.set_my_commands([BotCommand(c, d) for c, d in tc.COMMANDS])
