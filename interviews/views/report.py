"""The scorecard: for the interviewer (with CSV and a print view), and shared with the candidate
through a revocable link that shows only the parts the interviewer chose (interviews.sharing)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from interviews.access import get_interview_for_interviewer
from interviews.forms import PrintForm, ShareForm
from interviews.models import Interview, RevokedShareLink, new_token
from interviews.reports import as_csv, scorecard
from interviews.sharing import Visibility, token_hash


@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def report(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    if interview.is_editable:
        return redirect("interviews:edit", pk)
    print_view = "print" in request.GET
    print_form = PrintForm(request.GET if print_view else None)
    share_url = ""
    if interview.share_token:
        share_url = request.build_absolute_uri(
            reverse("interviews:shared", args=[interview.share_token])
        )
    shared_now = Visibility.of(interview.share_parts)
    # A panel that has not decided: no final score yet (a solo finish always records a
    # recommendation, so a solo scorecard asks nothing more here).
    awaiting_panel = (
        interview.status == Interview.Status.COMPLETED
        and interview.decided_at is None
        and not interview.recommendation
        and interview.panel.exists()
    )
    return TemplateResponse(
        request,
        "interviews/report.html",
        {
            "awaiting_panel": awaiting_panel,
            "card": scorecard(interview),
            "interview": interview,
            "shared": False,
            "print_view": print_view,
            "see": print_form.visibility() if print_view else Visibility.everything(),
            "print_form": print_form,
            "share_form": ShareForm(initial={"parts": shared_now.parts}),
            "preview_see": shared_now,
            "share_url": share_url,
        },
    )


@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def share_preview(request, pk: int):
    """Exactly what the candidate would see with the parts ticked in the share form (htmx)."""
    interview = get_interview_for_interviewer(request, pk)
    if interview.is_editable:
        raise Http404
    return TemplateResponse(
        request,
        "interviews/report.html#preview",
        {
            "card": scorecard(interview),
            "interview": interview,
            "shared": True,
            "preview_see": ShareForm(request.GET).visibility(),
        },
    )


@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def report_csv(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    response = HttpResponse(as_csv(scorecard(interview)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"interview-{interview.pk}-scorecard.csv"
    )
    return response


@require_POST
def share(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    if interview.status != Interview.Status.COMPLETED:
        messages.error(request, _("Only a finished interview's scorecard can be shared."))
        return redirect("interviews:report", pk)
    interview.share_parts = ShareForm(request.POST).visibility().parts
    interview.share_token = interview.share_token or new_token()
    interview.save(update_fields=["share_parts", "share_token", "updated_at"])
    messages.success(request, _("The scorecard is shared: pass the link to the candidate."))
    return redirect("interviews:report", pk)


@require_POST
@transaction.atomic
def unshare(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    if interview.share_token:
        RevokedShareLink.objects.get_or_create(
            token_hash=token_hash(interview.share_token), defaults={"interview": interview}
        )
    interview.share_token = None
    interview.save(update_fields=["share_token", "updated_at"])
    messages.success(request, _("The link no longer works."))
    return redirect("interviews:report", pk)


@login_not_required  # the unguessable, revocable token is the key
@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def shared(request, token: str):
    interview = (
        Interview.objects.filter(share_token=token, status=Interview.Status.COMPLETED)
        .select_related("candidate", "owner")
        .first()
        if token
        else None
    )
    if interview is None:
        if token and RevokedShareLink.objects.filter(token_hash=token_hash(token)).exists():
            # Says only that: not whose, not which interview, not when.
            return TemplateResponse(request, "interviews/revoked.html", status=410)
        raise Http404
    return TemplateResponse(
        request,
        "interviews/report.html",
        {
            "card": scorecard(interview),
            "interview": interview,
            "shared": True,
            "see": Visibility.of(interview.share_parts),
        },
    )
