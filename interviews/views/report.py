"""The scorecard: for the interviewer (with CSV and printing), and shared with the candidate
through a revocable link that leaves out private notes and standard answers unless chosen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from interviews.access import get_interview_for_interviewer
from interviews.forms import ShareForm
from interviews.models import Interview, new_token
from interviews.reports import as_csv, scorecard


@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def report(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    if interview.is_editable:
        return redirect("interviews:edit", pk)
    share_url = ""
    if interview.share_token:
        share_url = request.build_absolute_uri(
            reverse("interviews:shared", args=[interview.share_token])
        )
    return TemplateResponse(
        request,
        "interviews/report.html",
        {
            "card": scorecard(interview),
            "interview": interview,
            "shared": False,
            "show_answers": True,
            "show_notes": True,
            "share_form": ShareForm(
                initial={
                    "share_answers": interview.share_answers,
                    "share_notes": interview.share_notes,
                }
            ),
            "share_url": share_url,
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
    form = ShareForm(request.POST)
    form.is_valid()
    interview.share_answers = form.cleaned_data.get("share_answers", False)
    interview.share_notes = form.cleaned_data.get("share_notes", False)
    interview.share_token = interview.share_token or new_token()
    interview.save(update_fields=["share_answers", "share_notes", "share_token", "updated_at"])
    messages.success(request, _("The scorecard is shared: pass the link to the candidate."))
    return redirect("interviews:report", pk)


@require_POST
def unshare(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    interview.share_token = None
    interview.save(update_fields=["share_token", "updated_at"])
    messages.success(request, _("The link no longer works."))
    return redirect("interviews:report", pk)


@login_not_required  # the unguessable, revocable token is the key
@require_GET
@never_cache  # standard answers, notes or scores: never kept by a browser or proxy
def shared(request, token: str):
    interview = Interview.objects.filter(
        share_token=token, status=Interview.Status.COMPLETED
    ).first()
    if interview is None or not token:
        raise Http404
    return TemplateResponse(
        request,
        "interviews/report.html",
        {
            "card": scorecard(interview),
            "interview": interview,
            "shared": True,
            "show_answers": interview.share_answers,
            "show_notes": interview.share_notes,
        },
    )
