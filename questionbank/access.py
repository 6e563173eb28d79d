"""Who may see what in the bank: one helper per model, used by every view that looks one up.

The bank holds standard answers, so only interviewers, curators and superusers see it;
candidates meet questions only inside their own sessions and practice.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.roles import can_view_bank, is_curator
from questionbank.models import Question, Topic


def require_bank_access(request) -> None:
    if not can_view_bank(request.user):
        raise PermissionDenied


def require_curator_staff(request) -> None:
    """Curators' pages link into the admin: curators with staff status, and superusers."""
    if not (is_curator(request.user) and request.user.is_staff):
        raise PermissionDenied


def topics_for_user(request):
    require_bank_access(request)
    topics = Topic.objects.all()
    if not is_curator(request.user):
        topics = topics.filter(archived=False)
    return topics


def get_topic_for_user(request, slug: str) -> Topic:
    return get_object_or_404(topics_for_user(request), slug=slug)


def get_question_for_user(request, slug: str, number: int) -> Question:
    topic = get_topic_for_user(request, slug)
    try:
        question = topic.questions.get(number=number)
    except Question.DoesNotExist:
        raise Http404 from None
    question.topic = topic
    return question


def get_question_for_curator(request, slug: str, number: int) -> Question:
    """A question for the curators' tools (its history, restore): curators only."""
    if not is_curator(request.user):
        raise PermissionDenied
    return get_question_for_user(request, slug, number)


def get_topic_for_curator(request, slug: str) -> Topic:
    """A topic for the curators' tools (its history, restore): curators only."""
    if not is_curator(request.user):
        raise PermissionDenied
    return get_topic_for_user(request, slug)
