"""What every conversation shares: sending, the conversation builder, picking an interview."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping, Sequence
from enum import StrEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.rules.drafts import LINKEDIN_PREMIUM_LIMIT, Draft
from bot.rules.models import Interview, Interviewer, User
from bot.rules.numbers import row_id
from bot.rules.parsing import MAX_TEXT
from bot.texts import common as t
from bot.texts import drafts as td
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from bot.tg.dialogue import END, Conversation, Handler, Reask
from bot.tg.outbox import OnSent, Outbox
from conversations.adviser_relay import ask_rows
from conversations.endings import nothing_active

Callback = Callable[[Update, Ctx], Coroutine[Any, Any, object]]


# --- sending ---------------------------------------------------------------------------------
async def say(
    update: Update,
    ctx: Ctx,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    lead: str | None = None,
    on_sent: OnSent | None = None,
) -> None:
    """Queue a message to the user's chat (HTML; callers escape user text). It goes out once
    the update's writes are committed (bot/tg/outbox.py).

    `lead`: an acknowledgement of the last answer ("Got it: Friday."), sent at the top of
    this message rather than as one of its own: on a phone, one message per answer reads
    better, and each message is a round trip to Telegram. `on_sent(message)` runs once
    Telegram has the message (to remember its id)."""
    outbox(ctx).send(joined(lead, text), markup, on_sent)


def outbox(ctx: Ctx) -> Outbox:
    """The replies of the update being handled (the dialogue sets it up)."""
    if ctx.outbox is None:
        raise RuntimeError("replies are sent only while the dialogue handles an update")
    return ctx.outbox


def joined(*parts: str | None) -> str:
    """Paragraphs of one message, leaving out the empty ones."""
    return "\n\n".join(p for p in parts if p)


async def answered(
    update: Update, ctx: Ctx, choice: str | None = None, *, notice: str | None = None
) -> None:
    """Acknowledge a button press: stop the spinner and show what was chosen in place.

    Safe to call more than once for the same press: the spinner is answered once (with the
    first `notice`, a toast) and the message edited once."""
    query = update.callback_query
    if query is None:
        return
    box = outbox(ctx)
    box.answer_query(query.id, notice)
    message = query.message
    if choice is None or box.query_edited or not isinstance(message, Message):
        return
    if not message.text:
        return
    box.query_edited = True
    # Too old to edit, or unchanged: the choice still counts (the outbox skips the edit).
    box.edit(message.message_id, f"{message.text_html}\n<i>→ {t.esc(choice)}</i>")


def text_of(update: Update) -> str:
    """What the user typed. A button press has none: the message it sits on is the bot's."""
    message = update.message
    return (message.text or "").strip() if message else ""


async def too_long(update: Update, ctx: Ctx, limit: int = MAX_TEXT) -> bool:
    """True, once told (and the question asked again), when the text is longer than we keep."""
    if len(text_of(update)) > limit:
        await say(update, ctx, t.TOO_LONG.format(limit=limit))
        ctx.ask_again = True
        return True
    return False


# --- the user and their interview --------------------------------------------------------
async def current_user(update: Update, ctx: Ctx) -> User:
    """The user's row (the guard created it before any conversation sees the update)."""
    tg_user = update.effective_user
    chat = update.effective_chat
    assert tg_user is not None and chat is not None
    user = await ctx.store.users.get(tg_user.id)
    if user is None:
        async with ctx.store.single() as tx:
            user = await tx.users.ensure(tg_user.id, chat.id, tg_user.first_name)
    return user


def matched(ctx: Ctx, group: str) -> str | None:
    """A named group of the pattern the handler matched (button data or text), if any."""
    match = ctx.matches[0] if ctx.matches else None
    if match is None or group not in match.re.groupindex:
        return None
    return match[group]


def matched_id(ctx: Ctx, group: str = "iid") -> int | None:
    """A row id from the matched button data; None when absent, or not a row id (forged)."""
    return row_id(matched(ctx, group))


def opened_interview_id(update: Update, ctx: Ctx) -> int | None:
    """The interview id carried by an "open:<step>:<id>" button, if any."""
    return matched_id(ctx, "iid") if update.callback_query else None


async def owned_interview(update: Update, ctx: Ctx, interview_id: int | None) -> Interview | None:
    """The one owner-checked loader: the user's interview with this id, or None when there
    is no id, or it names no interview of theirs (stale, forged or someone else's)."""
    if interview_id is None:
        return None
    user = update.effective_user
    assert user is not None
    return await ctx.store.interviews.get_owned(user.id, interview_id)


def kept_id(ctx: Ctx, key: str) -> int | None:
    """The row id the step kept in its scratch data under `key`, or None."""
    kept = ctx.udata.get(key)
    return kept if isinstance(kept, int) and kept > 0 else None


async def stored_interview(update: Update, ctx: Ctx, key: str) -> Interview | None:
    """The interview whose id the step kept in its scratch data under `key`, if it is still
    the user's (through `owned_interview`)."""
    return await owned_interview(update, ctx, kept_id(ctx, key))


async def owned_interviewer(
    update: Update, ctx: Ctx, interview_id: int | None, person_id: int | None
) -> tuple[Interview, Interviewer] | None:
    """(interview, interviewer) when the interview is the user's and the interviewer is one of
    its people; None when either id is missing, stale, forged or someone else's."""
    interview = await owned_interview(update, ctx, interview_id)
    if interview is None or person_id is None:
        return None
    person = await ctx.store.interviewers.get(person_id)
    if person is None or person.interview_id != interview.id:
        return None
    return interview, person


async def interview_for(update: Update, ctx: Ctx, step: str) -> Interview | None:
    """The interview a step applies to, or None after telling the user what to do.

    Order: the id on an "open" button (checked against the owner), the user's current
    interview, the only active one; with several and none current, offer a choice.
    """
    user = await current_user(update, ctx)
    found = await owned_interview(update, ctx, opened_interview_id(update, ctx))
    if found is not None:
        if found.id != user.current_interview_id:
            async with ctx.store.single() as tx:
                await tx.users.update(user.id, current_interview_id=found.id)
        return found
    active = await ctx.store.interviews.active(user.id)
    current = next((i for i in active if i.id == user.current_interview_id), None)
    if current is not None:
        return current
    if len(active) == 1:
        return active[0]
    if not active:
        await say(update, ctx, *await nothing_active(ctx, user.id))
        return None
    buttons = [(kb.interview_label(i.label), kb.open_step(step, i.id)) for i in active]
    await say(update, ctx, t.PICK_INTERVIEW, kb.column(buttons))
    return None


def command_hint(update: Update, ctx: Ctx) -> str:
    """What to say to a command nothing here takes: one meant for another bot ("/debrief@X"),
    /skip at a question that needs an answer, or a command the bot doesn't have."""
    message = update.effective_message
    entity = message.entities[0] if message and message.entities else None
    if message is None or message.text is None or entity is None or entity.offset != 0:
        return t.UNKNOWN_COMMAND
    command, _, addressee = message.text[1 : entity.length].partition("@")
    if addressee and addressee.lower() != (ctx.bot.username or "").lower():
        return t.OTHER_BOTS_COMMAND.format(command=t.esc(command), bot=t.esc(addressee))
    if command.lower() == "skip":
        return t.CANT_SKIP
    return t.UNKNOWN_COMMAND


# --- the conversation builder --------------------------------------------------------------
async def cancel(update: Update, ctx: Ctx) -> int:
    await answered(update, ctx)
    await say(update, ctx, t.CANCELLED)
    return END


def _catch_all(name: str, states: Sequence[StrEnum], reask: Reask) -> list[Handler]:
    """In every state of step `name`: explain, and ask the state's question again."""
    by_value = {str(state): state for state in states}

    def pending_state(ctx: Ctx) -> StrEnum | None:
        return by_value.get(ctx.pending.state or "") if ctx.pending else None

    async def on_message(update: Update, ctx: Ctx) -> None:
        message = update.effective_message
        if message is not None and message.text is None:
            await say(update, ctx, t.UNSUPPORTED_MEDIA)
        elif message is not None and message.text and message.text.startswith("/"):
            await say(update, ctx, command_hint(update, ctx))
        elif message is not None:  # text the question's own handlers didn't take
            await say(update, ctx, t.TAP_A_BUTTON)
        await reask(update, ctx, pending_state(ctx))

    async def on_stale_button(update: Update, ctx: Ctx) -> None:
        await answered(update, ctx, notice=t.STALE_BUTTON)
        await reask(update, ctx, pending_state(ctx))

    return [
        MessageHandler(filters.ALL, on_message),
        CallbackQueryHandler(on_stale_button, pattern=rf"^{name}:"),
    ]


def conversation(
    name: str,
    *,
    commands: Sequence[str],
    steps: Sequence[str],
    entry: Callback,
    states: Mapping[StrEnum, Sequence[Handler]],
    reask: Reask,
    extra_entry_points: Sequence[Handler] = (),
    buttons: Sequence[Handler] = (),
) -> Conversation:
    """A step's handlers with the behaviour every step shares (see bot/tg/dialogue.py).

    - entry: `/command` or an "open:<step>[:<interview id>]" button for any of `steps`;
    - `extra_entry_points`: more ways in that start something (e.g. a button that shows the
      next draft), which must work after a restart or from a nudge;
    - `buttons`: buttons that act and ask nothing (e.g. "Sent it" under a LinkedIn note):
      they work from anywhere without ending the question pending;
    - in every state: /cancel, and a catch-all that explains and asks again (`reask`).
    """
    entry_points: list[Handler] = []
    if commands:
        entry_points.append(CommandHandler(list(commands), entry))
    if steps:
        open_pattern = rf"^open:(?P<step>{'|'.join(steps)})(?::(?P<iid>[0-9]+))?$"
        entry_points.append(CallbackQueryHandler(entry, pattern=open_pattern))
    return Conversation(
        name=name,
        entry_points=[*entry_points, *extra_entry_points],
        states=states,
        reask=reask,
        cancel=[
            CommandHandler("cancel", cancel),
            CallbackQueryHandler(cancel, pattern=rf"^{name}:cancel$"),
        ],
        catch_all=_catch_all(name, list(states), reask),
        passive=buttons,
    )


async def send_draft(
    update: Update, ctx: Ctx, draft: Draft, *, sent: str, change: str | None, review: str
) -> None:
    """Show a draft with its buttons: Sent it (callback `sent`), Change something (`change`,
    omitted when None) and Review mine (`review`, a "review:..." button)."""
    row = [(td.BTN_SENT, sent)]
    if change is not None:
        row.append((td.BTN_CHANGE, change))
    await say(
        update,
        ctx,
        td.render(draft, LINKEDIN_PREMIUM_LIMIT),
        kb.keyboard([row, [(td.BTN_REVIEW, review)], *ask_rows(ctx.runtime.settings)]),
    )


async def mark_step(ctx: Ctx, interview_id: int, step: Any, state: Any) -> None:
    """Record a step's state (its nudges follow before the update commits)."""
    async with ctx.store.single() as tx:
        await tx.interviews.set_step(interview_id, step, state)
