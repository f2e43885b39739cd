"""Lemmas and inflections from `lemminflect`, loaded on first use.

Importing lemminflect loads numpy and its tables (~0.1 s): only drafts need it, so it is not
paid at every start-up (the bot is ready within a second).
"""

from __future__ import annotations

from typing import Any


def getAllLemmas(word: str, upos: str | None = None) -> Any:
    """lemminflect.getAllLemmas: {part of speech: (lemma, ...)}."""
    from lemminflect import getAllLemmas as lemmas

    return lemmas(word, upos) if upos is not None else lemmas(word)


def getInflection(lemma: str, tag: str) -> Any:
    """lemminflect.getInflection: the forms of `lemma` for the Penn tag `tag`."""
    from lemminflect import getInflection as inflect

    return inflect(lemma, tag)
