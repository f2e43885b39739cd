"""Texts of step 0, preparing for an interview still to come, and of steps gone overdue.

Seed 000: ask your referees before the interview; at the end ask "What's the next stage of the
interview process?"; make notes as soon as possible after it; a test in the next stage is a
chance to revise ahead of time. Seed 004: be sure you address the right person, so names count.
"""

from __future__ import annotations

# The checklist, one line per thing to do before it; shown by /next, the Prepare step and the
# debrief of an interview still to come.
WHEN = "📅 Your interview{with_company} is <b>{when}</b>{where}."
WHERE = " ({place})"
WITH_COMPANY = " with {company}"
HEADER = "Before it:"
REFEREES_ASK = (
    "• <b>Ask your referees' permission now</b>, so nobody is surprised by a call. Send "
    "/referees to note who they are."
)
REFEREES_WAITING = "• <b>Ask {names} for permission now</b>, so nobody is surprised by a call."
REFEREES_READY = "• Your referees have said yes ✓"
NAMES_ASK = (
    "• <b>Find out who will interview you</b>: the invitation often says. Names help with "
    "your thank-you notes."
)
NAMES_KNOWN = "• You'll meet <b>{names}</b>: note their job titles if you can."
# {test} is what the user typed about the process, whatever its form ("a case study with the
# team lead", "second round; technical test"): quoted as their words, never made a test's name.
REVISE = "• <b>Revise for the test or task they mentioned</b>. You noted: <i>“{test}”</i>."
NEXT_STAGE = "• At the end, ask: <i>“What's the next stage of the process?”</i>"
KEEP_FREE = "• Keep 15 minutes free just after it (until {until}) to write notes while it's fresh."
GOOD_LUCK = "Good luck!"

# The debrief of an interview still to come: the questions about what happened wait for it.
DEBRIEF_LATER = (
    "The rest of the debrief is about what happened, so it opens once the interview is over: "
    "I'll remind you {after}."
)
NEXT_AFTER = (
    "👉 <b>Next: {step}</b> · {label}\nYour interview is {when}. Nothing else needs you "
    "before it.\n<i>The debrief opens once it's over: I'll remind you {due}.</i>"
)

# Overdue: what to do now, keyed by the step's reason (or the nudge's kind).
DO_NOW: dict[str, str] = {
    "prepare": "There's still time before it: go through the list now.",
    "debrief": "Do it now, while you still remember who you met and what they said.",
    "reflect": "Take two minutes now, while it's fresh.",
    "notes": "Write down what you still remember now: a few lines beat none.",
    "thanks": (
        "Send it today: a day late is still welcome. After 48 hours it folds into your "
        "follow-up instead."
    ),
    "thanks_deadline": (
        "Send it today if you can. After 48 hours it folds into your follow-up instead."
    ),
    "social": "It takes a minute: follow their pages now.",
    "referees": "Share your notes with them today, before the employer calls.",
    "referees_permission": "Speak to them today, before the employer calls.",
    "followup_timeline": "Send a short, polite follow-up today.",
    "followup_no_timeline": "Send a short, polite check-in today.",
    "second_followup": "Send one more brief, courteous note today.",
    "outcome": "Heard back? Tell me now. If not, a short follow-up is the thing to do.",
    "keep_contact_rejected": "Send your reply this week, while a feedback question still fits.",
}
DO_NOW_DEFAULT = "Do it now."

NEXT_OVERDUE = (
    "👉 <b>Next: {step}</b> · {label} · <b>overdue</b>\n{reason}\n<i>It was due {due}. {now}</i>"
)
NEXT_OVERDUE_FROM_START = (
    "👉 <b>Next: {step}</b> · {label} · <b>overdue</b>\n{reason}\n<i>Its usual time had passed "
    "before you told me about it. {now}</i>"
)
STATUS_OVERDUE = "⚠️ {step} · <b>overdue</b> since {due}: do it now"
STATUS_OVERDUE_FROM_START = "⚠️ {step} · <b>overdue</b>: do it now"
STATUS_FOLDED = "➖ {step} · past 48 hours: folded into the follow-up"
NUDGE_OVERDUE = "⏰ <b>{step}</b> · {label} · <b>overdue</b>\n{why}\n<i>It was due {due}. {now}</i>"
NUDGE_OVERDUE_FROM_START = "⏰ <b>{step}</b> · {label} · <b>overdue</b>\n{why}\n<i>{now}</i>"
SUMMARY_OVERDUE = "• <b>{step}</b> · {label} <i>(overdue)</i>"
