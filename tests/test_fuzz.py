"""Every update answered, every message deliverable (issue 12): a seeded fuzz run through the
real Application and the fake Bot API. Several users at once send commands, press the buttons
the bot sent them (and stale or forged ones), type fitting answers and random text, stickers,
edits, group messages, other bots' commands; the clock moves and the nudges due go out. After
every update tests/fuzzing.py checks the promises (see its docstring); the first broken one
stops the run and is described here with its seed and update number.

The bench runs the same fuzzer longer, over more seeds: `python -m bench.fuzz`.
"""

from __future__ import annotations

import logging

import pytest

from bot.app import AfterviewApplication
from tests.conftest import Clock
from tests.fakeapi import FakeTelegram
from tests.fuzzing import Fuzzer

UPDATES = 3000  # per seed: a few seconds each


@pytest.mark.parametrize("seed", [1, 2])
async def test_every_update_is_answered_and_every_message_deliverable(
    app: AfterviewApplication,
    fake: FakeTelegram,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
    seed: int,
) -> None:
    fuzzer = Fuzzer(app, fake, clock, seed)
    tally = await fuzzer.run(UPDATES, stop_on_fault=True)
    assert tally.faults == 0, "\n".join(tally.notes)
    assert tally.updates == UPDATES
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    # The run got deep: most questions of most steps were pending at some point.
    assert len(fuzzer.states) >= 20, sorted(fuzzer.states)
    assert {"debrief.more", "debrief.rating", "notes.collect", "referees.name"} <= fuzzer.states
