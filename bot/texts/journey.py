"""Texts for "what's next?", /status and /interviews: why each step matters, and when."""

from __future__ import annotations

# Why each step is due, keyed by StepPlan.reason. Short: they follow the step's name.
REASONS: dict[str, str] = {
    "prepare": "Your interview is coming up: a few things to do before it.",
    "debrief": "A quick debrief while it's fresh: who you met, and what happens next.",
    "debrief_when": (
        "When is it? Once I know, I'll plan the rest around it: a reminder the evening "
        "before, then the debrief. Meanwhile, check your referees are happy to be called."
    ),
    "reflect": (
        "Think about how it went. Don't feel bad, just acknowledge it: what went well, and "
        "what didn't quite land."
    ),
    "notes": (
        "Write down the questions, your answers, names and what you forgot to say. Memory "
        "fades within hours, and these notes help with your thank-you and your referees."
    ),
    "thanks": (
        "A brief, personal thank-you to each interviewer, ideally within 24 hours. It can "
        "also smooth over one rough answer."
    ),
    "social": (
        "Follow the company's pages now to keep up with their news. Connecting with people "
        "personally waits until after the decision."
    ),
    "referees": (
        "Share your notes with your referees so their reference fits the role and can smooth "
        "over anything awkward."
    ),
    "referees_permission": (
        "One of your referees hasn't given permission yet. Speak to them as soon as "
        "possible, before the employer calls."
    ),
    "followup_timeline": (
        "Their timeline has passed, so now is the right time for a short, polite follow-up."
    ),
    "followup_no_timeline": (
        "They didn't give a timeline, so a short, polite check-in after a week is normal."
    ),
    "second_followup": "No reply yet. One more brief, courteous follow-up is fine.",
    "move_on": (
        "Two follow-ups without a reply is enough. It's time to put your energy into other "
        "applications; you can still hear back."
    ),
    "outcome": "Have you heard back? Tell me the outcome and I'll help with what comes next.",
    "keep_contact_rejected": (
        "Don't burn any bridges: thank them, ask for one piece of feedback, and connect on "
        "LinkedIn."
    ),
    "keep_contact_offer": "Congratulations! Thank your referees and connect with your interviewers.",
    "keep_contact_withdrawn": "Leave on good terms: a short, courteous note keeps the door open.",
    "keep_contact_wait": "Once you know the outcome, we'll keep in contact the right way.",
    "next_round": "The next round has its own steps.",
    "keep_in_touch": (
        "It's been about three months. A short, friendly hello keeps you in mind for the next "
        "opening: share a bit of news and say you'd still love to work with them."
    ),
    "keep_trying": (
        "While you wait, keep applying elsewhere. Keep putting yourself out there until you "
        "get the call you're waiting for."
    ),
}

NEXT_DUE_NOW = "👉 <b>Next: {step}</b> · {label}\n{reason}\n<i>Due {due}.</i>"
# A step that is fine to do early (notes, thank-yous...): say so rather than "not yet".
NEXT_EARLY = (
    "👉 <b>Next: {step}</b> · {label}\n{reason}\n<i>Good to do now; I'll remind you "
    "{due} otherwise.</i>"
)
NEXT_LATER = (
    "👉 <b>Next: {step}</b> · {label}\n{reason}\n<i>Not yet: due {due}. Nothing else needs "
    "you before then.</i>"
)
NEXT_ONLY_THE_QUESTION = (
    "👉 Nothing else is waiting for you right now: just the question I asked you."
)
NEXT_NOTHING = (
    "🎉 Nothing is waiting for you right now. You worked hard; you deserve some rest. "
    "Send /debrief after your next interview."
)
NEXT_BUTTON = "Start: {step}"

STATUS_HEADER = "<b>{label}</b>"
STATUS_LINE_DONE = "{mark} {step}"
STATUS_LINE_PENDING = "{mark} {step} · due {due}"
STATUS_LINE_WAITING = "{mark} {step} · after the outcome"
STATUS_LINE_UNDATED = "{mark} {step} · once I know when it is"
STATUS_EMPTY = "No active interviews. Send /debrief to add one."

INTERVIEWS_HEADER = "Your interviews. Tap one to work on it:"
INTERVIEWS_EMPTY = "No interviews yet. Send /debrief after your next interview."
INTERVIEW_BUTTON = "{mark}{label} · {date}"

# --- history and telling interviews apart (conversations/general_history.py) -----------------
LABEL_ON_DAY = "{label} · {day}"
HISTORY_HEADER = "<b>Closed</b>"
HISTORY_LINE = "🗂 {label} · {day} · {outcome}"
HISTORY_CLOSED = "closed"
HISTORY_KEEP_IN_TOUCH = " · keep in touch around {when}"
HISTORY_LEFT_OPEN = " · left open: {steps}"
INTERVIEW_BUTTON_CLOSED = "🗂 {label} · {date} · {outcome}"
COMING_UP_KEEP_IN_TOUCH = (
    "Coming up: a friendly hello to keep in touch about <b>{label}</b>, around {when}. I'll "
    "remind you."
)
