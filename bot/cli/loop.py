"""The event loop the bot runs on: uvloop where it is installed, asyncio's own otherwise.

Why: the bot is CPU-bound under load (every update is PTB objects, an HTTP call and SQLite
statements), and uvloop's C event loop spends less on each callback and socket read.
Measured with bench/updates.py (100 users at a 50 ms round trip, this 2-core machine):
about 12 % less CPU per update than asyncio's loop.
"""

from __future__ import annotations

import asyncio
import gc


def new_event_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop
    except ImportError:  # uvloop has no Windows build; asyncio's loop works the same
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def install() -> None:
    """Make a new loop the current one; PTB's run_polling/run_webhook run on it."""
    asyncio.set_event_loop(new_event_loop())


def tune_gc() -> None:
    """Once, after start-up has loaded its modules and tables (dateparser's, holidays').

    Python's cyclic garbage collector runs every 700 allocations, and each older-generation
    pass walks that whole static heap again. Freezing it, and collecting the young generation
    less often (every 10,000 objects: a few MB at most), cut the collector's share of the
    bot's CPU under load from about 7 % to under 1 % (bench/updates.py, measured with
    gc.callbacks).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
