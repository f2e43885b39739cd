"""Drafts the user pasted back for review."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bot.storage.base import Repo, iso, utcnow


class DraftReviews(Repo):
    async def add(
        self,
        user_id: int,
        interview_id: int,
        kind: str,
        person_id: int | None,
        body: str,
        findings: Sequence[str],
    ) -> int:
        return await self._run(
            "INSERT INTO draft_reviews (user_id, interview_id, kind, person_id, body, findings,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                user_id,
                interview_id,
                kind,
                person_id,
                body,
                json.dumps(list(findings)),
                iso(utcnow()),
            ),
        )

    async def latest(self, interview_id: int, kind: str, person_id: int | None) -> str | None:
        """The newest version the user pasted for this draft, if any."""
        row = await self._one(
            "SELECT body FROM draft_reviews WHERE interview_id = ? AND kind = ?"
            " AND person_id IS ? ORDER BY id DESC LIMIT 1",
            (interview_id, kind, person_id),
        )
        return str(row["body"]) if row else None
