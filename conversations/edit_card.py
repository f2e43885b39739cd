"""An interview's card: what the user told about it, with a button to change each thing, its
interviewers, notes and referees, and to delete it (the handlers are in conversations/edit.py).

Button data (≤ 64 bytes; every id is checked against the owner when pressed):
`edit:card:<iid>`, `edit:f:<iid>:<field>[:<row id>]` (change a field), `edit:p:<iid>:<pid>`
(an interviewer), `edit:notes:<iid>`, `edit:refs:<iid>`, `edit:pdel|ndel|rdel:<iid>:<id>`
(remove one), `edit:del:<iid>` then `edit:delok:<iid>` (delete the interview).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from telegram import InlineKeyboardMarkup, Update

from bot.rules.models import Interview, Interviewer, Note, Referee
from bot.rules.timing import zone
from bot.texts import common as tc
from bot.texts import edit as t
from bot.texts import outcome as to
from bot.tg import keyboards as kb
from bot.tg.context import Ctx
from conversations.common import current_user, joined, say
from conversations.edit_fields import NS, shown, snapshot

CARD_SHOWN = "card_shown"  # scratch: {"iid", "update"}: the card shown last, and by which update
MAX_ROWS = 20  # notes or referees listed with buttons; more would not fit a phone's screen


def card_button(interview: Interview) -> kb.Button:
    """A button that opens the interview's card (for /status and other lists)."""
    return (kb.interview_label(interview.label), kb.data(NS, "card", interview.id))


def cards_rows(
    interviews: Sequence[Interview], labels: Mapping[int, str] | None = None
) -> list[list[kb.Button]]:
    """One row per interview: a "✏️ <label>" button opening its card (under /status);
    `labels` by interview id, where two interviews' own labels would read the same."""
    return [
        [(t.BTN_OPEN_CARD.format(label=kb.interview_label(label)), data)]
        for label, data in (
            ((labels or {}).get(i.id, i.label), kb.data(NS, "card", i.id)) for i in interviews
        )
    ]


def field_data(iid: int, key: str, sub: int | None = None) -> str:
    """Data of a button that changes field `key` (of row `sub`: a person, note, referee)."""
    return kb.data(NS, "f", iid, key, sub) if sub else kb.data(NS, "f", iid, key)


def person_line(p: Interviewer) -> str:
    """One interviewer on a line: name (job title) · email · “greeting”, escaped."""
    return t.CARD_PERSON.format(
        name=tc.esc(p.name),
        title=t.PERSON_TITLE.format(title=tc.esc(p.job_title)) if p.job_title else "",
        email=t.PERSON_EMAIL.format(email=tc.esc(p.email)) if p.email else "",
        greet=t.PERSON_GREET.format(greet=tc.esc(p.address)) if p.address else "",
    )


async def card_text(ctx: Ctx, interview: Interview, people: list[Interviewer]) -> str:
    """The card's text (HTML)."""
    tz, now = zone(await _tz_of(ctx, interview.user_id)), ctx.now()

    def value(key: str) -> str:
        return shown(key, snapshot(key, interview), tz, now)

    lines = t.CARD_LINES.format(
        company=value("company"),
        role=value("role"),
        when=value("when"),
        place=value("place"),
        next_stage=value("next"),
        reply=value("reply"),
        process=value("process"),
        rating=value("rating"),
        outcome=to.OUTCOME_NAMES[interview.outcome] if interview.outcome else t.NOT_GIVEN,
        well=value("well"),
        landed=value("landed"),
    )
    who = "\n".join(person_line(p) for p in people) or t.NO_PEOPLE
    notes = await ctx.store.notes.for_interview(interview.id)
    referees = await ctx.store.referees.for_user(interview.user_id)
    counts = t.CARD_NOTES.format(count=len(notes), referees=len(referees))
    title = t.CARD_TITLE.format(label=tc.esc(interview.label))
    return joined(title, lines, t.CARD_PEOPLE.format(people=who), counts, t.CARD_HINT)


async def _tz_of(ctx: Ctx, user_id: int) -> str | None:
    """The user's time zone name (None until asked)."""
    user = await ctx.store.users.get(user_id)
    return user.tz if user else None


def card_keyboard(interview: Interview, people: list[Interviewer]) -> InlineKeyboardMarkup:
    """The card's buttons: each field, each interviewer, notes, referees, delete."""
    iid = interview.id
    fields = [(t.BTN_COMPANY, "company"), (t.BTN_ROLE, "role"), (t.BTN_WHEN, "when")]
    more = [(t.BTN_PLACE, "place"), (t.BTN_NEXT, "next"), (t.BTN_REPLY, "reply")]
    last = [(t.BTN_PROCESS, "process"), (t.BTN_RATING, "rating")]
    words = [(t.BTN_WENT_WELL, "well"), (t.BTN_NOT_LANDED, "landed")]
    keys = (fields, more, last, words)
    rows = [[(label, field_data(iid, key)) for label, key in row] for row in keys]
    rows[2].append((t.BTN_OUTCOME, kb.data(NS, "oc", iid)))  # conversations/edit_outcome.py
    persons = [(t.BTN_PERSON.format(name=p.name), kb.data(NS, "p", iid, p.id)) for p in people]
    rows += [persons[i : i + 2] for i in range(0, len(persons[:MAX_ROWS]), 2)]
    rows.append([(t.BTN_ADD_PERSON, field_data(iid, "padd"))])
    rows.append(
        [(t.BTN_NOTES, kb.data(NS, "notes", iid)), (t.BTN_REFEREES, kb.data(NS, "refs", iid))]
    )
    rows.append([(t.BTN_DELETE, kb.data(NS, "del", iid))])
    rows.append([(tc.BTN_NEXT, kb.data("next", "show"))])  # where to go from here
    return kb.keyboard(rows)


async def show_card(
    update: Update, ctx: Ctx, interview: Interview, lead: str | None = None
) -> None:
    """Show the interview's card, after `lead` (what just changed)."""
    people = await ctx.store.interviewers.for_interview(interview.id)
    text = await card_text(ctx, interview, people)
    ctx.udata[CARD_SHOWN] = {"iid": interview.id, "update": update.update_id}  # for "undo"
    await say(update, ctx, text, card_keyboard(interview, people), lead=lead)


def back_row(iid: int) -> list[kb.Button]:
    """The row with « Back to the card (of interview `iid`)."""
    return [(t.BTN_BACK, kb.data(NS, "card", iid))]


async def show_person(update: Update, ctx: Ctx, iid: int, person: Interviewer) -> None:
    """One interviewer's details, a button for each, Remove and Back."""
    pid = person.id
    keys = [(t.BTN_NAME, "pname"), (t.BTN_TITLE, "ptitle"), (t.BTN_EMAIL, "pemail")]
    rows = [
        [(label, field_data(iid, key, pid)) for label, key in keys],
        [
            (t.BTN_GREET, field_data(iid, "pgreet", pid)),
            (t.BTN_REMOVE, kb.data(NS, "pdel", iid, pid)),
        ],
        back_row(iid),
    ]
    text = t.PERSON_MENU.format(line=person_line(person), name=tc.esc(person.name))
    await say(update, ctx, text, kb.keyboard(rows))


async def show_notes(
    update: Update, ctx: Ctx, interview: Interview, lead: str | None = None
) -> None:
    """The interview's notes, numbered, with ✏️ and 🗑 for each."""
    notes: list[Note] = await ctx.store.notes.for_interview(interview.id)
    label = tc.esc(interview.label)
    if not notes:
        await say(
            update,
            ctx,
            t.NO_NOTES.format(label=label),
            kb.keyboard([back_row(interview.id)]),
            lead=lead,
        )
        return
    shown_notes = notes[:MAX_ROWS]
    lines = "\n".join(
        t.NOTE_LINE.format(n=n, body=tc.esc(kb.shorten(note.body, 200)))
        for n, note in enumerate(shown_notes, 1)
    )
    rows = [
        [
            (t.BTN_EDIT.format(n=n), field_data(interview.id, "note", note.id)),
            (t.BTN_DELETE_N.format(n=n), kb.data(NS, "ndel", interview.id, note.id)),
        ]
        for n, note in enumerate(shown_notes, 1)
    ]
    text = t.NOTES_HEADER.format(label=label, lines=lines)
    await say(update, ctx, text, kb.keyboard([*rows, back_row(interview.id)]), lead=lead)


async def show_referees(update: Update, ctx: Ctx, iid: int, lead: str | None = None) -> None:
    """The user's referees, with ✏️ (name), ☎️ (contact) and 🗑 for each."""
    user = await current_user(update, ctx)
    referees: list[Referee] = (await ctx.store.referees.for_user(user.id))[:MAX_ROWS]
    if not referees:
        await say(update, ctx, t.NO_REFEREES, kb.keyboard([back_row(iid)]), lead=lead)
        return
    lines = "\n".join(
        t.REFEREE_LINE.format(
            name=tc.esc(r.name),
            contact=t.REFEREE_CONTACT.format(contact=tc.esc(r.contact)) if r.contact else "",
        )
        for r in referees
    )
    rows = [
        [
            (t.BTN_REF_NAME.format(name=r.name), field_data(iid, "rname", r.id)),
            (t.BTN_REF_CONTACT.format(name=r.name), field_data(iid, "rcontact", r.id)),
            (t.BTN_REF_DELETE.format(name=r.name), kb.data(NS, "rdel", iid, r.id)),
        ]
        for r in referees
    ]
    text = t.REFEREES_HEADER.format(lines=lines)
    await say(update, ctx, text, kb.keyboard([*rows, back_row(iid)]), lead=lead)
