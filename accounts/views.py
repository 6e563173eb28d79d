from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from accounts.roles import can_view_bank, is_interviewer


@require_GET
def home(request):
    """Each role's start page: interviewers their sessions, curators the bank, candidates theirs."""
    if is_interviewer(request.user):
        return redirect("interviews:index")
    if can_view_bank(request.user):
        return redirect("questionbank:index")
    from interviews.models import Interview

    interviews = (
        Interview.objects.filter(candidate=request.user, mode=Interview.Mode.LIVE)
        .exclude(status=Interview.Status.DRAFT)
        .select_related("owner")
        .order_by("-created_at")[:50]
    )
    return TemplateResponse(request, "home.html", {"interviews": interviews})
