from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import LoginView, PasswordResetView
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods
from django.views.i18n import set_language

from accounts import languages, zones
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


class SignInView(LoginView):
    """Django's sign-in; a user who chose their language on the settings page gets pages in it
    from this sign-in on, whatever this browser asked for (accounts.languages)."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)  # signs in: user_logged_in reads the choice
        chosen = getattr(self.request, languages.CHOSEN, None)
        return languages.set_cookie(response, chosen) if chosen else response


class ResetForm(PasswordResetForm):
    """The reset mail in the account's language, not the language of the page that asked."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(languages.language_of(context["user"])):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, with a limit on the mails per address and per email."""

    form_class = ResetForm

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


def switch_language(request):
    """Django's language switch (anyone, on any page); a signed-in user's switch also becomes
    their language, the one mails to them are written in."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        languages.remember(request.user, request.POST.get("language"))
    return response


class SettingsForm(forms.Form):
    language = forms.ChoiceField(
        label=_l("Language"),
        required=False,  # not sent: unchanged
        choices=settings.LANGUAGES,
        help_text=_l("Pages and the mails sent to you are in this language."),
    )
    time_zone = forms.ChoiceField(label=_l("Time zone"), required=False)

    def __init__(self, *args, browser_zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        follow = _l("Follow my browser")
        if browser_zone:
            follow = format_lazy("{} ({})", follow, browser_zone)
        self.fields["time_zone"].choices = [("", follow)] + [(n, n) for n in zones.zone_names()]


@require_http_methods(["GET", "POST"])
def account_settings(request):
    """The user's own settings: their language (pages and mails), their time zone (chosen, or
    the browser's at each sign-in)."""
    profile = Profile.objects.filter(user=request.user).first()
    chosen = profile.time_zone if profile and profile.time_zone_chosen else ""
    browser = profile.time_zone if profile and not profile.time_zone_chosen else ""
    language = (profile and languages.supported(profile.language)) or languages.current()
    form = SettingsForm(
        request.POST or None,
        initial={"time_zone": chosen, "language": language},
        browser_zone=browser,
    )
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["time_zone"]
        zones.choose(request.user, name)
        request.session[zones.SESSION_KEY] = name or browser or settings.TIME_ZONE
        language = form.cleaned_data["language"]  # not sent: unchanged
        if language:
            languages.choose(request.user, language)
        with translation.override(language or languages.current()):  # the page's from now on
            messages.success(request, _("Saved."))
        response = redirect("account_settings")
        return languages.set_cookie(response, language) if language else response
    return TemplateResponse(
        request,
        "registration/settings.html",
        {"form": form, "current": request.session.get(zones.SESSION_KEY, settings.TIME_ZONE)},
    )
