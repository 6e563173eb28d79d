"""What a shared scorecard shows: each part chosen explicitly by the interviewer, none by default.

Pure logic (no Django): the parts, the visibility they give a page, and the hash a revoked
link is remembered by.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields

# In the order the share form lists them.
PARTS = (
    "answers",  # the candidate's own answers, as typed
    "scores",  # per-question scores and the baseline total
    "key_points",  # key points: what the interviewer ticked, what the scorer found
    "standard_answers",
    "bonus",  # bonus points awarded (without the interviewer's evidence notes)
    "level",  # the level estimate
    "recommendation",
    "summary",
    "notes",  # the interviewer's private notes and bonus evidence
    "panel",  # each panel member's own scores and verdict, beside the final ones
)


@dataclass(frozen=True)
class Visibility:
    answers: bool = False
    scores: bool = False
    key_points: bool = False
    standard_answers: bool = False
    bonus: bool = False
    level: bool = False
    recommendation: bool = False
    summary: bool = False
    notes: bool = False
    panel: bool = False

    @classmethod
    def of(cls, parts) -> Visibility:
        """Only known parts count; anything else in the list is ignored."""
        chosen = set(parts or ())
        return cls(**{name: name in chosen for name in PARTS})

    @classmethod
    def everything(cls) -> Visibility:
        return cls.of(PARTS)

    @property
    def parts(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name)]

    @property
    def nothing(self) -> bool:
        return not self.parts

    @property
    def summary_grid(self) -> bool:
        return self.scores or self.bonus or self.level or self.recommendation


assert tuple(f.name for f in fields(Visibility)) == PARTS


def token_hash(token: str) -> str:
    """How a revoked link is remembered: never the token itself."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
