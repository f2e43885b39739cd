"""/referees (step 6): referees added once and reused, briefings, the urgent permission flag."""

from __future__ import annotations

from bot.app import AfterviewApplication
from bot.rules.coaching import Step, StepState
from bot.rules.models import Interview
from bot.storage import Store
from bot.storage.journey import plan_for
from bot.texts import common as tc
from tests import updates
from tests.chat import Chat
from tests.fakeapi import FakeTelegram, Sent
from tests.journeys import log_interview, logged


async def add_referee(
    chat: Chat, name: str, contact: str | None, rel: str | None, yes: bool
) -> None:
    """From the name question on: answer (or skip) each detail."""
    await chat.send(name)
    await (chat.send(contact) if contact else chat.press("Skip"))
    await (chat.send(rel) if rel else chat.press("Skip"))
    await chat.press("Yes" if yes else "Not yet")


def overview_of(replies: list[Sent]) -> Sent:
    return next(s for s in reversed(replies) if "Your referees" in s.text)


async def test_add_brief_and_finish(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    store = app.runtime.store
    r = await chat.send("/referees")
    text = chat.texts(r)
    assert "note your referees once" in text and "referee's name?" in text
    r = await chat.send("Dr Jane O'Doe")
    assert "How can Dr Jane O'Doe be reached?" in chat.texts(r)
    r = await chat.send("jane@example.com")
    assert "How do you know Dr Jane O'Doe?" in chat.texts(r)
    r = await chat.send("My manager at Beta")
    assert "asked Dr Jane O'Doe's permission" in chat.texts(r)
    r = await chat.press("Yes")
    view = overview_of(r)
    assert "⏳ Dr Jane O'Doe (My manager at Beta) · not briefed yet" in view.text
    assert "⚠️" not in view.text
    (jane,) = await store.referees.for_user(chat.user_id)
    assert (jane.contact, jane.relationship, jane.permission) == (
        "jane@example.com",
        "My manager at Beta",
        True,
    )
    await chat.press("➕ Add a referee")
    r = await chat.send("Bob Smith")
    await chat.press("Skip")
    await chat.press("Skip")
    r = await chat.press("Not yet")
    assert "Ask Bob Smith as soon as you can" in chat.texts(r)
    view = overview_of(r)
    assert "⏳ Bob Smith · not briefed yet\n   ⚠️ Permission not asked yet" in view.text
    assert "✅ Asked Bob Smith now" in view.labels
    # A briefing per referee, with Sent it and Review mine.
    r = await chat.press("📋 Brief Dr Jane O'Doe")
    # The overview keeps its buttons, to brief the next referee straight from it.
    assert chat.fake.messages[(chat.user_id, view.message_id)].labels == view.labels
    draft = r[-1]
    assert draft.text.startswith("📋 Briefing for Dr Jane O'Doe")
    assert "Data Analyst" in draft.text
    assert draft.labels == ["Sent it ✓", "Change something", "Review mine"]
    assert draft.button_data("Review mine") == f"review:briefing:{interview.id}:{jane.id}"
    changed: list[int] = []

    async def listener(tx: Store, interview_id: int) -> None:
        changed.append(interview_id)

    app.runtime.facts_listeners.append(listener)
    r = await chat.press("Sent it ✓")
    assert changed == [interview.id]  # the nudge engine hears about the briefing
    view = overview_of(r)
    assert "✅ Dr Jane O'Doe (My manager at Beta) · briefed" in view.text
    assert "📋 Brief Dr Jane O'Doe" not in view.labels
    assert Step.REFEREES not in await store.interviews.steps(interview.id)
    # Briefing a referee without permission comes with the urgent reminder.
    r = await chat.press("📋 Brief Bob Smith")
    assert "Ask Bob Smith as soon as you can" in chat.texts(r)
    r = await chat.press("Sent it ✓")
    assert "All your referees are briefed" in chat.texts(r) and "Next:" in chat.texts(r)
    assert (await store.interviews.steps(interview.id))[Step.REFEREES] is StepState.DONE
    assert await store.referees.briefed_ids(interview.id) == {
        r.id for r in await store.referees.for_user(chat.user_id)
    }


async def test_urgent_flag_moves_the_rules_and_clears(
    chat: Chat, app: AfterviewApplication
) -> None:
    store = app.runtime.store
    first = await logged(chat)
    second = await logged(chat, company="Globex", first=False)
    changed: list[int] = []

    async def listener(tx: Store, interview_id: int) -> None:
        changed.append(interview_id)

    app.runtime.facts_listeners.append(listener)
    await chat.send("/referees")
    await add_referee(chat, "Bob Smith", None, None, yes=False)
    # Every active interview of the user hears about the referee change.
    assert {first.id, second.id} <= set(changed)
    user = await store.users.get(chat.user_id)
    assert user is not None

    async def referee_reason(interview: Interview) -> str:
        steps = await plan_for(store, user, interview, app.runtime.now())
        return next(s.reason for s in steps if s.step is Step.REFEREES)

    assert await referee_reason(first) == "referees_permission"
    changed.clear()
    r = await chat.press("✅ Asked Bob Smith now")
    assert "Bob Smith has given permission" in chat.texts(r)
    view = overview_of(r)
    assert "⚠️" not in view.text and "✅ Asked Bob Smith now" not in view.labels
    (bob,) = await store.referees.for_user(chat.user_id)
    assert bob.permission is True
    assert {first.id, second.id} <= set(changed)
    assert await referee_reason(first) == "referees"


async def test_referees_are_reused_across_interviews(chat: Chat, app: AfterviewApplication) -> None:
    store = app.runtime.store
    first = await logged(chat, company="Acme")
    await chat.send("/referees")
    await add_referee(chat, "Jane Doe", "0123 456", "Manager", yes=True)
    await chat.press("📋 Brief Jane Doe")
    r = await chat.press("Sent it ✓")
    assert (await store.interviews.steps(first.id))[Step.REFEREES] is StepState.DONE
    second = await logged(chat, company="Globex", first=False)
    r = await chat.send("/referees")
    text = chat.texts(r)
    # Not asked again: the same referee, not yet briefed for this interview.
    assert "referee's name?" not in text
    assert "Globex" in text and "⏳ Jane Doe (Manager) · not briefed yet" in text
    r = await chat.press("📋 Brief Jane Doe")
    assert "Globex" in r[-1].text
    await chat.press("Sent it ✓")
    assert len(await store.referees.for_user(chat.user_id)) == 1
    (jane,) = await store.referees.for_user(chat.user_id)
    assert await store.referees.briefed_ids(second.id) == {jane.id}
    assert (await store.interviews.steps(second.id))[Step.REFEREES] is StepState.DONE


async def test_sent_it_still_counts_after_leaving(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    await chat.send("/referees")
    await add_referee(chat, "Jane Doe", None, None, yes=True)
    r = await chat.press("📋 Brief Jane Doe")
    draft = r[-1]
    r = await chat.press("Done for now")
    assert "carry on any time" in chat.texts(r)
    await chat.send("/notes")  # another conversation in between
    r = await chat.feed(updates.callback(chat.user_id, draft.button_data("Sent it ✓") or "", draft))
    assert "All your referees are briefed" in chat.texts(r)
    assert "expired" not in chat.texts(r)
    steps = await app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.REFEREES] is StepState.DONE


async def test_skip_the_step(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    await chat.send("/referees")
    r = await chat.press("Skip")
    assert "Referees skipped" in chat.texts(r)
    steps = await app.runtime.store.interviews.steps(interview.id)
    assert steps[Step.REFEREES] is StepState.SKIPPED
    assert await app.runtime.store.referees.for_user(chat.user_id) == []


async def test_bad_input_in_every_state(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram
) -> None:
    store = app.runtime.store
    interview = await logged(chat)
    sticker = updates.message(chat.user_id, sticker=True)
    await chat.send("/referees")
    # referees.name
    r = await chat.feed(sticker)
    assert "only read text" in chat.texts(r) and "referee's name?" in chat.texts(r)
    r = await chat.send("n" * 101)
    assert "under 100 characters" in chat.texts(r)
    r = await chat.press_data("referees:brief:999999")
    assert "referee's name?" in chat.texts(r)
    r = await chat.send("<b>Ann & Bo</b>")
    assert "doesn't look like a name" in chat.texts(r) and "referee's name?" in chat.texts(r)
    r = await chat.send("Ann Bo")
    # referees.contact
    assert "How can Ann Bo be reached?" in chat.texts(r)
    r = await chat.feed(sticker)
    assert "only read text" in chat.texts(r) and "be reached?" in chat.texts(r)
    r = await chat.send("c" * 201)
    assert "under 200 characters" in chat.texts(r)
    r = await chat.send("/nonsense")
    assert "don't know that command" in chat.texts(r)
    r = await chat.send("ann@<example>.com")
    # referees.relationship
    assert "How do you know" in chat.texts(r)
    r = await chat.press_data("referees:asked:yes")
    assert "How do you know" in chat.texts(r)
    r = await chat.send("Tutor & mentor <3")
    # referees.permission
    r = await chat.send("maybe")
    assert "Please tap Yes or Not yet" in chat.texts(r)
    r = await chat.feed(sticker)
    assert "only read text" in chat.texts(r) and "permission" in chat.texts(r)
    r = await chat.press_data("referees:asked:perhaps")
    assert "permission" in chat.texts(r)
    r = await chat.send("yes")
    # referees.overview
    assert "Your referees" in chat.texts(r)
    (ann,) = await store.referees.for_user(chat.user_id)
    assert (ann.name, ann.contact, ann.relationship, ann.permission) == (
        "Ann Bo",
        "ann@<example>.com",
        "Tutor & mentor <3",
        True,
    )
    for forged in (
        "referees:brief:999999",
        "referees:brief:abc",
        "referees:perm:999999",
        f"referees:sent:{interview.id}:999999",
        f"referees:sent:999999:{ann.id}",
        "referees:sent:x",
    ):
        r = await chat.press_data(forged)
        assert "can't find that referee" in chat.texts(r), forged
    r = await chat.press_data("referees:nonsense")
    assert "Your referees" in chat.texts(r)
    r = await chat.feed(sticker)
    assert "only read text" in chat.texts(r) and "Your referees" in chat.texts(r)
    r = await chat.send("Bob")
    assert "Use the buttons below" in chat.texts(r)
    assert await store.referees.briefed_ids(interview.id) == set()
    # Another user can't brief, or mark, this user's referee.
    eve = Chat(app, fake, user_id=2002, first_name="Eve")
    await logged(eve, company="Initech")
    await eve.send("/referees")
    await add_referee(eve, "Mallory", None, None, yes=False)
    r = await eve.press_data(f"referees:brief:{ann.id}")
    assert "can't find that referee" in eve.texts(r) and "Ann" not in eve.texts(r)
    r = await eve.press_data(f"referees:sent:{interview.id}:{ann.id}")
    assert "can't find that referee" in eve.texts(r)
    r = await eve.press_data(f"referees:perm:{ann.id}")
    assert "can't find that referee" in eve.texts(r)
    assert await store.referees.briefed_ids(interview.id) == set()


async def test_brief_button_of_an_older_overview_briefs_for_its_own_interview(
    chat: Chat, app: AfterviewApplication
) -> None:
    await logged(chat)  # Acme
    await chat.send("/referees")
    await add_referee(chat, "Jane Doe", None, None, True)
    acme_overview = overview_of(chat.history)
    await log_interview(chat, "Globex")
    await chat.send("/cancel")
    await chat.send("/referees")  # now the overview for Globex
    data = acme_overview.button_data("📋 Brief Jane Doe")
    assert data is not None
    replies = await chat.feed(updates.callback(chat.user_id, data, acme_overview))
    briefing = next(s for s in replies if "Briefing for" in s.text)
    assert "Acme" in briefing.text and "Globex" not in briefing.text


FORGED_ID = "99999999999999999999999"  # digits, but beyond any row id SQLite stores


async def test_forged_ids_get_the_expired_reply(
    chat: Chat, app: AfterviewApplication, fake: FakeTelegram
) -> None:
    store = app.runtime.store
    interview = await logged(chat)
    await chat.send("/referees")
    await add_referee(chat, "Ann Bee", None, None, yes=False)
    (ann,) = await store.referees.for_user(chat.user_id)
    for forged in (
        f"referees:brief:{FORGED_ID}:{interview.id}",
        f"referees:brief:{ann.id}:{FORGED_ID}",
        f"referees:perm:{FORGED_ID}",
        f"referees:sent:{interview.id}:{FORGED_ID}",
        f"referees:sent:{FORGED_ID}:{ann.id}",
    ):
        r = await chat.press_data(forged)
        assert tc.STALE_BUTTON in chat.texts(r), forged
        assert "Briefing for" not in chat.texts(r), forged
        assert fake.callback_answers[-1].get("text") == tc.STALE_BUTTON, forged
    # "²" is a digit to str.isdigit() but no number: no handler of ours takes it.
    r = await chat.press_data(f"referees:brief:²:{interview.id}")
    assert fake.callback_answers[-1].get("text") == tc.STALE_BUTTON
    assert "Briefing for" not in chat.texts(r) and "Your referees" in chat.texts(r)
    # The overview is still the question pending: its buttons still work.
    r = await chat.press("✅ Asked Ann Bee now")
    assert "Ann Bee has given permission" in chat.texts(r)
    await chat.press("Done for now")
    for forged in (f"referees:sent:{interview.id}:²", f"referees:sent:{FORGED_ID}:{ann.id}"):
        r = await chat.press_data(forged)
        assert tc.STALE_BUTTON in chat.texts(r), forged
    assert await store.referees.briefed_ids(interview.id) == set()
