"""The bank's topic list filters and sort, read from a query string. Pure: no Django.

Whatever arrives in the URL, the result is valid: unknown sorts fall back to the default, unknown
languages and yes/no values are dropped, free text is trimmed and bounded, and the page number
is a positive integer. The list view turns a ``TopicFilters`` into one queryset
(``questionbank.topic_list``), so the same URL always means the same list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

SORTS = ("title", "newest", "questions")  # title A-Z, newest first, most questions first
DEFAULT_SORT = "title"
LANGUAGES = ("zh", "en")
MAX_TEXT = 100
MAX_PAGE = 100_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_YES = {"1", "yes", "on", "true"}
_NO = {"0", "no", "off", "false"}


def _text(raw: str | None) -> str:
    return " ".join(_CONTROL.sub(" ", raw or "").split())[:MAX_TEXT]


def _yes_no(raw: str | None) -> bool | None:
    value = (raw or "").strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


def _page(raw: str | None) -> int:
    try:
        page = int((raw or "").strip())
    except ValueError:
        return 1
    return min(max(page, 1), MAX_PAGE)


@dataclass(frozen=True)
class TopicFilters:
    tag: str = ""
    difficulty: str = ""
    language: str = ""  # "" (any), "zh" or "en"
    group: str = ""  # a question group the topic holds ("Docker", "一、基础")
    practice: bool | None = None  # open for practice: yes, no, or either
    unanswered: bool = False  # only topics with questions lacking a standard answer
    sort: str = DEFAULT_SORT
    page: int = 1

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list (the sort and page do not)."""
        return bool(
            self.tag
            or self.difficulty
            or self.language
            or self.group
            or self.practice is not None
            or self.unanswered
        )

    def as_query(self, **changes) -> list[tuple[str, str]]:
        """The query string pairs for these filters (with ``changes``), defaults left out, so
        links stay short and one list has one URL."""
        wanted = replace(self, **changes)
        pairs = []
        for field in fields(wanted):
            value = getattr(wanted, field.name)
            if value == field.default:
                continue
            if isinstance(value, bool):
                value = "1" if value else "0"
            pairs.append((field.name, str(value)))
        return pairs


def parse_filters(params: Mapping[str, str]) -> TopicFilters:
    """Filters from query parameters (a ``QueryDict`` or any mapping of str to str)."""
    sort = (params.get("sort") or "").strip()
    language = (params.get("language") or "").strip().lower()
    return TopicFilters(
        tag=_text(params.get("tag")),
        difficulty=_text(params.get("difficulty")),
        language=language if language in LANGUAGES else "",
        group=_text(params.get("group")),
        practice=_yes_no(params.get("practice")),
        unanswered=_yes_no(params.get("unanswered")) is True,
        sort=sort if sort in SORTS else DEFAULT_SORT,
        page=_page(params.get("page")),
    )
