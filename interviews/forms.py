from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.roles import CANDIDATES
from interviews.models import Interview
from interviews.sharing import PARTS, Visibility

SCORE_CHOICES = [Decimal(n) / 2 for n in range(11)]  # 0, 0.5, ... 5


def candidate_choices():
    return (
        get_user_model()
        .objects.filter(groups__name=CANDIDATES, is_active=True)
        .order_by("first_name", "username")
    )


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
        help_text=_("You get a one-time sign-up link to pass on."),
    )
    minutes = forms.IntegerField(
        min_value=1,
        max_value=240,
        label=_("Default time per question (minutes)"),
    )
    scheduled_at = forms.DateTimeField(
        required=False,
        label=_("Scheduled for"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    field_order = ["title", "candidate", "candidate_email", "scheduled_at", "minutes"]

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
        self.fields["title"].widget.attrs["autofocus"] = True

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
