"""The nudge engine: `sync` keeps the reminders table in line with the facts, `dispatcher`
sends what is due. The pure rules are in `bot.nudges`, the SQL in `bot.repo.reminders`, and
what the user sees and presses in `conversations.reminders`."""
