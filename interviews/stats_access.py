"""Who may read which statistics (/stats/): the one helper every statistics view uses.

- Questions: curators and interviewers (leads choose questions with them).
- Every interviewer side by side: curators only.
- One interviewer's severity and agreement: that interviewer and curators, never another
  interviewer (who gets 404: nobody learns who has statistics). Superusers count as curators.
- Candidates and anyone else: 403.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.roles import is_curator, is_interviewer


def can_see_all(user) -> bool:
    return is_curator(user)


def require_question_stats(request) -> None:
    if not (is_curator(request.user) or is_interviewer(request.user)):
        raise PermissionDenied


def require_interviewer_stats(request) -> None:
    if not can_see_all(request.user):
        raise PermissionDenied


def get_interviewer_for_stats(request, pk: int):
    """The user whose statistics are asked for: oneself (an interviewer), or anyone for a
    curator."""
    user = request.user
    if not can_see_all(user):
        if not is_interviewer(user):
            raise PermissionDenied
        if user.pk != pk:
            raise Http404
        return user
    try:
        return get_user_model().objects.get(pk=pk)
    except get_user_model().DoesNotExist:
        raise Http404 from None
