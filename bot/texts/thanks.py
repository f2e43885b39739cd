"""Texts of /thanks (step 4): a thank-you note to each interviewer, one at a time.

Seed 000: thank them for their time and consideration, and use the note to smooth over one
rough answer "no longer than one or two sentences". Seed 004: say why you thank them, add
anything important you forgot to mention. COACHING.md: within 24 hours, never past 48.
"""

from __future__ import annotations

NOT_YET = (
    "Your interview is still to come ({when}). Thank-you notes go out after it: send /thanks "
    "once it's done."
)
INTRO = "<b>Note {index} of {total}</b> · to {name}\n{timing}"
INTRO_SKIP_HINT = "<i>Not sending this one now? /skip moves on.</i>"
TIMING_FRESH = "Best sent by <b>{deadline}</b>, within 24 hours of the interview."
TIMING_LATE = (
    "It's past the usual 24 hours, but a note today is still welcome. Send it before "
    "<b>{too_late}</b>."
)
TIMING_VERY_LATE = "It's late now, so keep it short and warm."

LATE = (
    "It's been more than two days since your interview, so a thank-you note now would arrive "
    "late. That's fine: my suggestion is to skip it and put your energy into a good follow-up "
    "instead. If you'd still like to send one, I'll draft it."
)
BTN_LATE_SKIP = "Skip to the follow-up"
BTN_LATE_WRITE = "Write it anyway"
LATE_SKIPPED = "➖ Thank-you notes skipped. The follow-up is the next thing that counts."
BTN_FOLLOWUP = "📅 Plan my follow-up"

ASK_NAME = (
    "Who interviewed you? Send a name, or several on one line, and I'll draft a note to each. "
    "They're often in the invitation email."
)
NAME_SKIPPED = (
    "➖ Thank-you notes skipped. If you find a name later, send /thanks and I'll draft one."
)
NAME_ADDED = "Added <b>{name}</b>."

DRAFT_HINT = (
    "Tap <b>Sent it</b> once you've sent the note to {name}, <b>Change something</b> for a "
    "shorter, warmer or more formal version or to add a point, or <b>Review mine</b> to check "
    "your own version. /skip moves on to the next person."
)
MARKED_SENT = "✅ Noted: your thank-you to {name} is sent."
ALREADY_SENT = "✅ Your thank-you to {name} was already marked sent."

ASK_CHANGE = (
    "In a sentence or two, what would you add to the note to {name}? Start with <i>I…</i>: "
    "one point you forgot to make, or a better version of an answer that didn't land. Like: "
    "<i>“I led our move to cloud reporting, which cut month-end by two days.”</i>"
)
CHANGE_REQUEST = (
    "That sounds like a change to the note rather than a point to add, so I've left the note "
    "as it is. Pick a change below, or send the point itself, starting with <i>I…</i>"
)
CHANGE_MATERIAL = "From your debrief:\n{lines}"
MATERIAL_NOT_LANDED = "• didn't land: <i>{text}</i>"
MATERIAL_FORGOT = "• forgot to say: <i>{text}</i>"
CHANGE_CURRENT = "Your addition now: <i>{text}</i>\nSend a new one to replace it."
BTN_KEEP = "Keep it as it is"
BTN_REMOVE = "Remove my addition"
ADDITION_SAVED = "Added to the note. Here it is again:"
ADDITION_REMOVED = "Removed. Here's the note without it:"
ADDITION_KEPT = "No change. Here's the note again:"
BAD_ADDITION_EMPTY = "Please send a sentence or two, or tap <b>Keep it as it is</b>."
BAD_ADDITION_SENTENCES = (
    "That's {count} sentences. Keep it to one or two: a short addition reads as confident, a "
    "long one as re-arguing the interview. Try again?"
)
BAD_ADDITION_LONG = (
    "That's {length} characters. Please keep it under {limit}, about two sentences, and send "
    "it again."
)

ALL_SENT = "🎉 <b>All thank-you notes sent</b> for {label}: {names}. Well done."
ALL_SENT_BEFORE = (
    "Your thank-you notes for {label} are all sent ✅ ({names}). Did anyone else interview you?"
)
BTN_ADD_PERSON = "Add someone"
BTN_EVERYONE = "That's everyone"
PASSED_SOME = (
    "That's everyone for now: {sent} of {total} notes sent. Still to do: {names}. Send /thanks "
    "when you're ready, or skip the rest."
)
BTN_SHOW_AGAIN = "Show them again"
BTN_SKIP_REST = "Skip the rest"
REST_SKIPPED = "➖ Thank-you notes skipped for the rest. You can still send one any time."
NO_PERSON = "I couldn't find that interviewer any more. Send /thanks to start again."
