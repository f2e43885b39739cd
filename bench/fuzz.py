"""Every update answered, every message deliverable: the fuzzer of the test suite
(tests/fuzzing.py), run longer and over several seeds.

Run by hand from the repository root (not part of the test suite):

    python -m bench.fuzz                          # 5 seeds x 4,000 updates, 5 users each
    python -m bench.fuzz --seeds 1 2 3 --updates 10000 --users 8

Each seed runs on a fresh database, through the real Application and the fake Bot API, with
the clock moved now and then and the nudges due sent. It prints, per seed and in total, the
faults found (all must be 0) and the first few of them described, then exits 1 if any.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

from bot.app import build_application
from tests.conftest import Clock, make_settings
from tests.fakeapi import FakeRequest, FakeTelegram
from tests.fuzzing import Fuzzer, Tally

COLUMNS = (
    ("errors", "exceptions reaching the error handler"),
    ("unanswered_messages", "private messages left without a reply"),
    ("unanswered_presses", "presses never answered"),
    ("too_long", "messages Telegram would refuse as too long"),
    ("answered_twice", "presses answered twice"),
    ("apologies", "apologies sent"),
    ("refused", "other messages Telegram would refuse"),
    ("guard_replies", "edits/groups not answered as the guard does"),
    ("long_labels", "button labels over 64 characters"),
)


async def fuzz(seed: int, count: int, users: int) -> tuple[Tally, float]:
    """One seed's run on a fresh database; returns its tally and how long it took (s)."""
    with tempfile.TemporaryDirectory() as folder:
        fake, clock = FakeTelegram(), Clock()
        settings = make_settings(Path(folder))
        app = build_application(settings, request=FakeRequest(fake), clock=clock)
        await app.initialize()
        started = time.perf_counter()
        try:
            tally = await Fuzzer(app, fake, clock, seed, users=users).run(count)
        finally:
            await app.shutdown()
        return tally, time.perf_counter() - started


def table(results: dict[int, Tally]) -> str:
    """The faults by kind (rows) and seed (columns), with the total."""
    seeds = list(results)
    head = f"{'':48}" + "".join(f"{'seed ' + str(s):>10}" for s in seeds) + f"{'total':>10}"
    lines = [head, f"{'updates':48}" + _cells([results[s].updates for s in seeds])]
    for kind, label in COLUMNS:
        lines.append(f"{label:48}" + _cells([getattr(results[s], kind) for s in seeds]))
    return "\n".join(lines)


def _cells(values: list[int]) -> str:
    return "".join(f"{v:>10,}" for v in values) + f"{sum(values):>10,}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--updates", type=int, default=4000, help="per seed")
    parser.add_argument("--users", type=int, default=5)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # the fuzzer counts the ERROR lines itself
    results: dict[int, Tally] = {}
    for seed in args.seeds:
        tally, seconds = asyncio.run(fuzz(seed, args.updates, args.users))
        results[seed] = tally
        print(f"seed {seed}: {tally.updates:,} updates in {seconds:.1f} s", file=sys.stderr)
    print(table(results))
    notes = [note for tally in results.values() for note in tally.notes]
    for note in notes[:30]:
        print("  " + note[:400])
    return 1 if any(t.faults for t in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
