from __future__ import annotations

from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.roles import is_curator
from config.htmx import partial_for
from questionbank.access import get_question_for_user, get_topic_for_user, topics_for_user
from questionbank.models import BonusCategory, KeyPoint
from questionbank.search import clean_query, search_questions
from questionbank.topic_filters import parse_filters
from questionbank.topic_list import facets, options, pager_links, topic_page


@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def index(request):
    """One page of topics, filtered and sorted (questionbank.topic_list), and question search
    (``?q=``). An htmx request gets the results region only."""
    topics = topics_for_user(request)
    query = clean_query(request.GET.get("q", ""))
    context = {"query": query}
    if query:
        context["hits"] = search_questions(query, include_archived=is_curator(request.user))
    else:
        filters = parse_filters(request.GET)
        page = topic_page(topics, filters)
        context |= {
            "filters": filters,
            "page": page,
            "pager": pager_links(filters, page),
            "options": options(facets(), filters),
        }
    # The filter form swaps the list below it only, so a field being typed in keeps its focus.
    region = "topic-list" if request.htmx.target == "topic-list" and not query else "results"
    response = TemplateResponse(
        request, partial_for(request, "questionbank/index.html", region), context
    )
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def topic(request, slug: str):
    topic = get_topic_for_user(request, slug)
    questions = list(
        topic.questions.filter(archived=False).prefetch_related(
            Prefetch("key_points", queryset=KeyPoint.objects.order_by("position", "id"))
        )
    )
    bonus = list(
        BonusCategory.objects.filter(topic=topic).prefetch_related("points").order_by("position")
    )
    return TemplateResponse(
        request,
        "questionbank/topic.html",
        {
            "topic": topic,
            "questions": questions,
            "bonus_categories": bonus,
            "experiences": list(topic.experiences.all()),
            "notes": list(topic.notes.all()),
        },
    )


@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def question(request, slug: str, number: int):
    question = get_question_for_user(request, slug, number)
    siblings = list(
        question.topic.questions.filter(archived=False).values_list("number", flat=True)
    )
    index = siblings.index(question.number) if question.number in siblings else -1
    return TemplateResponse(
        request,
        "questionbank/question.html",
        {
            "topic": question.topic,
            "question": question,
            "key_points": list(question.key_points.order_by("position", "id")),
            "previous_number": siblings[index - 1] if index > 0 else None,
            "next_number": siblings[index + 1] if 0 <= index < len(siblings) - 1 else None,
        },
    )
