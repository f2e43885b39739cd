"""Texts of the nudges and /reminders: what is due, why now, and what the buttons did.

Each nudge names the interview and the step, then says why now, in the words of the seed
articles and COACHING.md's timings. `{company}` is the escaped company name, or "the company";
`{when}` when the interview starts, in the user's zone ("tomorrow 10:00"), and `{where}` where,
as the user typed it (" (video call)"), or "".
"""

from __future__ import annotations

# Why now, keyed by the nudge's kind (the coaching reason, or one of the nudge extras).
WHY: dict[str, str] = {
    "prepare": (
        "Your interview with {company} is <b>{when}</b>{where}. Before it: ask your referees' "
        "permission, so nobody is surprised by a call; find out who will interview you; revise "
        "for any test they mentioned. At the end, ask <i>“What's the next stage?”</i>, and keep "
        "15 minutes free after it to write notes."
    ),
    "debrief": (
        "Your interview should be over by now. Well done! A quick debrief while it's fresh: "
        "who you met and what happens next."
    ),
    "debrief_when": (
        "Do you know when your next interview is yet? Tell me and I'll plan the steps around it."
    ),
    "reflect": (
        "You're nearly through the debrief: how did it go? Don't feel bad, just acknowledge "
        "it: what went well, and what didn't quite land."
    ),
    "notes": (
        "It's a couple of hours since your interview, and memory fades fast. Write down the "
        "questions, your answers, names and what you forgot to say."
    ),
    "thanks": (
        "You're home by now: a good time for a brief thank-you to each interviewer, ideally "
        "within 24 hours. While you're at it, follow {company}'s pages."
    ),
    "thanks_deadline": (
        "It's a day since your interview. A thank-you still counts if it goes today; after "
        "48 hours it folds into your follow-up instead."
    ),
    "social": (
        "Follow {company}'s pages now to keep up with their news. Connecting with people "
        "personally waits until after the decision."
    ),
    "referees": (
        "A working day has passed: share your notes with your referees so their reference "
        "fits the role and smooths over anything awkward."
    ),
    "referees_permission": (
        "One of your referees hasn't given permission yet. Speak to them as soon as possible, "
        "before the employer calls."
    ),
    "followup_timeline": (
        "The date they gave has passed: now is the right time for a short, polite follow-up."
    ),
    "followup_no_timeline": (
        "It's a working week since your interview and they gave no timeline: a short, polite "
        "check-in is normal now. Heard back already? Tell me the outcome instead."
    ),
    "second_followup": (
        "A working week since your follow-up and no reply yet. One more brief, courteous note "
        "is fine."
    ),
    "outcome": "By now you may have heard back. Tell me the outcome and I'll help with what's next.",
    "move_on": (
        "Two follow-ups without a reply is enough. Put your energy into other applications; "
        "you can still hear back."
    ),
    "keep_contact_rejected": (
        "It's a day since you heard. Don't burn any bridges: thank them, ask for one piece of "
        "feedback (within a week) and connect on LinkedIn."
    ),
    "keep_contact_offer": "Congratulations! Thank your referees and connect with your interviewers.",
    "keep_contact_withdrawn": "Leave on good terms: a short, courteous note keeps the door open.",
    "keep_in_touch": (
        "It's three months since {company}'s answer. A short, friendly hello keeps you in mind "
        "for the next opening: it's about connecting, not a failed interview."
    ),
    "keep_trying": (
        "Another week of waiting. Keep applying elsewhere: keep putting yourself out there "
        "until you get the call you're waiting for."
    ),
}
THE_COMPANY = "the company"
# Said after the step's name when a step has more than one nudge.
QUALIFIER: dict[str, str] = {
    "thanks_deadline": "last call",
    "second_followup": "second",
    "move_on": "time to move on",
    "keep_in_touch": "three months on",
    "referees_permission": "permission",
}
STEP_QUALIFIED = "{step} ({qualifier})"

NUDGE = "⏰ <b>{step}</b> · {label}\n{why}"
NUDGE_WEEKLY_FOOTER = "<i>Weekly nudges can be turned off in /reminders.</i>"
SUMMARY_HEADER = "⏰ <b>{count} things are waiting for you</b>"
SUMMARY_LINE = "• <b>{step}</b> · {label} <i>(due {due})</i>"
SUMMARY_MORE = "…and {count} more: see /status."
SUMMARY_FOOTER = "Tap one to see it with its buttons."
SUMMARY_BUTTON = "{step} · {label}"

BTN_OPEN = "▶️ {step}"
BTN_DONE = "Done ✓"
BTN_SKIP = "Skip this step"
BTN_SKIP_WEEK = "Skip this week"
BTN_SNOOZE_HOUR = "1 hour"
BTN_SNOOZE_MORNING = "Tomorrow morning"
BTN_SNOOZE_PICK = "Pick a day…"
BTN_BACK = "‹ Back"

CHOSE_OPEN = "Opened"
CHOSE_DONE = "Done"
CHOSE_SKIP = "Skipped"
CHOSE_SNOOZE = "Snoozed until {when}"
DONE_REPLY = "✅ {step} done for {label}. Well done!"
DONE_WEEKLY = "Great, keep going! I'll check in again next week."
FOLLOWUP_LOGGED = "✅ Follow-up noted for {label}. If they don't reply, I'll remind you."
SKIP_REPLY = "➖ {step} skipped for {label}. You can still do it any time: /status."
SKIP_WEEKLY = "No problem. I'll check in again next week."
SNOOZE_REPLY = "😴 I'll remind you {when}."
PICK_DAY = "Which day shall I remind you? (In the morning, after your quiet hours.)"
GONE = "That reminder is no longer waiting. Send /next to see what's next."

# /reminders
REMINDERS_HEADER = "<b>Your reminders</b>"
REMINDERS_NONE = "Nothing scheduled right now."
REMINDERS_LINE = "• {due} · <b>{step}</b> · {label}"
REMINDERS_MORE = "…and {count} more."
BTN_REMINDERS_MORE = "Show the other {count}"
REMINDERS_MORE_HEADER = "<b>Your later reminders</b>"
REMINDERS_NO_MORE = "Nothing more is scheduled."
REMINDERS_OFF = "Reminders are <b>off</b>: I won't nudge you. /next still shows what's due."
REMINDERS_STATUS = (
    "Reminders: <b>{all}</b> · Weekly “keep applying”: <b>{weekly}</b>\n"
    "Quiet hours: {quiet} (change them in /settings)"
)
ON = "on"
OFF = "off"
QUIET_NONE = "none"
BTN_ALL_OFF = "🔕 Turn all off"
BTN_ALL_ON = "🔔 Turn all on"
BTN_WEEKLY_OFF = "Weekly nudges off"
BTN_WEEKLY_ON = "Weekly nudges on"

# Done on a nudge whose step needs answers (the outcome, the debrief).
DONE_TELL_ME = "Good. Tell me how it went for <b>{label}</b> and I'll plan what comes next."
BTN_TELL_ME = "Tell me now"
