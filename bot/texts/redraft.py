"""Texts of "Change something", under every draft (issue 14): real variants, never a request
pasted into the letter."""

from __future__ import annotations

ASK = "What would you like to change?"
BTN_SHORTER = "Shorter"
BTN_WARMER = "Warmer, less formal"
BTN_FORMAL = "More formal"
BTN_PLAIN = "Without the extra point"
BTN_ADD_POINT = "Add a point I forgot"
BTN_ENJOYED = "Say what I enjoyed"
BTN_OWN = "I'll paste my own version"
LEADS = {
    "short": "A shorter version:",
    "warm": "A warmer, less formal version:",
    "formal": "A more formal version:",
    "plain": "Without the extra point:",
}
ASK_ENJOYED = (
    "Finish the sentence for your note to {name}:\n<i>I enjoyed hearing about …</i>\n"
    "For example: <i>your plans for the new data platform</i>."
)
ENJOYED_SAVED = "Added. Here's the note again:"
BAD_ENJOYED = "Please finish the sentence in a few words, like <i>your plans for the team</i>."
GONE = "That draft isn't there any more. Send /next to see what's next."

# --- strengths for the referee briefing -----------------------------------------------------
# *choice*: a short fixed list to pick from (buttons), so the briefing never lists a debrief
# answer such as "good rapport with Priya" as a strength.
STRENGTHS: tuple[str, ...] = (
    "Reliability",
    "Teamwork",
    "Communication",
    "Problem solving",
    "Learning quickly",
    "Attention to detail",
    "Leadership",
    "Technical skills",
)
BTN_STRENGTHS = "Pick the strengths"
ASK_STRENGTHS = (
    "Which two or three strengths should your referees stress? Tap up to three, then "
    "<b>Done</b>. They go into every briefing for {label}."
)
PICKED = "Picked: {items}."
PICKED_NONE = "None picked yet."
PICKED_FULL = "That's three already: tap one again to drop it."
BTN_DONE = "Done"
