"""Texts of the debrief (steps 1–2) and the tips before an upcoming interview (step 0)."""

from __future__ import annotations

START = "Let's capture it while it's fresh: a quick debrief, one question at a time."
RESUME = "Let's carry on with <b>{label}</b> where we left off."
CHOOSE = "You have a debrief in progress for <b>{label}</b>. Carry on with it, or start a new one?"
BTN_CONTINUE = "Carry on"
BTN_NEW = "New interview"

ASK_COMPANY = "Which company was the interview with?"
ASK_ROLE = "What's the role?"
ASK_WHEN = (
    "When was it? Tap <b>Just now</b>, or type it, e.g. “this morning”, “yesterday 2pm”. "
    "If it's still to come, type when, e.g. “Friday 10am”."
)
ASK_WHEN_SAID = (
    "When was it? You said “{words}”: tap the time below if it's about right, or type it, "
    "e.g. “10:30”."
)
BAD_WHEN = (
    "I couldn't read “{text}” as a time. Try “today 3pm”, “yesterday morning” or “Mon 10:00”."
)
BTN_JUST_NOW = "Just now"
WHEN_SET = "Got it: {when}."
WHICH_WHEN = "“{text}” could mean either of these. Which one?"
ASK_INTERVIEWER = (
    "Who interviewed you? Send a name, or a panel on one line, like “Priya Shah (Head of "
    "Analytics) and Tom O'Neill from HR”. Names help with your thank-you notes."
)
ASK_INTERVIEWER_EMAIL = "Do you have {name}'s email? Send it, or skip."
BAD_EMAIL = "That doesn't look like an email address. Send it again, or skip."
ASK_MORE_INTERVIEWERS = "Anyone else on the panel?"
BTN_ADD_INTERVIEWER = "Add another"
BTN_NO_MORE = "That's everyone"
INTERVIEWERS_SO_FAR = "Interviewers so far: {names}."

# An interview still to come: the names are asked in the future tense (they help to prepare);
# the questions about what happened wait for it (docs/coaching.md, step 1).
ASK_WHERE = "Where is it? An address, “video call” or “phone”: I'll remind you of it with the time."
ASK_INTERVIEWER_AHEAD = (
    "Who will interview you, if you know? Send a name, or a panel on one line, like “Priya "
    "Shah (Head of Analytics) and Tom O'Neill from HR”. The invitation often says."
)
BTN_DONT_KNOW_YET = "I don't know yet"
ASK_MORE_AHEAD = "Anyone else on the panel?"
UPCOMING = (
    "Your interview is still to come. The rest of the debrief is about what happened, so it "
    "opens once it's over: I'll remind you {after}, and we'll carry on from here."
)

ASK_NEXT_STAGE = "What did they say the next stage is?"
BTN_DIDNT_ASK = "I didn't ask"
DIDNT_ASK_TIP = (
    "No problem, it happens. Next time, make <i>“What's the next stage of the process?”</i> "
    "one of your last questions. If you follow up later, you can ask then what the next steps are."
)
ASK_REPLY_BY = (
    "When did they say they'd get back to you? E.g. “within a week”, “by Friday”, “end of month”."
)
BTN_WITHIN_WEEK = "Within a week"
BTN_TWO_WEEKS = "Within two weeks"
BTN_NOT_SAID = "They didn't say"
BAD_REPLY_BY = "I couldn't read “{text}” as a date. Try “by Friday”, “in 2 weeks” or “15 Dec”."
WHICH_REPLY_BY = "“{text}” could mean either of these. Which one?"
REPLY_BY_SET = "Noted: they'll reply by <b>{date}</b>."
REPLY_BY_NONE = "Noted: no timeline given. That's common."
ASK_PROCESS = "Anything about the process? Other candidates, a second round, a test to prepare for?"
BTN_NOTHING_MENTIONED = "Nothing mentioned"

RATING_UNCLEAR = (
    "I couldn't read “{text}” as a rating. Tap a number below, or type one from 1 to 5."
)
ASK_RATING = "Now, how do you think it went overall? 1 = rough, 5 = great."
RATING_LOW = (
    "That sounds tough. Don't feel bad; just acknowledge it. Everyone has interviews "
    "like that, and one rough answer can often be smoothed over in your thank-you note."
)
RATING_MID = "Thanks. A mix of good moments and a few wobbles is completely normal."
RATING_HIGH = "That's great to hear. Let's make the most of it."
ASK_WENT_WELL = "What went well? An answer you gave, a story that landed, a good rapport…"
ASK_NOT_LANDED = (
    "And what didn't quite land? It happens, don't worry. Knowing it helps with your "
    "thank-you note and your referees."
)
DONE = (
    "✅ <b>Debrief saved</b> for {label}.\n"
    "Well done. The next steps are in /status, and I'll remind you when each is due."
)

# --- answers read from the next stage, confirmed instead of asked (issue 15) -----------------
CONFIRM_REPLY_BY = "You said they'll reply {words}: by <b>{date}</b>. Right?"
CONFIRM_PROCESS = "You mentioned <b>{process}</b>. Anything else about the process, or is that it?"
BTN_YES_RIGHT = "✓ Yes"
BTN_THATS_IT = "✓ That's it"
BTN_CHANGE_ANSWER = "✏️ Change"
