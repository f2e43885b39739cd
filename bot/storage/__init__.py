"""The repository layer: every SQL statement of the bot lives in this package.

Repositories never commit. Callers own the transaction through `Store.transaction()`, which
serialises writers on the one shared connection and commits (or rolls back) on exit. Add a
repository for a new area as a module here and attach it in `Store.__init__`.
"""

from bot.storage.base import iso, utcnow
from bot.storage.store import Store

__all__ = ["Store", "iso", "utcnow"]
