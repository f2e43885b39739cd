"""Everyday replies acted on (issue 15): what the words tier of the dialogue does with free
text read by bot/rules/intents.py, in every state (bot/tg/words.py), and "/outcome rejected".

- what's next, help, status: the same as /next, /help, /status, at any time; a question
  pending stays pending and is asked again;
- "I just had an interview": /debrief; stop: /cancel (or "nothing to stop"); skip and "I don't
  know": /skip where the question takes it;
- yes / no, ratings and "don't know" in words at the questions whose buttons they stand for
  (`BUTTONS`);
- an outcome typed after /outcome records it, as its button does.
"""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import CommandHandler

from bot.rules.intent_words import NAME_WORDS
from bot.rules.intents import Intent, read_intent, read_outcome
from bot.texts import common as tc
from bot.texts import intents as t
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation
from bot.tg.words import Action, Words
from bot.tg.words_which import Which
from conversations import debrief, outcome, undo
from conversations.adviser import A
from conversations.common import interview_for, say, text_of
from conversations.debrief_questions import SAID_WHEN
from conversations.debrief_questions import Q as Debrief
from conversations.edit_ask import E
from conversations.followup import Q as FollowUp
from conversations.general_next import show_next, status
from conversations.general_replies import cancel_idle, help_command, skip_idle
from conversations.notes import N
from conversations.outcome_common import NS as OUTCOME
from conversations.outcome_common import Q as Outcome
from conversations.outcome_common import say_not_yet_held
from conversations.privacy import F
from conversations.referees_view import R
from conversations.start_menu import THEN_DEBRIEF
from conversations.thanks_scratch import Q as Thanks

# The button each word stands for, per question (the data its handler's pattern reads).
BUTTONS: dict[str, dict[Intent, str]] = {
    Debrief.RATING: {Intent.RATING: "debrief:rate:{rating}"},
    Debrief.MORE: {Intent.YES: "debrief:more:yes", Intent.NO: "debrief:more:no"},
    # Yes at a confirmation of what the next-stage answer said (conversations/debrief_prefill.py;
    # with nothing read, Yes asks the question as usual).
    Debrief.PROCESS: {Intent.NO: "debrief:nothing", Intent.YES: "debrief:yes:process"},
    Debrief.REPLY_BY: {Intent.DONT_KNOW: "debrief:reply:none", Intent.YES: "debrief:yes:reply"},
    R.PERMISSION: {  # (skip is Not yet, as /skip is there)
        Intent.YES: "referees:asked:yes",
        Intent.NO: "referees:asked:no",
        Intent.SKIP: "referees:asked:no",
    },
    F.CONFIRM: {Intent.YES: "forget:yes", Intent.NO: "forget:no"},
    A.CONSENT: {Intent.YES: "adviser:share:message", Intent.NO: "adviser:no"},
    Thanks.MORE: {Intent.YES: "thanks:more:add", Intent.NO: "thanks:more:no"},
    N.FORGOT: {Intent.NO: "notes:nothing"},
}

# Questions whose answer can be a name: a one-word answer that reads as an action ("Next",
# "Help", "Status", "Stop") is asked about ("The company “Next”, or what's next?").
NAMES: dict[str, str] = {
    Debrief.COMPANY: t.WHICH_COMPANY,
    Debrief.ROLE: t.WHICH_ROLE,
    Debrief.INTERVIEWER: t.WHICH_NAME,
    R.NAME: t.WHICH_NAME,
    Thanks.NAME: t.WHICH_NAME,
    E.FIELD: t.WHICH_FIELD,
}


# Questions where "I don't know" / "I don't have it" is as good as /skip. (Not the names:
# "dunno yet" there is refused with a hint, docs/coaching.md "People".)
UNKNOWN = frozenset(
    {
        Debrief.ROLE,
        Debrief.WHEN,
        Debrief.EMAIL,
        Debrief.NEXT_STAGE,
        Debrief.PROCESS,
        Debrief.RATING,
        Debrief.WENT_WELL,
        Debrief.NOT_LANDED,
        R.CONTACT,
        R.RELATIONSHIP,
        N.FORGOT,
        Outcome.WHEN,
        FollowUp.REPLY_BY,
    }
)


def corrected(update: Update) -> str:
    """The corrected text of a message read as a CORRECTION ("actually they said end of the
    month" → "they said end of the month"); "" for any other message."""
    reading = read_intent(text_of(update))
    return reading.rest if reading is not None and reading.intent is Intent.CORRECTION else ""


def _keep_when(update: Update, ctx: Ctx) -> None:
    """Keep "this morning" of "I just had an interview this morning" for the debrief's
    question "When was it?"."""
    reading = read_intent(text_of(update))
    if reading is not None and reading.rest:
        ctx.udata[SAID_WHEN] = {"words": reading.rest, "at": ctx.now().isoformat()}


async def _new_interview(update: Update, ctx: Ctx) -> object:
    """ "I just had an interview (this morning)": /debrief, with when it was kept."""
    _keep_when(update, ctx)
    return await debrief.entry(update, ctx)


async def _debrief_after_setup(update: Update, ctx: Ctx) -> None:
    """The same at a setup question: the debrief is offered once the setup is done."""
    _keep_when(update, ctx)
    ctx.udata[THEN_DEBRIEF] = True
    await say(update, ctx, t.DEBRIEF_AFTER_SETUP)


async def _correct(update: Update, ctx: Ctx) -> object:
    return await undo.correct_last(update, ctx, corrected(update))


def words() -> Words:
    """The words tier's configuration, for bot/app/handlers.py to give the dialogue. UNDO and
    CORRECTION go to conversations/undo.py, which returns the state to go to itself."""
    return Words(
        anytime={
            Intent.NEXT: Action(show_next),
            Intent.HELP: Action(help_command),
            Intent.STATUS: Action(status),
            Intent.NEW_INTERVIEW: Action(
                _new_interview, enters="debrief", later=_debrief_after_setup
            ),
            Intent.UNDO: Action(undo.undo_last, asks_again=False),
            Intent.CORRECTION: Action(_correct, asks_again=False),
        },
        # "Actually, …" in /notes or at idle is a note or a remark, not a correction.
        only_in={Intent.CORRECTION: frozenset({"debrief", "edit"})},
        idle={Intent.CANCEL: Action(cancel_idle), Intent.SKIP: Action(skip_idle)},
        buttons=BUTTONS,
        unknown=UNKNOWN,
        free=frozenset({A.WRITING}),  # a message for the advisers is theirs to read
        holds=frozenset({"setup"}),  # the country left unset would leave holidays uncounted
        still_open=t.STILL_OPEN,
        dont_know=t.DONT_KNOW,
        which=Which(
            names=NAMES,
            words=NAME_WORDS,
            actions={Intent(k): v for k, v in t.WHICH_ACTIONS.items()},
            text=t.WHICH,
            answer=t.WHICH_ANSWER,
        ),
    )


_SET = re.compile(rf"^{OUTCOME}:set:(?P<iid>[0-9]+):(?P<outcome>[a-z_]+)$")


async def outcome_typed(update: Update, ctx: Ctx) -> object:
    """/outcome with words after it ("/outcome rejected"): that outcome is recorded for the
    interview /outcome would ask about, as its button does; words that name no outcome get
    the question with its buttons."""
    typed = " ".join(ctx.args or [])
    chosen = read_outcome(typed)
    if chosen is None:
        await say(update, ctx, t.OUTCOME_UNCLEAR.format(text=tc.esc(typed[:60])))
        return await outcome.entry(update, ctx)
    interview = await interview_for(update, ctx, OUTCOME)
    if interview is None:
        return END
    if interview.held_at is not None and interview.held_at > ctx.now():
        await say_not_yet_held(update, ctx, interview)
        return END
    pressed = _SET.match(f"{OUTCOME}:set:{interview.id}:{chosen.value}")
    assert pressed is not None
    ctx.matches = [pressed]  # as if its button had been pressed
    return await outcome.choose(update, ctx)


def handlers() -> Conversation:
    """ "/outcome <words>" (tried before /outcome's own entry, which takes it bare)."""
    return Conversation(
        name="intents",
        entry_points=[CommandHandler("outcome", outcome_typed, has_args=True)],
    )
