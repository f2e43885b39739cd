"""Texts of /referees (step 6): who they are, their permission, a briefing for each.

Seed 000, "Prepare Your Referees": share your notes so they can customise their reference and
smooth over anything awkward; always ask their permission, and if you didn't before the
interview, speak to them as soon as possible.
"""

from __future__ import annotations

INTRO_NONE = (
    "📋 <b>Referees</b> · {label}\n"
    "Let's note your referees once; I'll keep them for every interview. Then I'll draft a "
    "short briefing for each, so their reference fits the role and can smooth over anything "
    "awkward."
)
ASK_NAME = "What's your referee's name?"
NOT_A_NAME = (
    "“{text}” doesn't look like a name, so I haven't added it. Send your referee's name, "
    "like <i>Dr Helen Ward, my dissertation supervisor</i>."
)
ASK_CONTACT = "How can {name} be reached? A phone number or email (you can skip this)."
CONTACT_HINT = "Send {name}'s phone number or email, or tap <b>Skip</b>."
ASK_RELATIONSHIP = "How do you know {name}? E.g. “my manager at Acme”, “my course tutor”."
ASK_PERMISSION = "Have you asked {name}'s permission to give their name as a referee?"
PERMISSION_HINT = "Please tap <b>Yes</b> or <b>Not yet</b>."
BTN_YES = "Yes"
BTN_NOT_YET = "Not yet"
BTN_SKIP = "Skip"

ADDED = "Added {name} ✓"
URGENT = (
    "⚠️ <b>Ask {name} as soon as you can.</b> There's nothing worse than an employer calling "
    "a referee who has no idea what it's about. A quick call now smooths over any issues."
)

OVERVIEW_HEADER = "📋 <b>Your referees</b> · {label}"
LINE_BRIEFED = "✅ {who} · briefed"
LINE_TO_BRIEF = "⏳ {who} · not briefed yet"
LINE_NO_PERMISSION = "   ⚠️ Permission not asked yet: speak to them as soon as possible."
WHO = "<b>{name}</b>"
WHO_WITH_RELATIONSHIP = "<b>{name}</b> ({relationship})"
OVERVIEW_TIP = (
    "Tap <b>Brief</b> for a message to send each of them: share your notes so they can "
    "tailor their reference and smooth over anything awkward."
)
OVERVIEW_ALL_BRIEFED = "Everyone is briefed for this interview. Well done."
BTN_BRIEF = "📋 Brief {name}"
BTN_ASKED = "✅ Asked {name} now"
BTN_ADD = "➕ Add a referee"
BTN_LATER = "Done for now"

BRIEFED = "Briefed {name} ✓"
PERMISSION_NOTED = "Noted: {name} has given permission ✓"
ALL_BRIEFED = (
    "✅ <b>All your referees are briefed</b> for {label}. They'll know what to say if the "
    "employer calls."
)
# Issue 14: a briefing to someone who hasn't said yes yet is a request, not a done deal.
ALL_BRIEFED_ASKING = (
    "✅ <b>All your referees are briefed</b> for {label}. Still to say yes: {names}. Wait for "
    "their answer, and tap <b>✅ Asked … now</b> on /referees once they agree."
)
LATER = "OK. Your referees are saved; carry on any time with /referees."
SKIPPED = "➖ Referees skipped for {label}. You can come back to it with /referees."
GONE = "I can't find that referee any more. Here's your list as it stands."
REASK_OVERVIEW = "Use the buttons below: brief a referee, add one, or stop for now."
