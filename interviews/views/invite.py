"""One-time sign-up links for candidates invited by email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import CANDIDATES, is_candidate
from interviews import assembly
from interviews.forms import SignUpForm
from interviews.live import InvalidTransition
from interviews.models import Invitation


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    invite = (
        Invitation.objects.select_related("interview", "interview__owner")
        .filter(token=token)
        .first()
    )
    if invite is None:
        raise Http404
    if not invite.is_usable:
        return TemplateResponse(
            request, "interviews/invitation.html", {"invite": invite, "unusable": True}, status=410
        )
    if request.user.is_authenticated:
        # Someone already signed in joins with their own candidate account.
        if request.method == "POST" and is_candidate(request.user):
            return _accept(request, invite, request.user)
        return TemplateResponse(
            request,
            "interviews/invitation.html",
            {"invite": invite, "signed_in": True, "can_join": is_candidate(request.user)},
        )
    form = SignUpForm(request.POST or None, initial={"username": invite.email.split("@")[0]})
    if request.method == "POST" and form.is_valid():
        try:
            interview = assembly.claim_invitation(invite, lambda: _new_candidate(form, invite))
        except InvalidTransition:  # another sign-up on this link won: no second account
            return TemplateResponse(
                request,
                "interviews/invitation.html",
                {"invite": invite, "unusable": True},
                status=410,
            )
        except IntegrityError:  # the username was taken meanwhile; the link stays unused
            form.add_error("username", _("A user with that username already exists."))
        else:
            login(request, interview.candidate, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! This is your interview page."))
            return redirect("interviews:take", interview.pk)
    return TemplateResponse(request, "interviews/invitation.html", {"invite": invite, "form": form})


def _new_candidate(form: SignUpForm, invite: Invitation):
    """The account, inside claim_invitation's transaction (a savepoint: a taken username
    rolls back the claim too)."""
    with transaction.atomic():
        user = form.save(commit=False)
        user.email = invite.email
        user.save()
        user.groups.add(Group.objects.get(name=CANDIDATES))
    return user


def _accept(request, invite: Invitation, user):
    try:
        interview = assembly.accept_invitation(invite, user)
    except InvalidTransition:
        messages.error(request, _("This invitation has been used or has expired."))
        return redirect("home")
    messages.success(request, _("Welcome! This is your interview page."))
    return redirect("interviews:take", interview.pk)
