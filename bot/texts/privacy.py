"""Texts of /calendar, /export and /forget."""

from __future__ import annotations

# --- /calendar ------------------------------------------------------------------------------
CALENDAR_CAPTION = (
    "📅 Due dates for <b>{label}</b>: {count}. Open the file to add them to your "
    "calendar. Send /calendar again after anything changes."
)
CALENDAR_EMPTY = "Nothing is still to come for <b>{label}</b>, so there's no calendar to add."
CALENDAR_PICK = "Which interview's dates do you want?"
CALENDAR_NAME = "Afterview"
EVENT_SUMMARY = "{step} · {label}"
EVENT_DEADLINE = "Thank-you deadline · {label}"
EVENT_DEADLINE_NOTE = "Send your thank-you notes by now: within 24 hours of the interview."
FOLLOWUP_DESCRIPTION: dict[str, str] = {
    "followup_timeline": "Their timeline has passed: send a short, polite follow-up.",
    "followup_no_timeline": "No timeline was given: a short, polite check-in is normal now.",
    "second_followup": "No reply yet: one more brief, courteous follow-up is fine.",
}

# --- /export --------------------------------------------------------------------------------
EXPORT_CAPTION = (
    "📦 Everything I store about you, as a JSON file: {rows} rows. Send /forget if you want "
    "it deleted."
)

# --- /forget --------------------------------------------------------------------------------
FORGET_ASK = (
    "⚠️ This deletes <b>everything</b> I store about you: {interviews} with their "
    "notes and drafts, {referees}, your reminders and settings. It can't be undone.\n"
    "Want a copy first? Tap <b>Keep my data</b> and send /export."
)
BTN_FORGET_YES = "Yes, delete everything"
BTN_FORGET_NO = "Keep my data"
FORGET_DONE = (
    "🗑 Done. Everything I stored about you is deleted. If you ever want to start again, "
    "send /start. Good luck with your search."
)
FORGET_KEPT = "Nothing was deleted. Send /next to carry on."
