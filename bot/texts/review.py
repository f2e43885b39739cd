"""Texts of "Review my draft": one short line per finding, each with its fix."""

from __future__ import annotations

from collections.abc import Mapping

from bot.texts.common import esc

ASK = (
    "Paste your version of the {what} to <b>{name}</b> and I'll check it: the greeting, "
    "length, the role, thanks, the sign-off and spelling."
)
ASK_NO_NAME = "Paste your version of the {what} and I'll check it."
WHAT: dict[str, str] = {
    "thanks": "thank-you note",
    "followup": "follow-up",
    "briefing": "briefing",
    "linkedin": "LinkedIn note",
    "rejection": "reply",
    "refthanks": "thank-you",
}
TOO_SHORT_TO_REVIEW = (
    "That looks like only part of it. Paste the whole draft, greeting to sign-off."
)
HEADER = "<b>A few things to fix:</b>"
READY = "✅ <b>Ready to send.</b> It's addressed, brief, polite and clean. Good luck!"
AFTER = "Paste an edited version to check it again, or tap Done."
BTN_DONE = "Done"
DONE = "Good. Send it when you're happy with it, then tap <b>Sent it</b> under the draft."
STALE = "That draft isn't available any more. Send /next to carry on."

# One line per rule: the problem, then the fix after the arrow. Values are escaped.
FINDINGS: dict[str, str] = {
    "no_greeting": "No greeting. → Start with “Dear {name},”.",
    "addressee": "It isn't addressed to {name} by name. → Start with “Dear {name},”.",
    "wrong_person": "It's addressed to {found}, but this note is for {name}. → Change the greeting.",
    "too_short": "Only {count} words. → Aim for {min}–200: add one specific thing you discussed.",
    "too_long": "{count} words. → Keep it under {max}: one thank-you, one detail, one point.",
    "sentences": "{count} sentences. → {max} at most; brief is better.",
    "linkedin_long": "{count}/{limit} characters: too long for a connection note. → Shorten it.",
    "role": "The role isn't mentioned. → Name it: “the {role} role”.",
    "thanks": "No thank-you in it. → Thank them for their time.",
    "no_sign_off": "No sign-off. → End with “{fix},” and your name.",
    "sincerely_to_unknown": "“{sign_off}” after “Dear Sir or Madam”. → Use “Yours faithfully”.",
    "formal_to_informal": "“{sign_off}” after an informal “Hi”. → Use “Kind regards”, or start with “Dear …”.",
    "faithfully_to_name": "“{sign_off}” after a name. → Use “{fix}”; faithfully goes with “Dear Sir or Madam”.",
    "spelling": "Check the spelling: {words}.",
    "near_duplicate": "It reads almost the same as your note to {other}. → Mention something you discussed with this person.",
    "exclamations": "{count} exclamation marks. → One at most; let the words carry the warmth.",
    "emoji": "Emoji in a professional note. → Leave them out.",
    "cv": "It mentions your CV or an attachment. → A follow-up is only a status check; leave it out.",
    "no_question": "No feedback question. → Ask one, e.g. “Could you tell me one thing that would have made my application stronger?”",
    "questions": "{count} questions. → Ask just one feedback question; it's easier to answer.",
}


def finding_line(rule: str, values: Mapping[str, str]) -> str:
    """One finding as HTML: its message with the user's words escaped."""
    return "• " + FINDINGS[rule].format(**{k: esc(v) for k, v in values.items()})
