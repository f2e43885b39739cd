"""The bot's conversations: one module per step of the journey, each building its handler.

`ENTRY_COMMANDS` is the one list of commands that start a conversation. A conversation in
progress ends itself (answers kept) when another one's command or "open" button arrives, so
that only one question is ever pending. `INFO_COMMANDS` answer at any time and leave a
conversation in progress untouched.
"""

from __future__ import annotations

ENTRY_COMMANDS: frozenset[str] = frozenset(
    {
        "start",
        "settings",
        "debrief",
        "notes",
        "thanks",
        "social",
        "referees",
        "followup",
        "outcome",
        "forget",
    }
)
INFO_COMMANDS: frozenset[str] = frozenset(
    {
        "help",
        "next",
        "status",
        "interviews",
        "reminders",
        "calendar",
        "export",
        "contact",
        "stats",
    }
)
CONTROL_COMMANDS: frozenset[str] = frozenset({"cancel", "skip"})
KNOWN_COMMANDS: frozenset[str] = ENTRY_COMMANDS | INFO_COMMANDS | CONTROL_COMMANDS
