"""Every user-visible text, in one package: one module per part of the journey.

Texts are HTML (the bot sends with parse mode HTML). Anything the user typed is escaped by the
caller with `bot.texts.common.esc` before it is put into a text. Coaching wording follows the
two seed articles in shared/seeds and COACHING.md.
"""
