"""The one place that registers every handler, in order of handler groups.

Group -1 guards every update. Each conversation gets a group of its own so that one can end
itself while another starts on the same update (see conversations/common.py). Global actions
come after the conversations; the last group answers whatever nothing else took.
"""

from __future__ import annotations

import warnings

from telegram import BotCommand
from telegram.warnings import PTBUserWarning

from bot.app import AfterviewApplication
from bot.errors import on_error
from bot.texts import common as tc
from conversations import debrief, general, guards, start

GUARD_GROUP = -1
FIRST_CONVERSATION_GROUP = 0

# Conversations mix message and button handlers on purpose, keyed per chat and user.
warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)


def register(app: AfterviewApplication) -> None:
    app.add_handler(guards.handler(), group=GUARD_GROUP)
    builders = [start.build, debrief.build]
    for offset, build in enumerate(builders):
        app.add_handler(build(), group=FIRST_CONVERSATION_GROUP + offset)
    after = FIRST_CONVERSATION_GROUP + len(builders)
    general.register(app, group=after, last_group=after + 100)
    app.add_error_handler(on_error)


async def set_command_menu(app: AfterviewApplication) -> None:
    await app.bot.set_my_commands([BotCommand(c, d) for c, d in tc.COMMANDS])
