from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import PasswordResetView
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods

from accounts import zones
from accounts.models import Profile
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


class SettingsForm(forms.Form):
    time_zone = forms.ChoiceField(label=_l("Time zone"), required=False)

    def __init__(self, *args, browser_zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        follow = _l("Follow my browser")
        if browser_zone:
            follow = format_lazy("{} ({})", follow, browser_zone)
        self.fields["time_zone"].choices = [("", follow)] + [(n, n) for n in zones.zone_names()]


@require_http_methods(["GET", "POST"])
def account_settings(request):
    """The user's own settings: their time zone (chosen, or the browser's at each sign-in)."""
    profile = Profile.objects.filter(user=request.user).first()
    chosen = profile.time_zone if profile and profile.time_zone_chosen else ""
    browser = profile.time_zone if profile and not profile.time_zone_chosen else ""
    form = SettingsForm(request.POST or None, initial={"time_zone": chosen}, browser_zone=browser)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["time_zone"]
        zones.choose(request.user, name)
        request.session[zones.SESSION_KEY] = name or browser or settings.TIME_ZONE
        messages.success(request, _("Saved."))
        return redirect("account_settings")
    return TemplateResponse(
        request,
        "registration/settings.html",
        {"form": form, "current": request.session.get(zones.SESSION_KEY, settings.TIME_ZONE)},
    )
