"""Texts of /social (step 5): follow the company now; personal connections after the decision.

Seed 000, "Connect on Social Media": company level only at this stage, "saving interpersonal
connections until after you've been offered a position"; following keeps you informed about
company developments. Seed 004, "Keep In Contact": after the decision, add your contacts at the
company on LinkedIn, whatever the outcome.
"""

from __future__ import annotations

FOLLOW_COMPANY = (
    "🌐 <b>Follow the company</b> · {label}\n"
    "Follow {company} on LinkedIn now, and on any other pages they have: Facebook, X, "
    "Instagram… They're unlikely to notice, but keeping up with their news will be very "
    "useful if you're asked to a second interview or offered the job."
)
THE_COMPANY = "the company"
BTN_LINKEDIN = "🔎 Find {company} on LinkedIn"
BTN_LINKEDIN_ANY = "🔎 Search companies on LinkedIn"

WAIT_PERSONAL = (
    "🤝 <b>Your interviewers: not yet.</b> Keep it at company level for now and save personal "
    "connections until after the decision. Once you've heard back, whatever the outcome, "
    "I'll draft a short LinkedIn note for each of them (tell me with /outcome)."
)
CONNECT_NOW = (
    "🤝 <b>Now you've heard back</b>, connect with your interviewers personally. Don't burn "
    "any bridges: it's a chance to build a relationship that lasts. Here's a short note for "
    "each one to send with your request."
)
NO_INTERVIEWERS = (
    "🤝 <b>Now you've heard back</b>, it's a good time to connect with your interviewers on "
    "LinkedIn. I don't have their names, so add a short personal note of your own."
)
LINKEDIN_SENT = "Nice: connecting with {name} ✓"
LINKEDIN_GONE = "I can't find that interviewer any more. Send /social to see the list again."

ASK_PAGES = (
    "Which other pages will you follow? Send each one's name or link, one per message. "
    "Tap <b>Done</b> once you've followed them."
)
PAGES_SO_FAR = "Following so far: {pages}"
PAGE_ADDED = "Added ✓ Following: {pages}\nAny more? Send another, or tap <b>Done</b>."
PAGE_DUPLICATE = "You already have {page} on the list. Send another, or tap <b>Done</b>."
REASK = "Send the name or link of a page you'll follow, or tap <b>Done</b>."

DONE = (
    "✅ <b>Following the company</b> for {label}. Their news will help if you're invited "
    "back or offered the job."
)
SKIPPED = "➖ Following the company skipped for {label}. You can come back to it with /social."

BTN_DONE = "Done ✓"
BTN_SKIP = "Skip this step"
