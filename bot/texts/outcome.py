"""Texts of /outcome (steps 8–10): the outcome, and keeping in contact whatever it is.

Seed 004 "Keep In Contact": don't burn any bridges, even if you didn't get the job; add your
contacts on LinkedIn; see it not as a failed interview but as an opportunity to connect. Its
last paragraph: keep on trying. Seed 000: "Congratulations, you worked hard, and you deserve
some rest." COACHING.md: a rejection reply after 24 h and within a week; a keep-in-touch
nudge in 3 months; after an offer, thank referees and connect with interviewers.
"""

from __future__ import annotations

from bot.terms import Outcome

OUTCOME_NAMES: dict[Outcome, str] = {
    Outcome.OFFER: "an offer",
    Outcome.REJECTED: "not this time",
    Outcome.NEXT_ROUND: "a next round",
    Outcome.WITHDRAWN: "you withdrew",
    Outcome.WAITING: "still waiting",
}
BUTTONS: dict[Outcome, str] = {
    Outcome.OFFER: "🎉 Offer",
    Outcome.REJECTED: "Rejected",
    Outcome.NEXT_ROUND: "➡️ Next round",
    Outcome.WITHDRAWN: "Withdrawn",
    Outcome.WAITING: "⏳ Still waiting",
}

ASK = "Have you heard back about <b>{label}</b>? What's the outcome?"
ASK_LAST = "Last time you told me: {outcome} ({when})."
CLOSED = "<b>{label}</b> is wrapped up already ({outcome}). Send /interviews to pick another."
NOT_YET_HELD = (
    "Your interview <b>{label}</b> is still to come ({when}). Tell me the outcome once "
    "you've heard back; until then, let's get you ready for it."
)
BTN_HAPPENED = "🗓 It's happened: fix the date"

# --- still waiting ---------------------------------------------------------------------------
WAITING = (
    "⏳ Noted: still waiting. Waiting is the hard part, so keep the ball rolling: keep "
    "applying elsewhere and keep putting yourself out there until you get the call you're "
    "waiting for."
)
WAITING_FOLLOWUP = "Your follow-up plan stays as it was: next one due <b>{when}</b>."
WAITING_FOLLOWED_UP = "You've followed up twice already, so there's nothing more to send them."
BTN_FOLLOWUP = "📅 My follow-up"

# --- rejected --------------------------------------------------------------------------------
REJECTED = (
    "I'm sorry. That's disappointing, and it's fine to feel it. It isn't a failed interview, "
    "though: it's a chance to connect with people in your field, and companies remember "
    "candidates who leave on good terms. Don't burn any bridges: a short, gracious reply "
    "keeps you in their mind for the next opening."
)
REPLY_WHEN = (
    "Send this reply after <b>{after}</b> (a day's pause reads as considered) and within a "
    "week, by <b>{by}</b>. It asks one question for feedback."
)
LINKEDIN_NOW = (
    "Now that they've decided, it's the right time to connect with your interviewers on "
    "LinkedIn, with a short note:"
)
REJECTED_END = (
    "I'll nudge you around <b>{keep_in_touch}</b> to keep in touch with them. Meanwhile, keep "
    "applying: every interview makes the next one easier.\nWhen you've sent what you want to "
    "send, tap <b>Done</b>."
)

# --- offer -----------------------------------------------------------------------------------
OFFER = "🎉 <b>Congratulations!</b> All that hard work paid off. Two kind things to do now:"
THANK_REFEREES = "1. Thank your referees and tell them the news:"
CONNECT_INTERVIEWERS = "{n}. Connect with your interviewers on LinkedIn, your future colleagues:"
OFFER_END = (
    "Then take a breath: you worked hard, and you deserve some rest. When you're done, tap "
    "<b>Done</b>."
)

# --- withdrawn -------------------------------------------------------------------------------
WITHDRAWN = (
    "Noted: you withdrew. That's a fine decision to make. Leave on good terms: a short, "
    "courteous note keeps the door open, for another role there or for the people you met, "
    "wherever they work next. Something like:\n"
    "<i>“Thank you for your time and for considering me for {role}. After careful thought, "
    "I've decided to withdraw my application. I enjoyed meeting the team and hope our paths "
    "cross again.”</i>\nWhen it's sent, tap <b>Done</b>."
)
THE_ROLE = "the role"

# --- next round ------------------------------------------------------------------------------
NEXT_ROUND = (
    "🎉 Well done, you're through to <b>round {round}</b>! I've started a new record for it, "
    "linked to the first, with its own steps."
)
ASK_WHEN = (
    "When is round {round}? Type it, e.g. “Friday 10am”, “next Tuesday 2pm”, “3 Dec 14:00”, "
    "or skip if you don't know yet."
)
BAD_WHEN = (
    "I couldn't read “{text}” as a time. Try “Friday 10am”, “next Tuesday 2pm” or “3 Dec 14:00”."
)
UPCOMING = (
    "Round {round} is on <b>{when}</b>. Two things to do before it:\n"
    "1. <b>Tell your referees</b> it's moving forward and check they're still happy to be "
    "called.\n"
    "2. <b>At the end, ask: “What's the next stage of the process?”</b> It shows you're "
    "engaged and tells you where things are going.\n"
    "Your notes from round {previous} are below to prepare with. I'll remind you the evening "
    "before; afterwards, tap the button below and we'll debrief it. Good luck!"
)
# Issue 14: the earlier round's notes shown, and the test it mentioned made a revision step.
PREP_NOTES = "<b>Your notes from round {previous}</b>\n{notes}"
PREP_NO_NOTES = "You have no notes from round {previous}; /notes adds what you remember now."
PREP_NOTE_LINE = "• {text}"
PREP_REVISE = (
    "📚 <b>Revise for the test</b>. In round {previous} you noted: “{test}”. Ask the "
    "recruiter what it covers if you don't know, and practise under time pressure."
)
PREP_FORGOT = "Worth making this time: <i>{text}</i>"
UPCOMING_NO_WHEN = (
    "Two things to do before round {round}:\n"
    "1. <b>Tell your referees</b> it's moving forward and check they're still happy to be "
    "called.\n"
    "2. <b>At the end, ask: “What's the next stage of the process?”</b>\n"
    "When you know the date, tap the button below to add it. Good luck!"
)
ALREADY_HAPPENED = "Round {round} was {when}. Let's debrief it while it's fresh."
BTN_DEBRIEF = "📝 Debrief round {round}"

# --- keep in contact: done -------------------------------------------------------------------
BTN_DONE = "Done ✓"
BTN_CHANGE = "Change the outcome"
FINISHED = "✅ <b>{label}</b> is complete. You worked hard, and you deserve some rest."
WITHDRAWN_CLOSED = "✅ <b>{label}</b> is closed. Well done for leaving on good terms."
# The closing words once an interview is wrapped up, by its outcome (FINISHED otherwise).
FINISHED_BY_OUTCOME: dict[Outcome, str] = {
    Outcome.OFFER: (
        "✅ <b>{label}</b> is complete. Congratulations: you worked hard, and you deserve "
        "some rest."
    ),
    Outcome.REJECTED: (
        "✅ <b>{label}</b> is wrapped up. It wasn't this one, and that's hard, but you handled "
        "it well and left on good terms. Take a breather, then keep putting yourself out "
        "there: every interview makes the next one easier."
    ),
    Outcome.WITHDRAWN: WITHDRAWN_CLOSED,
}
STILL_OPEN = (
    "✅ Keep in contact: done. Still open for <b>{label}</b>: {steps}. Do them if they still "
    "help, or wrap this interview up."
)
BTN_WRAP = "Wrap it up"

# --- several drafts in one message (conversations/outcome_bundle.py) -------------------------
BTN_CHANGE_FOR = "✏️ Change: {name}"
BTN_REVIEW_FOR = "🔍 Review: {name}"
# Done ✓ after a rejection, before the reply asking for feedback went out.
REPLY_LEFT = (
    "✅ Noted. One thing left for <b>{label}</b>: your reply asking for feedback, best sent "
    "after <b>{after}</b> and by <b>{by}</b>. I'll remind you when it's time. Once it's "
    "gone, tap <b>Sent it</b>."
)
BTN_SENT_ALREADY = "Sent it ✓"
