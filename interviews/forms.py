from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from accounts import languages
from accounts.roles import CANDIDATES
from interviews.models import SCHEDULE_EARLIEST, SCHEDULE_LATEST, Interview
from interviews.sharing import PARTS, Visibility

SCORE_CHOICES = [Decimal(n) / 2 for n in range(11)]  # 0, 0.5, ... 5


class MemberForm(forms.Form):
    """A co-interviewer invited to the panel, on the edit page (interviews.views.panel_invite)."""

    email = forms.EmailField(
        max_length=254,
        label=_("Invite a co-interviewer"),
        widget=forms.EmailInput(attrs={"placeholder": "dan@example.com", "autocomplete": "off"}),
    )
    # The mails' language until they join (then their own); absent ("Mail it again"): as before.
    language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        label=_("Language of the invitation"),
        help_text=_("Until they join: then the mails are in their own language."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_member_%s")  # beside the details form's fields
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = languages.current()


def candidate_choices():
    return (
        get_user_model()
        .objects.filter(groups__name=CANDIDATES, is_active=True)
        .order_by("first_name", "username")
    )


class ScheduleField(forms.DateTimeField):
    """A date and time read in the user's zone (the active one), between the years 2000 and
    3000: outside them it is a typo, and year 1 once broke every page that showed it."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        try:
            result = super().to_python(value)
        except (OverflowError, ValueError):  # a year the zone cannot convert
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if result is not None and not (
            SCHEDULE_EARLIEST <= result < SCHEDULE_LATEST  # the check constraint, in UTC
            and 2000 <= timezone.localtime(result).year <= 2999  # as the user typed it
        ):
            raise forms.ValidationError(
                _("Choose a date between the years 2000 and 2999."), code="out_of_range"
            )
        return result


class InterviewForm(forms.ModelForm):
    candidate = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Candidate"),
        empty_label=_("— choose a candidate account —"),
        help_text=_("Or invite someone without an account by email below."),
    )
    candidate_email = forms.EmailField(
        required=False,
        label=_("Invite by email"),
        help_text=_("We mail them a one-time sign-up link; it is shown here too, to pass on."),
    )
    invitation_language = forms.ChoiceField(
        required=False,
        choices=settings.LANGUAGES,
        label=_("Language of the invitation"),
        help_text=_("The invitation and its later mails (a new time, a cancellation) are in it."),
    )
    minutes = forms.IntegerField(
        min_value=1,
        max_value=240,
        label=_("Default time per question (minutes)"),
    )
    scheduled_at = ScheduleField(required=False, label=_("Scheduled for"))

    field_order = [
        "title",
        "candidate",
        "candidate_email",
        "invitation_language",
        "scheduled_at",
        "minutes",
    ]

    class Meta:
        model = Interview
        fields = ["title", "candidate", "scheduled_at"]
        labels = {"title": _("Title")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidate_choices()
        self.fields["candidate"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({user.username})"
        )
        self.fields["minutes"].initial = round(self.instance.default_time_limit / 60) or 10
        self.fields["invitation_language"].initial = languages.current()
        self.fields["title"].widget.attrs["autofocus"] = True
        self.fields["scheduled_at"].help_text = _(
            "In your time zone, %(zone)s (change it in your settings)."
        ) % {"zone": timezone.get_current_timezone_name()}

    def clean_scheduled_at(self):
        at = self.cleaned_data["scheduled_at"]
        # A time already passed is a mistake (a zone mix-up, a wrong day); one kept unchanged
        # from before is left alone.
        if at is not None and "scheduled_at" in self.changed_data and at < timezone.now():
            now = timezone.localtime()
            raise forms.ValidationError(
                _("That time has passed: it is now %(now)s in %(zone)s. Choose a time to come.")
                % {
                    "now": date_format(now, "Y-m-d H:i"),
                    "zone": timezone.get_current_timezone_name(),
                },
                code="past",
            )
        return at

    def clean(self):
        data = super().clean()
        if data.get("candidate") and data.get("candidate_email"):
            self.add_error(
                "candidate_email",
                _("Choose an account or invite by email, not both."),
            )
        return data

    def save(self, commit=True):
        self.instance.default_time_limit = self.cleaned_data["minutes"] * 60
        return super().save(commit)


class TemplateForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Template name"))


class FinishForm(forms.Form):
    recommendation = forms.ChoiceField(
        choices=Interview.Recommendation.choices,
        widget=forms.RadioSelect,
        label=_("Recommendation"),
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("Summary"),
        max_length=10_000,
    )


class PanelFinishForm(forms.Form):
    """Ending a panel's interview asks nothing: each seat recommends on its own scorecard."""


PART_LABELS = {
    "answers": _("The candidate's answers, as typed"),
    "scores": _("Scores, per question and in total"),
    "key_points": _("Key points: what I ticked, what the scorer found"),
    "standard_answers": _("Standard answers"),
    "bonus": _("Bonus points awarded"),
    "level": _("Level estimate"),
    "recommendation": _("Recommendation"),
    "summary": _("Summary"),
    "notes": _("My private notes and bonus evidence"),
    "panel": _("Each panel member's scores and verdict"),
}


class ShareForm(forms.Form):
    """What the shared page shows: every part off until ticked."""

    parts = forms.MultipleChoiceField(
        required=False,
        choices=[(name, PART_LABELS[name]) for name in PARTS],
        widget=forms.CheckboxSelectMultiple,
        label=_("The candidate sees"),
    )

    def visibility(self) -> Visibility:
        """The parts ticked; an unknown part in the request is ignored, never an error."""
        if not self.is_bound:
            return Visibility()
        return Visibility.of(self.data.getlist("parts"))


class PrintForm(forms.Form):
    """The print view's choices: standard answers printed open or left out; notes or not."""

    standard = forms.ChoiceField(
        choices=[("omit", _("Leave out the standard answers")), ("open", _("Print them open"))],
        initial="omit",
        required=False,
        widget=forms.RadioSelect,
        label=_("Standard answers"),
    )
    notes = forms.BooleanField(required=False, label=_("Include my private notes"))

    def visibility(self) -> Visibility:
        valid = self.is_valid()
        standard = valid and self.cleaned_data["standard"] == "open"
        notes = valid and self.cleaned_data["notes"]
        return replace(Visibility.everything(), standard_answers=standard, notes=notes)


class SignUpForm(UserCreationForm):
    first_name = forms.CharField(max_length=150, label=_("Your name"))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "first_name"]
