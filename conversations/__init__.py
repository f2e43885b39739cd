"""The steps of the journey: one module per step (with `<step>_*.py` siblings where a step is
long), each exposing `handlers()` for the dialogue (bot/tg/dialogue.py); `common.py` holds what
they share. The commands each answers are read from their handlers, so no list is kept here.
"""
