"""Texts of /followup (step 7): when to follow up, why, and the draft.

Seed 004 "Follow Up": wait the allotted time (too soon seems needy, and they may think you
weren't paying attention to their instructions); follow up whether or not they gave a
timeline; keep it very brief and courteous; you deserve an answer. COACHING.md: the timeline
+ 2 business days, or 5 business days without one; a second one 5 business days later; after
two unanswered, move on.
"""

from __future__ import annotations

NOT_YET_HELD = "Your interview is still to come. Following up comes after it, so nothing to do yet."
ALREADY_HEARD = (
    "You've already heard back from them ({outcome}), so there's no need to follow up. "
    "Send /outcome for what comes next."
)
ASK_REPLY_BY = (
    "To time your follow-up: when did they say they'd get back to you? E.g. “within a week”, "
    "“by Friday”, “end of month”."
)
BAD_REPLY_BY = "I couldn't read “{text}” as a date. Try “by Friday”, “in 2 weeks” or “15 Dec”."

WHY_TIMELINE = (
    "They said they'd reply by <b>{reply_by}</b>. Give them that, plus two business days."
)
WHY_NO_TIMELINE = "They didn't give a timeline, so allow five business days after the interview."
WHY_SECOND = "You followed up on {last}. If there's still no reply, one more brief note is fine."

WAIT = (
    "⏳ <b>Not yet.</b> {why}\nFollow up <b>{when}</b>; I'll remind you then.\n"
    "Following up too soon can come across as needy, and they may think you weren't paying "
    "attention to their timeline. Until then, keep applying elsewhere."
)
DUE = (
    "✉️ <b>Time to follow up</b> (due {when}). {why}\nIt's a natural part of the process: "
    "you deserve an answer, and a short, polite note is not an annoyance."
)
DUE_SECOND = (
    "✉️ <b>Time for one more follow-up</b> (due {when}). {why}\nKeep it as brief and courteous "
    "as the first; it's possible they just haven't finalised things yet."
)
NOTED_FIRST = (
    "✅ Noted: follow-up sent {sent}. If there's no reply by <b>{when}</b>, one more brief "
    "note is fine, and I'll remind you. Meanwhile, keep putting yourself out there."
)
ALREADY_NOTED = "✅ That follow-up was already noted."
MOVE_ON = (
    "You've followed up twice, and that's enough: you did your part, politely and on time. "
    "Now put your energy into other applications. You can still hear back from them, and "
    "if you do, tell me with the button below.\n"
    "Keep putting yourself out there until you get the call you've been waiting for."
)
BTN_HEARD_BACK = "📬 I heard back"
