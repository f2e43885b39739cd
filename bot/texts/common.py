"""Texts shared by every part of the bot: welcome, help, errors, buttons."""

from __future__ import annotations

import html

from bot.terms import Step, StepState


def esc(text: str | None) -> str:
    """Escape user text for HTML parse mode."""
    return html.escape(text or "", quote=False)


def counted(count: int, noun: str) -> str:
    """`count` of a regular English `noun` as a phone reads it: "no notes", "1 note",
    "2 notes" (not "2 note(s)")."""
    if count == 0:
        return f"no {noun}s"
    return f"1 {noun}" if count == 1 else f"{count} {noun}s"


WELCOME = (
    "👋 <b>Hi, I'm Afterview.</b> I coach you through everything worth doing after a job "
    "interview: a quick debrief, notes while it's fresh, a thank-you note, briefing your "
    "referees and following up at the right time.\n"
    "I keep your answers and remind you when each step is due. Ask <b>what's next?</b> any time."
)
WELCOME_BACK = "Welcome back! What would you like to do?"
WELCOME_BACK_PENDING = "Welcome back! We were in the middle of this:"

HELP = (
    "<b>What I can do</b>\n"
    "/debrief – tell me about an interview (or one coming up)\n"
    "/next – what to do next, and why\n"
    "/status – a checklist for each interview\n"
    "/interviews – pick an interview: see it, change or delete anything\n"
    "/notes – write down what you remember\n"
    "/thanks – a thank-you note for each interviewer\n"
    "/social – follow the company\n"
    "/referees – brief your referees\n"
    "/followup – when and how to follow up\n"
    "/outcome – tell me how it went\n"
    "/reminders – upcoming nudges; turn them on or off\n"
    "/calendar – due dates as a calendar file\n"
    "/settings – time zone, country and quiet hours\n"
    "/export – all your data as a file · /forget – delete it all\n"
    "/contact – who runs this service · /adviser – ask our advisers\n"
    "/undo – take back your last answer\n"
    "/skip – skip a question · /cancel – stop; your answers are kept"
)

# The command menu shown by Telegram; (command, description).
COMMANDS: tuple[tuple[str, str], ...] = (
    ("next", "What to do next"),
    ("debrief", "Debrief an interview"),
    ("status", "Checklist per interview"),
    ("interviews", "See, change or delete an interview"),
    ("notes", "Write notes"),
    ("thanks", "Thank-you notes"),
    ("social", "Follow the company"),
    ("referees", "Brief your referees"),
    ("followup", "Follow up"),
    ("outcome", "Report the outcome"),
    ("reminders", "Upcoming nudges"),
    ("calendar", "Due dates for your calendar"),
    ("settings", "Time zone, country, quiet hours"),
    ("export", "Download your data"),
    ("forget", "Delete your data"),
    ("contact", "Who runs this service"),
    ("adviser", "Ask our advisers"),
    ("undo", "Take back your last answer"),
    ("help", "All commands"),
    ("cancel", "Stop the current step"),
)

PRIVATE_ONLY = (
    "I coach one person at a time, so I only work in a private chat. "
    "Open a chat with me (tap my name, then <b>Message</b>) and send /start."
)
EDITED = (
    "I saw you edited a message. I keep what you first sent; if something needs changing, "
    "just send it again as a new message."
)
UNSUPPORTED_MEDIA = "I can only read text. Please type your answer, or use the buttons."
UNKNOWN_COMMAND = "I don't know that command. Send /help to see what I can do."
OTHER_BOTS_COMMAND = (
    "That command is addressed to @{bot}, another bot. To use it with me, send /{command}."
)
TAP_A_BUTTON = (
    "I can't take a typed answer to this one: please tap one of the buttons, "
    "or send /cancel to stop here."
)
CANT_SKIP = "This one needs an answer: tap one of the buttons, or send /cancel to stop here."
UNKNOWN_TEXT = (
    "I'm not sure what you mean. Ask <b>what's next?</b>, or send /help to see what I can do."
)
STALE_BUTTON = "That button has expired. Send /next to carry on."
NO_LETTERS = "That has no letters or digits in it: please type the name."
TOO_LONG = "That's a lot! Please keep it under {limit} characters, or split it into parts."
ERROR = "Sorry, something went wrong on my side. Your answers so far are saved; please try again."
CANCELLED = "Stopped. Everything you've answered is saved. Send /next when you're ready."
NOTHING_TO_CANCEL = "There's nothing to stop right now. Send /next to see what's next."
SKIPPED = "Skipped."

NO_INTERVIEW = "You haven't told me about an interview yet. Send /debrief to start."
ALL_WRAPPED_UP = (
    "All your interviews are wrapped up. To see or change one, open it from "
    "<b>My interviews</b>; after your next interview, send /debrief."
)
PICK_INTERVIEW = "Which interview is this for?"
NOW_WORKING_ON = "Now working on <b>{label}</b>."

BTN_SKIP = "Skip"
BTN_DONE = "Done"
BTN_DEBRIEF = "📝 Debrief an interview"
BTN_NEXT = "👉 What's next?"
BTN_STATUS = "📊 Where things stand"
BTN_INTERVIEWS = "🗂 My interviews"

STEP_NAMES: dict[Step, str] = {
    Step.PREPARE: "Prepare",
    Step.DEBRIEF: "Debrief",
    Step.REFLECT: "Reflect",
    Step.NOTES: "Notes",
    Step.THANKS: "Thank-you notes",
    Step.SOCIAL: "Follow the company",
    Step.REFEREES: "Brief your referees",
    Step.FOLLOWUP: "Follow up",
    Step.OUTCOME: "Outcome",
    Step.KEEP_CONTACT: "Keep in contact",
    Step.KEEP_TRYING: "Keep applying",
}

STATE_MARKS: dict[StepState, str] = {
    StepState.DONE: "✅",
    StepState.PENDING: "⏳",
    StepState.SKIPPED: "➖",
    StepState.NOT_APPLICABLE: "➖",
}
