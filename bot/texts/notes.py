"""Texts of /notes (step 3): writing down what you want to remember, while it's fresh.

What to capture follows seed 000, "Write Down Anything You Want to Remember", and COACHING.md
step 3 (questions asked, your answers, names, details about the role, what you forgot to say).
"""

from __future__ import annotations

INTRO = (
    "📝 <b>Notes</b> · {label}\n"
    "Write down anything you want to remember while it's fresh. Send as many messages as you "
    "like, for example:\n"
    "• the questions they asked, and how you answered\n"
    "• names, and who does what\n"
    "• details about the role and the team\n"
    "• anything you forgot to say\n"
    "These notes help with your thank-you note and your referees, and with your next "
    "interview too. Send your first note now."
)
INTRO_MORE = (
    "📝 <b>Notes</b> · {label}\n"
    "You have {count} saved. Send more, one message or many, or read them back."
)
SAVED = "Saved ✓ ({count} in all). Send more, or tap <b>Done</b>."
SAVED_PARTS = (
    "That was a long one, so I saved it in {parts} parts ✓ ({count} in all). "
    "Send more, or tap <b>Done</b>."
)
REASK = "Send your notes as messages, one or many. Tap <b>Done</b> when you've finished."
REASK_EMPTY = "Send your notes as messages, one or many, or skip this step for now."

READ_HEADER = "<b>Your notes</b> · {label}"
READ_CONTINUED = "<b>Your notes</b> (continued)"
NOTE_LINE = "<b>{n}.</b> {body}"
READ_EMPTY = "No notes yet. Send one now, as a message."
READ_FOOTER = "Send more, or tap <b>Done</b>."

DONE_EMPTY = "You haven't written a note yet. Send one now, or skip this step."
DONE = "✅ <b>Notes saved</b> for {label}: {count}. Add more any time with /notes."
SKIPPED = "➖ Notes skipped for {label}. You can still add them any time with /notes."

ASK_FORGOT = (
    "One last thing: is there anything you wish you'd said in the interview? One point, in a "
    "sentence or two. Your thank-you note can add it."
)
FORGOT_SAVED = "Got it. Your thank-you note can mention it briefly."

BTN_DONE = "Done ✓"
BTN_READ = "Read them back"
BTN_SKIP = "Skip this step"
BTN_NOTHING = "Nothing to add"


def count_text(count: int) -> str:
    return "1 note" if count == 1 else f"{count} notes"
