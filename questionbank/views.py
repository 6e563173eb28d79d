from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.roles import is_curator
from config.htmx import partial_for
from questionbank.access import get_question_for_user, get_topic_for_user, topics_for_user
from questionbank.models import BonusCategory, KeyPoint
from questionbank.search import clean_query, search_questions


@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def index(request):
    """Every topic with its question count, and question search (``?q=``)."""
    topics = topics_for_user(request).annotate(
        question_count=Count("questions", filter=Q(questions__archived=False))
    )
    query = clean_query(request.GET.get("q", ""))
    hits = search_questions(query, include_archived=is_curator(request.user)) if query else []
    response = TemplateResponse(
        request,
        partial_for(request, "questionbank/index.html", "results"),
        {"topics": topics, "query": query, "hits": hits},
    )
    patch_vary_headers(response, ["HX-Request"])
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
