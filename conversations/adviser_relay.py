"""Relaying between a client and the organisation's staff group (issue 17).

These run outside the dialogue's transaction: after a client's update is committed (queued
with `Outbox.later`) or for a staff update (conversations/adviser_staff.py). Each uses store
transactions of its own and sends with the bot; Telegram's errors are logged, never raised.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.rules.models import User
from bot.settings import Settings
from bot.storage import Store
from bot.storage.adviser import Link, Queued
from bot.storage.journey import pick_next, plans_for_user
from bot.texts import adviser as t
from bot.texts.common import STEP_NAMES
from bot.tg import keyboards as kb
from bot.tg.limits import fit_caption, split_message
from bot.tg.runtime import Runtime

log = logging.getLogger(__name__)
REPLY = "adviser:write"  # the button under an adviser's reply: write back


async def summary(store: Store, user: User, runtime: Runtime) -> list[str]:
    """The card's summary: the client's active interviews and their next step."""
    now = runtime.now()
    plans = await plans_for_user(store, user, now)
    lines = [t.interviews_lines([p.interview.label for p in plans])]
    found = pick_next(plans, now)
    if found is not None:
        interview, step = found
        lines.append(t.next_line(STEP_NAMES[step.plan.step], interview.label, step.plan.due_at))
    return lines


async def post_card(bot: Bot, runtime: Runtime, link: Link, topic_id: int | None) -> None:
    """Post the client's card (first name, what they share, and their summary if shared)."""
    store, settings = runtime.store, runtime.settings
    user = await store.users.get(link.user_id)
    if user is None or link.staff_chat_id is None:
        return
    lines = await summary(store, user, runtime) if link.summary else None
    text = t.card(user.first_name, link.number, settings, lines, stopped=link.consent is None)
    await bot.send_message(link.staff_chat_id, text, message_thread_id=topic_id)


async def _open(bot: Bot, runtime: Runtime, link: Link, first_name: str) -> Link:
    """The client's place in the staff group: a topic made on first contact (and its card),
    or none in a group without topics."""
    staff = runtime.settings.adviser_chat_id
    assert staff is not None
    if link.staff_chat_id == staff:
        return link
    topic_id: int | None = None
    if (await bot.get_chat(staff)).is_forum:
        try:
            topic = await bot.create_forum_topic(staff, t.topic_name(first_name, link.number))
            topic_id = topic.message_thread_id
        except BadRequest as exc:  # no right to manage topics: reply to the copies instead
            log.warning("adviser: no topic made (%s); staff reply to the copies", exc.message)
    async with runtime.store.single() as tx:
        await tx.adviser.set_topic(link.user_id, staff, topic_id)
    opened = await runtime.store.adviser.get(link.user_id)
    assert opened is not None
    if topic_id is not None:
        await post_card(bot, runtime, opened, topic_id)
    return opened


async def pass_on(bot: Bot, runtime: Runtime, queued: Queued) -> None:
    """Pass a client's queued message on, and tell them: that it went (once a sitting:
    office hours were told when it started), or that it could not go. Raises nothing."""
    passed_on = await to_staff(bot, runtime, queued)
    async with runtime.store.transaction() as tx:
        await tx.adviser.tried(queued.id)
        if passed_on and not await tx.adviser.acknowledge(queued.user_id):
            return
    with contextlib.suppress(TelegramError):  # they blocked the bot, or the network
        await bot.send_message(queued.chat_id, t.SENT if passed_on else t.NOT_RELAYED)


async def pass_on_left_over(bot: Bot, runtime: Runtime) -> None:
    """At start-up: the clients' messages a crash kept from being passed on."""
    for queued in await runtime.store.adviser.queued():
        await pass_on(bot, runtime, queued)


async def to_staff(bot: Bot, runtime: Runtime, queued: Queued) -> bool:
    """Copy a client's message into their topic (or, without topics, under a line saying
    whose it is); False when it could not be passed on (logged). A topic the staff deleted
    is made again, with its card."""
    store, user_id = runtime.store, queued.user_id
    for _attempt in range(2):
        link, user = await store.adviser.get(user_id), await store.users.get(user_id)
        if link is None or link.consent is None or user is None:
            return False
        try:
            link = await _open(bot, runtime, link, user.first_name)
            staff = link.staff_chat_id
            assert staff is not None
            marks = await _copy(bot, link, user.first_name, queued)
        except BadRequest as exc:
            if "thread not found" not in exc.message.lower() or link.topic_id is None:
                log.warning("adviser: a client's message was not passed on: %s", exc)
                return False
            async with store.single() as tx:  # the topic is gone: open a new one
                await tx.adviser.set_topic(user_id, None, None)
            continue
        except TelegramError as exc:
            log.warning("adviser: a client's message was not passed on: %s", exc)
            return False
        async with store.transaction() as tx:
            for mark in marks:
                await tx.adviser.copied(user_id, staff, mark)
        return True
    return False


async def _copy(bot: Bot, link: Link, first_name: str, queued: Queued) -> list[int]:
    """Copy the message to the staff group; returns the ids of what was posted there."""
    staff, topic = link.staff_chat_id, link.topic_id
    assert staff is not None
    marks = []
    if topic is None:
        header = t.staff(t.FROM_CLIENT, first_name, link.number)
        marks.append((await bot.send_message(staff, header)).message_id)
    copy = await bot.copy_message(staff, queued.chat_id, queued.message_id, message_thread_id=topic)
    marks.append(copy.message_id)
    return marks


async def to_client(bot: Bot, runtime: Runtime, link: Link, message: Message) -> None:
    """Send an adviser's message to the client, marked as the organisation's; tell the staff
    when it can't go (sharing stopped, or the client blocked the bot)."""
    store, settings = runtime.store, runtime.settings
    user = await store.users.get(link.user_id)
    if user is None:
        return
    if link.consent is None:
        await tell_staff(bot, link, t.staff(t.NOT_CONSENTING, user.first_name))
        return
    adviser = message.from_user.first_name if message.from_user else None
    header = t.from_org(settings, adviser)
    markup = kb.keyboard([[(t.BTN_REPLY, REPLY)]])
    try:
        if message.text is not None:
            *parts, last = split_message(f"{header}\n{message.text_html}")
            for part in parts:
                await bot.send_message(user.chat_id, part)
            await bot.send_message(user.chat_id, last, reply_markup=markup)
        else:
            caption = f"{header}\n{message.caption_html or ''}".strip()
            await bot.copy_message(
                user.chat_id,
                message.chat_id,
                message.message_id,
                caption=fit_caption(caption),  # the header can push it past the limit
                reply_markup=markup,
            )
    except Forbidden:
        async with store.single() as tx:
            await tx.adviser.set_blocked(link.user_id, True)
        await tell_staff(bot, link, t.staff(t.BLOCKED, user.first_name))
        return
    except TelegramError as exc:
        log.warning("adviser: a reply was not passed on: %s", exc)
        await tell_staff(bot, link, t.NOT_DELIVERED)
        return
    if link.blocked:
        async with store.single() as tx:
            await tx.adviser.set_blocked(link.user_id, False)


async def tell_staff(bot: Bot, link: Link, text: str) -> None:
    """A note in the client's topic (or the group); errors logged."""
    if link.staff_chat_id is None:
        return
    try:
        await bot.send_message(link.staff_chat_id, text, message_thread_id=link.topic_id)
    except TelegramError as exc:
        log.warning("adviser: a note to the staff group was not sent: %s", exc)


def configured(settings: Settings) -> bool:
    return settings.adviser_chat_id is not None


def ask_rows(settings: Settings) -> list[list[kb.Button]]:
    """The "Ask an adviser" row under drafts and at the journey's ends, when there are
    advisers to ask ([] when ADVISER_CHAT_ID is unset)."""
    return [[(t.BTN_ASK, kb.open_step("adviser"))]] if configured(settings) else []


def ask_markup(settings: Settings) -> InlineKeyboardMarkup | None:
    """Just the "Ask an adviser" button, or None."""
    rows = ask_rows(settings)
    return kb.keyboard(rows) if rows else None
