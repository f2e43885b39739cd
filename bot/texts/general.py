"""Texts of the small always-available actions: marking a step, free-text questions."""

from __future__ import annotations

STEP_MARKED_DONE = "✅ {step} marked done for {label}."
STEP_MARKED_SKIPPED = "➖ {step} skipped for {label}. You can still do it any time."
STEP_TIPS = "<b>{step}</b> · {label}\n{reason}"
BTN_MARK_DONE = "Done ✓"
BTN_MARK_SKIP = "Skip this step"
NOTHING_TO_SKIP = "There's no question to skip right now. Send /next to see what's next."

# Free text that means "what's next?" when no question is pending.
# Free text at idle that isn't a question for the coach: news, thanks, a greeting.
HEARD_BACK = (
    "Sounds like you've heard back. Tap below to tell me the outcome, and I'll help with "
    "what comes next."
)
BTN_TELL_OUTCOME = "📬 Tell me the outcome"
THANKS_WORDS = frozenset(
    {"thanks", "thank you", "thx", "ty", "cheers", "thanks a lot", "thank you so much", "ta"}
)
YOURE_WELCOME = "You're welcome! Ask <b>what's next?</b> whenever you're ready."
GREETING_WORDS = frozenset(
    {"hi", "hello", "hey", "hiya", "good morning", "good afternoon", "good evening", "yo"}
)
HELLO = "👋 Hello! Ask <b>what's next?</b> to see what to do now, or send /help."
NEXT_PHRASES: tuple[str, ...] = (
    "what's next",
    "whats next",
    "what is next",
    "what now",
    "next step",
    "next steps",
    "next",
    "what should i do",
    "what do i do now",
    "now what",
    "what next",
)
