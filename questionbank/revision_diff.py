"""Readable differences between two revision snapshots of a question or a topic. Pure: no Django.

A snapshot is the JSON a :class:`~questionbank.models.Revision` stores (see
:mod:`questionbank.revisions`). Each field is compared as lines: Markdown line by line, lists
(key points, follow-ups, bonus points) item by item, other values as one line. Long unchanged
runs inside a field are folded to a few lines of context around each change.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

SAME, ADDED, REMOVED, GAP = "same", "added", "removed", "gap"

# The fields of each kind of snapshot, in the order a diff lists them.
QUESTION_FIELDS = (
    "number",
    "group",
    "text",
    "answer_title",
    "answer_md",
    "follow_ups",
    "key_points",
    "dropped_key_points",
    "archived",
)
TOPIC_FIELDS = (
    "title",
    "slug",
    "background_md",
    "tags",
    "difficulty",
    "language",
    "practice_enabled",
    "archived",
    "bonus",
)
CONTEXT = 2  # unchanged lines kept on each side of a change


@dataclass(frozen=True)
class Line:
    op: str  # SAME, ADDED, REMOVED, or GAP (``text`` is then the number of lines folded)
    text: str


@dataclass
class FieldDiff:
    field: str
    lines: tuple[Line, ...]
    label: str = ""  # for the page to fill in, translated

    @property
    def added(self) -> int:
        return sum(1 for line in self.lines if line.op == ADDED)

    @property
    def removed(self) -> int:
        return sum(1 for line in self.lines if line.op == REMOVED)


def fields_of(snapshot: dict) -> tuple[str, ...]:
    return TOPIC_FIELDS if snapshot.get("kind") == "topic" else QUESTION_FIELDS


def field_lines(field: str, value, *, yes_no: tuple[str, str] = ("yes", "no")) -> list[str]:
    """A field's value as the lines the diff compares."""
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, bool):
        return [yes_no[0] if value else yes_no[1]]
    if field == "key_points":
        return [_key_point(point) for point in value]
    if field == "bonus":
        return [
            f"{category.get('name') or '·'}: {item}"
            for category in value
            for item in category.get("items", [])
        ] or [f"{category.get('name')}:" for category in value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value).split("\n")


def _key_point(point: dict) -> str:
    weight = point.get("weight", 1)
    return point["text"] if weight == 1 else f"{point['text']} (×{weight})"


def changed_fields(old: dict | None, new: dict) -> list[str]:
    """The fields whose value differs (every non-empty one when there is no ``old``)."""
    if old is None:
        return [f for f in fields_of(new) if new.get(f) not in ("", [], None, False)]
    return [f for f in fields_of(new) if _normal(old.get(f)) != _normal(new.get(f))]


def _normal(value):
    return None if value in ("", [], None) else value


def diff_snapshots(
    old: dict | None,
    new: dict,
    *,
    context: int = CONTEXT,
    yes_no: tuple[str, str] = ("yes", "no"),
) -> list[FieldDiff]:
    """Every changed field with its lines; with no ``old`` (the first revision), every field
    that has a value, all of it added."""
    diffs = []
    for field in changed_fields(old, new):
        before = field_lines(field, (old or {}).get(field), yes_no=yes_no)
        after = field_lines(field, new.get(field), yes_no=yes_no)
        diffs.append(FieldDiff(field, tuple(diff_lines(before, after, context=context))))
    return diffs


def diff_lines(before: list[str], after: list[str], *, context: int = CONTEXT) -> list[Line]:
    """Lines removed and added, with ``context`` unchanged lines around each change and the
    rest folded into one GAP line."""
    lines: list[Line] = []
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = before[i1:i2]
            head = context if index > 0 else 0  # after a change
            tail = context if index < len(opcodes) - 1 else 0  # before the next one
            if len(same) > head + tail:
                lines.extend(Line(SAME, text) for text in same[:head])
                lines.append(Line(GAP, str(len(same) - head - tail)))
                lines.extend(Line(SAME, text) for text in same[len(same) - tail :])
            else:
                lines.extend(Line(SAME, text) for text in same)
            continue
        lines.extend(Line(REMOVED, text) for text in before[i1:i2])
        lines.extend(Line(ADDED, text) for text in after[j1:j2])
    return lines
