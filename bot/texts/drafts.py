"""How a draft is shown: a copy-friendly block with its buttons."""

from __future__ import annotations

from bot.terms import Draft, DraftKind
from bot.texts.common import esc

TITLES: dict[DraftKind, str] = {
    DraftKind.THANK_YOU: "✉️ Thank-you note to {recipient}",
    DraftKind.FOLLOW_UP: "✉️ Follow-up to {recipient}",
    DraftKind.REFEREE_BRIEFING: "📋 Briefing for {recipient}",
    DraftKind.LINKEDIN: "🔗 LinkedIn note to {recipient}",
    DraftKind.REJECTION_REPLY: "✉️ Reply to {recipient}",
    DraftKind.REFEREE_THANKS: "✉️ Thank-you to {recipient}",
}
SUBJECT = "Subject: {subject}"
COPY_HINT = "<i>Tap the text to copy it, then edit it to sound like you.</i>"
LENGTH = "{length}/{limit} characters (free accounts; {premium} with Premium)"
LENGTH_OVER = "⚠️ {length}/{limit} characters: too long for a free account, shorten it."
BTN_SENT = "Sent it ✓"
BTN_CHANGE = "Change something"
BTN_REVIEW = "Review mine"


def render(draft: Draft, premium_limit: int | None = None) -> str:
    """HTML: a title, the subject, the body in a <pre> block (one tap copies it on phones)."""
    parts = [f"<b>{esc(TITLES[draft.kind].format(recipient=draft.recipient))}</b>"]
    if draft.subject:
        parts.append(esc(SUBJECT.format(subject=draft.subject)))
    parts.append(f"<pre>{esc(draft.body)}</pre>")
    if draft.limit is not None:
        template = LENGTH if draft.length <= draft.limit else LENGTH_OVER
        parts.append(
            template.format(
                length=draft.length, limit=draft.limit, premium=premium_limit or draft.limit
            )
        )
    parts.append(COPY_HINT)
    return "\n".join(parts)
