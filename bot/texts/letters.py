"""The wording of the drafts the bot writes (bot/drafts.py fills these in).

Plain text, not HTML: the user copies it into an email or LinkedIn. Grounded in the seeds:
thank them for their time, say why you thank them, restate your interest, add the one point
you forgot (one or two sentences), keep follow-ups brief and courteous, never burn a bridge.
*choice*: seed 000 signs off "Yours faithfully"; by the business-letter convention that belongs
after "Dear Sir or Madam", so a letter to a named person ends "Yours sincerely".
"""

from __future__ import annotations

GREETING_NAMED = "Dear {name},"
GREETING_UNKNOWN = "Dear Sir or Madam,"
GREETING_INFORMAL = "Hi {name},"
SIGN_OFF_NAMED = "Yours sincerely,"
SIGN_OFF_UNKNOWN = "Yours faithfully,"
SIGN_OFF_INFORMAL = "Kind regards,"
UNKNOWN_RECIPIENT = "the hiring team"

THE_ROLE = "the role"
ROLE = "the {role} role"
AT_COMPANY = " at {company}"
ON_DATE = " on {date}"

# --- thank-you ------------------------------------------------------------------------------
THANKS_SUBJECT = "Thank you – {role} interview"
THANKS_SUBJECT_NO_ROLE = "Thank you – interview"
# One opening per interviewer in turn, so that two notes never read alike.
THANKS_OPENINGS: tuple[str, ...] = (
    "Thank you for taking the time to meet me{on_date} to discuss {role}{at_company}.",
    "Thank you for your time{on_date} and for talking me through {role}{at_company}.",
    "Many thanks for meeting me{on_date} about {role}{at_company}.",
)
# {detail} is a clause in the second person ("you care a lot about safety walk-rounds"),
# made from the notes by bot/rules/voice.py; never a note pasted in as typed.
THANKS_DETAILS: tuple[str, ...] = (
    "I especially enjoyed hearing that {detail}.",
    "It was good to hear that {detail}.",
    "I was glad to learn that {detail}.",
)
# {topic}: what the interviewer asked the user about ("how I'd rebuild the dashboard").
THANKS_QUESTION = "I enjoyed thinking through your question about {topic}."
# {about}: the user's own ending of "I enjoyed hearing about …", turned to the second person.
THANKS_ENJOYED = "I especially enjoyed hearing about {about}."
THANKS_NO_DETAIL: tuple[str, ...] = (
    "I enjoyed learning more about the team and how the role fits into it.",
    "It was good to hear your perspective on the work and what matters most in it.",
    "Our conversation gave me a much clearer picture of the day-to-day work.",
)
THANKS_SMOOTH = (
    "Having thought more about {point}, I'd be glad to expand on my answer if that would help."
)
# A rough answer that isn't a short topic ("my answer on X went badly") stays out of the frame.
THANKS_SMOOTH_ANY = (
    "I've thought more about one of my answers, and I'd be glad to expand on it if that would help."
)
THANKS_INTEREST: tuple[str, ...] = (
    "I remain very interested in {role} and look forward to hearing from you.",
    "The conversation confirmed my interest in {role}, and I look forward to hearing from you.",
    "I'm keen to contribute{to_company} and look forward to hearing about the next steps.",
)
TO_COMPANY = " to {company}"

# --- follow-up ------------------------------------------------------------------------------
FOLLOWUP_SUBJECT = "Following up – {role} interview"
FOLLOWUP_SUBJECT_NO_ROLE = "Following up – my interview"
FOLLOWUP_SUBJECT_2 = "Following up again – {role} interview"
FOLLOWUP_SUBJECT_2_NO_ROLE = "Following up again – my interview"
FOLLOWUP_HOPE = "I hope you're well."
FOLLOWUP_1_ABOUT = "I'm writing to follow up on my interview for {role}{on_date}."
# No thank-you went out (past 48 hours it folds into the follow-up, docs/coaching.md step 4).
FOLLOWUP_1_ABOUT_THANKS = (
    "I'm writing to follow up on my interview for {role}{on_date}, and to thank you again for "
    "your time."
)
FOLLOWUP_1_TIMELINE = (
    "You mentioned you hoped to decide by {reply_by}, so I wanted to ask whether there is any "
    "update on the process."
)
FOLLOWUP_1_NO_TIMELINE = "I wanted to ask whether there is any update on the next steps."
FOLLOWUP_2_ABOUT = "I'm following up on my message{of_date} about {role}."
OF_DATE = " of {date}"
FOLLOWUP_2_ASK = "I understand these decisions take time, and I'd be grateful for any update."
FOLLOWUP_INTEREST = "I remain very interested in the role and look forward to hearing from you."

# --- referee briefing -----------------------------------------------------------------------
BRIEFING_SUBJECT = "A reference for {role}{at_company}"
BRIEFING_THANKS = "Thank you again for agreeing to be my referee."
BRIEFING_ASK = (
    "I'm sorry I didn't ask you before the interview: would you be happy to be my referee?"
)
BRIEFING_IF_SO = (
    "Please say if you'd rather not; I'll understand. If you're happy to, here's the background."
)
BRIEFING_CONTEXT = (
    "I've just interviewed for {role}{at_company}, and they may contact you. A few notes so "
    "nothing comes as a surprise:"
)
BRIEFING_CLOSE_ASKING = "Could you let me know either way? Thank you so much."
OR = "or"
BRIEFING_WHO = "- Who may call: {who}"
BRIEFING_WHO_UNKNOWN = "- Who may call: someone from the hiring team"
BRIEFING_CARED = "- What they cared about: {text}"
BRIEFING_STRENGTHS = "- Strengths you could mention: {items}"
BRIEFING_SMOOTH = "- Something you could help smooth over: {point}"
BRIEFING_TIMING_DATE = "- Likely timing: they plan to decide by {date}"
BRIEFING_TIMING_TEXT = "- Likely timing: {text}"
BRIEFING_TIMING_NONE = "- Likely timing: no date given yet; I'll let you know when I hear"
BRIEFING_NEXT_STAGE = "- Next stage: {text}"
BRIEFING_CLOSE = "Thank you so much for your help."

# --- LinkedIn (each list runs from the fullest wording to the shortest) ---------------------
LINKEDIN_HI = "Hi {name}"
LINKEDIN_FORMAL = "Dear {name}"
LINKEDIN_OFFER: tuple[str, ...] = (
    "{hello}, thank you again for the {role} interview{at_company}. I'm delighted to be "
    "joining and look forward to working with you. {sender}",
    "{hello}, thank you again for the interview. I'm delighted to be joining and look "
    "forward to working with you. {sender}",
    "{hello}, delighted to be joining. Looking forward to working with you. {sender}",
)
LINKEDIN_OTHER: tuple[str, ...] = (
    "{hello}, thank you for meeting me about the {role} role{at_company}. I enjoyed our "
    "conversation and would like to stay in touch. {sender}",
    "{hello}, thank you for the interview{at_company}. I enjoyed our conversation and would "
    "like to stay in touch. {sender}",
    "{hello}, thank you for the interview. I'd like to stay in touch. {sender}",
)

# --- rejection reply ------------------------------------------------------------------------
REJECTION_SUBJECT = "Re: {role} interview"
REJECTION_SUBJECT_NO_ROLE = "Re: my interview"
REJECTION_THANKS = "Thank you for letting me know, and for the time {who} gave me."
REJECTION_WHO_ONE = "you"
REJECTION_WHO_PANEL = "you and the panel"
REJECTION_ACCEPT = "I'm disappointed, but I understand and respect your decision."
REJECTION_QUESTION = (
    "If you have a moment, could you tell me one thing that would have made my application "
    "stronger?"
)
REJECTION_FUTURE = "I'd welcome the chance to be considered for future roles{at_company}."

# --- thanking a referee after the outcome ---------------------------------------------------
REFTHANKS_SUBJECT = "Thank you for the reference"
REFTHANKS_THANKS = "Thank you so much for being my referee for {role}{at_company}."
REFTHANKS_OUTCOME: dict[str, str] = {
    "offer": "I'm delighted to tell you that I've been offered the job.",
    "rejected": "I didn't get it this time, but your support meant a lot.",
    "next_round": "I've been invited to the next round, so they may be in touch again.",
    "withdrawn": "I decided to withdraw from the process, but I'm grateful for your support.",
    "waiting": "I'm still waiting to hear back, and I'll let you know how it goes.",
}
REFTHANKS_CLOSE = "I really appreciate your help."
