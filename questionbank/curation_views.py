"""Curators' pages of the bank (staff only): its weak spots, each with a link to fix it."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from questionbank import weak_spots as spots
from questionbank.access import require_curator_staff


@require_GET
@never_cache  # the bank's questions and their flaws: never kept by a browser or proxy
def weak_spots(request):
    require_curator_staff(request)
    return TemplateResponse(
        request,
        "questionbank/weak_spots.html",
        {
            "duplicates": spots.duplicates(),
            "without_answer": spots.without_answer(),
            "few_key_points": spots.few_key_points(),
            "never_asked": spots.never_asked(),
            "statistics": spots.flagged_by_statistics(),
            "limit": spots.LIMIT,
        },
    )
