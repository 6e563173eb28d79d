from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.roles import CANDIDATES
from interviews.models import Interview

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


class ShareForm(forms.Form):
    share_answers = forms.BooleanField(required=False, label=_("Include the standard answers"))
    share_notes = forms.BooleanField(required=False, label=_("Include my notes"))


class SignUpForm(UserCreationForm):
    first_name = forms.CharField(max_length=150, label=_("Your name"))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "first_name"]
