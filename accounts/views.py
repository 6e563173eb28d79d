from django.conf import settings
from django.contrib.auth.views import PasswordResetView
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.roles import can_view_bank, is_interviewer
from accounts.throttling import client_ip, reset_allowed


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


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, with a limit on the mails per address and per email."""

    def form_valid(self, form):
        if reset_allowed(client_ip(self.request), form.cleaned_data["email"]):
            return super().form_valid(form)
        form.add_error(
            None,
            _(
                "Too many password reset requests from here or for this email address. Try "
                "again in %(minutes)d minutes."
            )
            % {"minutes": settings.PASSWORD_RESET_WINDOW_MINUTES},
        )
        response = self.form_invalid(form)
        response.status_code = 429
        return response
