"""Texts about the people in the drafts: names that aren't names, and how to address someone."""

from __future__ import annotations

NOT_A_NAME = (
    "“{text}” doesn't look like a name, so I haven't added anyone. Send the interviewer's name, "
    "or several on one line, like <i>Priya Shah (Head of Analytics) and Tom O'Neill from HR</i>."
)
ADDED_SEVERAL = "Added {count} interviewers: {names}."
ASK_ADDRESS = (
    "How would you greet <b>{name}</b> in an email? I'll use it in every draft to them. "
    "If unsure, the title and surname is the safe choice."
)
ADDRESS_SET = "Got it: “Dear {address},” from now on."
ADDRESS_SET_INFORMAL = "Got it: “Hi {address},” from now on."
