"""/social (step 5): follow the company now, connect with people after the decision."""

from __future__ import annotations

from bot.app import AfterviewApplication
from bot.rules.coaching import Outcome, Step, StepState
from bot.rules.models import Interview
from tests import updates
from tests.chat import Chat
from tests.fakeapi import FakeTelegram
from tests.journeys import logged

SEARCH = "https://www.linkedin.com/search/results/companies/?keywords="


async def decided(app: AfterviewApplication, interview: Interview, outcome: Outcome) -> None:
    async with app.runtime.store.transaction() as tx:
        await tx.interviews.update(interview.id, outcome=outcome, outcome_at=app.runtime.now())


async def test_follow_the_company_before_the_decision(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await logged(chat, company="Acme & Sons", people=["Priya Shah", "Tom Lee"])
    r = await chat.send("/social")
    text = chat.texts(r)
    assert "Follow Acme & Sons on LinkedIn now" in text
    link = next(s for s in r if s.button_data("🔎 Find Acme & Sons on LinkedIn"))
    assert link.button_data("🔎 Find Acme & Sons on LinkedIn") == SEARCH + "Acme+%26+Sons"
    # Personal connections wait for the decision, and the bot says why.
    assert "not yet" in text and "until after the decision" in text
    assert "LinkedIn note to" not in text
    assert "Which other pages will you follow?" in text
    r = await chat.send("facebook.com/acmeandsons")
    assert "Following: facebook.com/acmeandsons" in chat.texts(r)
    r = await chat.send("X: @acme <official>")
    assert "facebook.com/acmeandsons, X: @acme <official>" in chat.texts(r)
    r = await chat.send("FACEBOOK.com/acmeandsons")
    assert "already have" in chat.texts(r)
    r = await chat.press("Done ✓")
    assert "Following the company" in chat.texts(r) and "Next:" in chat.texts(r)
    store = app.runtime.store
    pages = [p.page for p in await store.social.for_interview(interview.id)]
    assert pages == ["facebook.com/acmeandsons", "X: @acme <official>"]
    assert (await store.interviews.steps(interview.id))[Step.SOCIAL] is StepState.DONE
    # Coming back lists what's followed so far.
    r = await chat.send("/social")
    assert "Following so far: facebook.com/acmeandsons, X: @acme <official>" in chat.texts(r)


async def test_still_waiting_is_not_a_decision(chat: Chat, app: AfterviewApplication) -> None:
    interview = await logged(chat)
    await decided(app, interview, Outcome.WAITING)
    r = await chat.send("/social")
    assert "until after the decision" in chat.texts(r)
    assert "LinkedIn note to" not in chat.texts(r)


async def test_personal_connections_after_the_decision(
    chat: Chat, app: AfterviewApplication
) -> None:
    interview = await logged(chat, people=["Priya Shah", "Tom Lee"])
    await decided(app, interview, Outcome.REJECTED)
    r = await chat.send("/social")
    text = chat.texts(r)
    assert "Now you've heard back" in text and "until after the decision" not in text
    notes = [s for s in r if "LinkedIn note to" in s.text]
    assert [s.text.splitlines()[0] for s in notes] == [
        "🔗 LinkedIn note to Priya Shah",
        "🔗 LinkedIn note to Tom Lee",
    ]
    people = await app.runtime.store.interviewers.for_interview(interview.id)
    for sent, person in zip(notes, people, strict=True):
        assert "/200 characters" in sent.text
        assert sent.labels == ["Sent it ✓", "Change something", "Review mine"]
        assert sent.button_data("Review mine") == f"review:linkedin:{interview.id}:{person.id}"
    # The last message is still the question; "Sent it" doesn't end the conversation.
    assert "Which other pages" in r[-1].text
    r = await chat.feed(
        updates.callback(chat.user_id, f"social:sent:{interview.id}:{people[1].id}", notes[1])
    )
    assert "connecting with Tom Lee" in chat.texts(r)
    r = await chat.send("linkedin.com/company/acme")
    assert "Added ✓" in chat.texts(r)
    r = await chat.press("Done ✓")
    assert (await app.runtime.store.interviews.steps(interview.id))[Step.SOCIAL] is StepState.DONE
    # "Sent it" still counts after the conversation has ended.
    r = await chat.feed(
        updates.callback(chat.user_id, f"social:sent:{interview.id}:{people[0].id}", notes[0])
    )
    assert "connecting with Priya Shah" in chat.texts(r)
    assert "expired" not in chat.texts(r)


async def test_skip_and_unknown_company(chat: Chat, app: AfterviewApplication) -> None:
    user_interview = await logged(chat)
    store = app.runtime.store
    async with store.transaction() as tx:
        await tx.interviews.update(user_interview.id, company=None)
    r = await chat.send("/social")
    link = next(s for s in r if s.button_data("🔎 Search companies on LinkedIn"))
    assert link.button_data("🔎 Search companies on LinkedIn") == SEARCH.split("?")[0]
    r = await chat.send("/skip")
    assert "skipped" in chat.texts(r)
    steps = await store.interviews.steps(user_interview.id)
    assert steps[Step.SOCIAL] is StepState.SKIPPED


async def test_bad_input(chat: Chat, app: AfterviewApplication, fake: FakeTelegram) -> None:
    interview = await logged(chat)
    await chat.send("/social")
    r = await chat.feed(updates.message(chat.user_id, sticker=True))
    assert "only read text" in chat.texts(r) and "Send the name or link" in chat.texts(r)
    r = await chat.send("p" * 301)
    assert "under 300 characters" in chat.texts(r)
    r = await chat.press_data("social:sent:999999:999999")
    assert "can't find that interviewer" in chat.texts(r)
    r = await chat.press_data("social:sent:x")
    assert "can't find that interviewer" in chat.texts(r)
    person = (await app.runtime.store.interviewers.for_interview(interview.id))[0]
    for data in (
        f"social:sent:{interview.id}:{'9' * 23}",  # more than SQLite's largest integer
        f"social:sent:{interview.id}:²",  # a digit to str.isdigit(), not to int()
        f"social:sent:²:{person.id}",
    ):
        r = await chat.press_data(data)
        assert "can't find that interviewer" in chat.texts(r), data
        assert "went wrong" not in chat.texts(r), data
    r = await chat.press_data("social:forged")
    assert "Send the name or link" in chat.texts(r)
    r = await chat.send("/nonsense")
    assert "don't know that command" in chat.texts(r)
    r = await chat.send("<script>&amp;</script>")
    assert "Following: <script>&amp;</script>" in chat.texts(r)
    # Someone else's interviewer, forged onto this user's button data: refused.
    other = Chat(app, fake, user_id=2002, first_name="Eve")
    person = (await app.runtime.store.interviewers.for_interview(interview.id))[0]
    r = await other.press_data(f"social:sent:{interview.id}:{person.id}")
    assert "can't find that interviewer" in other.texts(r)
    pages = await app.runtime.store.social.for_interview(interview.id)
    assert [p.page for p in pages] == ["<script>&amp;</script>"]
