"""The panel: the lead adds co-interviewers by email (each gets a one-seat join link by mail)
and removes them before the start; an interviewer opens the link and joins (interviews.panel)."""

from __future__ import annotations

from copy import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import is_interviewer
from interviews import mail, panel
from interviews.access import get_interview_for_interviewer, get_panel_member
from interviews.forms import MemberForm
from interviews.live import InvalidTransition
from interviews.models import PanelMember
from interviews.views.assemble import _confirm


def _back(pk: int):
    return redirect(reverse("interviews:edit", args=[pk]) + "#panel")


@require_POST
def add_member(request, pk: int):
    """Invite a co-interviewer by email (the lead only, before the start), and mail the link."""
    interview = get_interview_for_interviewer(request, pk)
    if not interview.is_editable:
        messages.error(request, _("Co-interviewers are added before the interview starts."))
        return redirect("interviews:detail", pk)
    form = MemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the co-interviewer's email address, e.g. dan@example.com."))
        return _back(pk)
    email = form.cleaned_data["email"]
    owner_email = interview.owner.email
    if owner_email and email.lower() == owner_email.lower():
        messages.error(request, _("That is your own address: you lead this interview."))
        return _back(pk)
    if _is_candidates(interview, email):
        messages.error(request, _("That is the candidate's address: they cannot sit on the panel."))
        return _back(pk)
    try:
        member = panel.add_member(
            interview, email=email, by=request.user, language=form.cleaned_data["language"]
        )
    except InvalidTransition as exc:  # it started meanwhile
        messages.error(request, str(exc))
        return redirect("interviews:detail", pk)
    if member.user_id is not None:
        messages.info(request, _("%(email)s is on the panel already.") % {"email": email})
        return _back(pk)
    sent = mail.send_panel_invitation(
        member, link=request.build_absolute_uri(member.get_invitation_url())
    )
    if sent:
        messages.success(
            request, _("The invitation to the panel was mailed to %(email)s.") % {"email": email}
        )
    else:
        messages.warning(
            request,
            _("The mail to %(email)s could not be sent. Pass the link on by hand.")
            % {"email": email},
        )
    return _back(pk)


def _is_candidates(interview, email: str) -> bool:
    """The candidate's account address, or the address their sign-up link went to."""
    candidate = interview.candidate
    if candidate is not None and candidate.email and candidate.email.lower() == email.lower():
        return True
    return interview.invitations.filter(accepted_at=None, email__iexact=email).exists()


@require_http_methods(["GET", "POST"])
def remove_member(request, pk: int, member: int):
    """Take a co-interviewer's seat (joined or not) away before the start, after asking."""
    interview = get_interview_for_interviewer(request, pk)
    seat = get_panel_member(interview, member)
    if seat.is_lead:
        raise Http404
    if not interview.is_editable:
        messages.error(request, _("The panel is fixed once the interview starts."))
        return redirect("interviews:detail", pk)
    who = (seat.user.get_full_name() or seat.user.username) if seat.user else seat.email
    if request.method == "POST":
        gone = copy(seat)  # the mail below needs the seat's id (its event's UID) once it is deleted
        try:
            panel.remove_member(seat)
        except InvalidTransition as exc:
            messages.error(request, str(exc))
            return redirect("interviews:detail", pk)
        messages.success(request, _("%(who)s is off the panel.") % {"who": who})
        if mail.send_panel_removed(gone, link="") is False:
            messages.warning(
                request,
                _("The mail telling %(who)s could not be sent.") % {"who": who},
            )
        return _back(pk)
    return _confirm(
        request,
        interview=interview,
        title=_("Remove %(who)s from the panel?") % {"who": who},
        message=_(
            "Their invitation link stops working. You can invite them again before the start."
        ),
        action=reverse("interviews:remove_member", args=[pk, seat.pk]),
        confirm=_("Remove from the panel"),
    )


def _page(request, member: PanelMember | None, *, status: int = 200, **context):
    return TemplateResponse(
        request,
        "interviews/panel_invitation.html",
        {"member": member, "interview": member.interview if member else None, **context},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def panel_invitation(request, token: str):
    """A co-interviewer's join link (sign-in required: the middleware sends visitors to the
    sign-in page and back). One seat per link, the first interviewer to join wins."""
    member = (
        PanelMember.objects.select_related("interview", "interview__owner", "user")
        .filter(token=token, role=PanelMember.Role.MEMBER)
        .first()
    )
    if member is None:
        raise Http404
    interview, user = member.interview, request.user
    if member.user_id == user.pk:
        return redirect("interviews:detail", interview.pk)
    if member.user_id is not None:
        return _page(request, member, status=410, reason="used")
    if interview.is_finished:
        return _page(request, member, status=410, reason="ended")
    if not is_interviewer(user):
        return _page(request, member, status=403, reason="not_interviewer")
    if interview.owner_id == user.pk:
        return _page(request, member, status=403, reason="owner")
    if interview.candidate_id == user.pk:
        return _page(request, member, status=403, reason="candidate")
    if interview.panel.filter(user=user).exists():
        return _page(request, member, status=403, reason="seated")
    if request.method == "POST":
        try:
            panel.join(member, user)
        except InvalidTransition as exc:  # another interviewer joined first, or it ended
            return _page(request, member, status=410, reason="used", error=str(exc))
        messages.success(
            request, _("You are on the panel of “%(title)s”.") % {"title": interview.title}
        )
        return redirect("interviews:detail", interview.pk)
    return _page(request, member)
