"""Statistics for curators and interviewers: which questions work, how each interviewer scores.

Read-only pages (GET only); every lookup goes through ``interviews.stats_access``. The figures
come from ``interviews.stats`` (fixed query counts) and the charts from
``interviews.stats_charts`` (SVG drawn in the templates).
"""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.roles import is_interviewer
from interviews import stats, stats_charts
from interviews.stats_access import (
    can_see_all,
    get_interviewer_for_stats,
    require_interviewer_stats,
    require_question_stats,
)
from interviews.stats_math import ACES, FAILS, FLAT


def _nav(request) -> dict:
    return {
        "can_see_all": can_see_all(request.user),
        "is_interviewer": is_interviewer(request.user),
        "min_shared": stats.min_shared(),
    }


def _fixed(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


@require_GET
def questions(request):
    require_question_stats(request)
    rows = stats.question_rows()
    flag_labels = {
        ACES: _("everyone aces it"),
        FAILS: _("everyone fails it"),
        FLAT: _("does not discriminate"),
    }
    table = [
        {
            "row": row,
            # Formatted here, not with |floatformat: a hundred rows of filters cost more than
            # the statistics themselves (bench/stats_bench.py).
            "mean": _fixed(row.stats.mean, 1),
            "sd": _fixed(row.stats.sd, 1),
            "not_asked_pct": _percent(row.stats.not_asked_share),
            "time_pct": _percent(row.stats.time_ratio),
            "over_pct": _percent(row.stats.over_time_share),
            "discrimination": _fixed(row.stats.discrimination, 2),
            "range": stats_charts.range_bar(row.stats.mean, row.stats.sd),
            "time": stats_charts.time_bar(row.stats.time_ratio),
            "flags": [(flag, flag_labels[flag]) for flag in row.stats.flags],
        }
        for row in rows
    ]
    chart = stats_charts.item_map(
        [
            (
                f"{row.label.topic_title} #{row.label.number}",
                row.stats.mean,
                row.stats.discrimination,
                bool(row.stats.flags),
            )
            for row in rows
            if row.stats.mean is not None
            and row.stats.discrimination is not None
            and row.stats.discrimination_n >= stats.min_shared()
        ]
    )
    counts = {flag: sum(1 for row in rows if flag in row.stats.flags) for flag in flag_labels}
    return TemplateResponse(
        request,
        "stats/questions.html",
        {
            **_nav(request),
            "table": table,
            "chart": chart if chart["dots"] else None,
            "counts": [(flag, flag_labels[flag], counts[flag]) for flag in flag_labels],
        },
    )


@require_GET
def interviewers(request):
    require_interviewer_stats(request)
    rows = stats.interviewer_rows()
    min_shared = stats.min_shared()
    return TemplateResponse(
        request,
        "stats/interviewers.html",
        {
            **_nav(request),
            "rows": rows,
            "forest": stats_charts.forest(
                [(row.label.name, row.stats.vs_scorer) for row in rows], min_n=min_shared
            ),
            "peers_exist": any(row.stats.vs_peers.n for row in rows),
        },
    )


@require_GET
def interviewer(request, pk: int):
    person = get_interviewer_for_stats(request, pk)
    found = stats.interviewer_detail(person)
    min_shared = stats.min_shared()
    return TemplateResponse(
        request,
        "stats/interviewer.html",
        {
            **_nav(request),
            "person": person,
            "is_self": person.pk == request.user.pk,
            "found": found,
            "histogram": stats_charts.difference_histogram(found.differences),
            "forest": stats_charts.forest(list(found.by_topic.items()), min_n=min_shared),
        },
    )
