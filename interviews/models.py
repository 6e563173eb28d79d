"""Interview sessions, live and practice: one model family for both (DESIGN.md "Interviews").

A session copies what it uses from the bank when it starts (the snapshot fields of
InterviewQuestion), so editing or re-importing the bank never changes a running or past session.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Times a session may be scheduled for (forms and a check constraint).
SCHEDULE_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
SCHEDULE_LATEST = datetime(3000, 1, 1, tzinfo=UTC)

SCORE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(5))]


def new_token() -> str:
    return secrets.token_urlsafe(24)


class InterviewTemplate(models.Model):
    """A reusable question list ("Kubernetes P7 loop") that new sessions start from."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_templates"
    )
    title = models.CharField(_("title"), max_length=200)
    default_time_limit = models.PositiveIntegerField(_("default time per question (seconds)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("interview template")
        verbose_name_plural = _("interview templates")

    def __str__(self) -> str:
        return self.title


class TemplateQuestion(models.Model):
    template = models.ForeignKey(InterviewTemplate, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(
        "questionbank.Question", on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField()
    time_limit = models.PositiveIntegerField()

    class Meta:
        ordering = ["template", "position"]

    def __str__(self) -> str:
        return f"{self.template_id}#{self.position}"


class Interview(models.Model):
    class Mode(models.TextChoices):
        LIVE = "live", _("live interview")
        PRACTICE = "practice", _("practice")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        LIVE = "live", pgettext_lazy("interview status", "in progress")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    class Recommendation(models.TextChoices):
        STRONG_NO = "strong_no", _("Strong no")
        NO = "no", _("No")
        YES = "yes", _("Yes")
        STRONG_YES = "strong_yes", _("Strong yes")

    class TimeMode(models.TextChoices):
        PER_QUESTION = "per_question", _("per question")
        TOTAL = "total", _("whole interview")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="owned_interviews"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate_interviews",
    )
    title = models.CharField(_("title"), max_length=200)
    mode = models.CharField(max_length=10, choices=Mode, default=Mode.LIVE)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    template = models.ForeignKey(
        InterviewTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    # The calendar event mailed to the candidate (interviews.calendar): its SEQUENCE, raised on
    # each update, and where it went, so a new time or a cancellation reaches the same address.
    calendar_sequence = models.PositiveIntegerField(default=0)
    calendar_sent_to = models.EmailField(blank=True)
    default_time_limit = models.PositiveIntegerField(_("default time per question (seconds)"))
    time_mode = models.CharField(max_length=12, choices=TimeMode, default=TimeMode.PER_QUESTION)
    total_time_limit = models.PositiveIntegerField(null=True, blank=True)
    hard_deadlines = models.BooleanField(default=False)  # practice: the answer locks at zero

    position = models.PositiveIntegerField(default=0)  # index of the current question
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    current_since = models.DateTimeField(null=True, blank=True)  # the current question's clock
    # The current question's deadline, copied here so a poll can tell in its one query that a
    # hard deadline passed and the practice mock must move on.
    current_deadline = models.DateTimeField(null=True, blank=True)
    deadline = models.DateTimeField(null=True, blank=True)  # whole-interview limit, if any

    # Bumped on every change (the interviewer console polls it) and on every change the
    # candidate's page must follow (position, pause, end): a poll with the current numbers
    # is answered 204 from one indexed query.
    version = models.PositiveBigIntegerField(default=1)
    candidate_version = models.PositiveBigIntegerField(default=1)

    recommendation = models.CharField(max_length=12, choices=Recommendation, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    # Panels (interviews.panel): the lead closed the scoring round (the debrief opens without
    # waiting for the members who have not submitted), and recorded the final decision (the
    # final scores are then in InterviewQuestion.score, as a solo interviewer's are at finish).
    round_closed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    share_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # What the shared page shows (interviews.sharing.PARTS): nothing unless chosen.
    share_parts = models.JSONField(default=list, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["candidate", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mode="practice") | Q(candidate=models.F("owner")),
                name="practice_owner_is_candidate",
            ),
            # Year 1 was stored once and PostgreSQL's driver could not read it back.
            models.CheckConstraint(
                condition=Q(scheduled_at__isnull=True)
                | Q(scheduled_at__gte=SCHEDULE_EARLIEST, scheduled_at__lt=SCHEDULE_LATEST),
                name="scheduled_at_in_range",
            ),
        ]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("interviews:detail", args=[self.pk])

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.CANCELLED)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)


class InterviewQuestion(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("not reached")
        ASKED = "asked", _("asked")
        NOT_ASKED = "not_asked", _("not asked")

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    question = models.ForeignKey(
        "questionbank.Question", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"))
    weight = models.PositiveSmallIntegerField(default=1)

    # The snapshot, taken when the session starts.
    snapshot_at = models.DateTimeField(null=True, blank=True)
    topic_slug = models.CharField(max_length=100, blank=True)
    topic_title = models.CharField(max_length=200, blank=True)
    number = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    text_html = models.TextField(blank=True)
    answer_title = models.CharField(max_length=300, blank=True)
    answer_html = models.TextField(blank=True)
    answer_plain = models.TextField(blank=True)
    key_points = models.JSONField(default=list, blank=True)  # [{"text": str, "weight": int}]
    follow_ups = models.JSONField(default=list, blank=True)

    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    deadline = models.DateTimeField(null=True, blank=True)
    seconds_spent = models.PositiveIntegerField(default=0)

    score = models.DecimalField(
        max_digits=2, decimal_places=1, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    score_revision = models.PositiveIntegerField(default=0)
    score_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ticked = models.JSONField(default=list, blank=True)  # indexes into key_points
    # What the scorer said when a mock ended (Suggestion.stored()): its review shows that, not
    # what a later scorer or glossary would say. For a live interview, the raw suggestion for
    # the final answer, kept when the interview ends beside the interviewer's score: the pairs
    # the question's ScoringCalibration is fitted on (``manage.py calibrate --rescore`` renews
    # them after a scorer upgrade).
    suggestion = models.JSONField(null=True, blank=True, editable=False)
    notes = models.TextField(blank=True)
    notes_revision = models.PositiveIntegerField(default=0)

    # Practice review.
    self_rating = models.DecimalField(
        max_digits=2, decimal_places=1, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    redo = models.BooleanField(default=False)

    class Meta:
        ordering = ["interview", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "position"], name="interview_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=5), name="score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.interview_id}#{self.position}"

    @property
    def is_snapshot(self) -> bool:
        return self.snapshot_at is not None

    def key_point_pairs(self) -> list[tuple[str, int]]:
        return [(kp["text"], kp.get("weight", 1)) for kp in self.key_points]

    def remaining_seconds(self, now=None) -> int | None:
        """Seconds until the deadline (negative: overtime), counted on the server.

        While the interview is paused the clock stands still at the moment of the pause.
        """
        if self.deadline is None:
            return None
        now = now or timezone.now()
        if self.interview.paused_at is not None:
            now = self.interview.paused_at
        return int((self.deadline - now).total_seconds())


class Answer(models.Model):
    """The candidate's text for one question; revisions keep late saves from overwriting."""

    interview_question = models.OneToOneField(
        InterviewQuestion, on_delete=models.CASCADE, related_name="answer"
    )
    text = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)  # bumped by the server on every accepted save
    client_id = models.CharField(max_length=40, blank=True)  # the browser tab that wrote last
    client_seq = models.PositiveBigIntegerField(default=0)  # that tab's own save counter
    late_text = models.TextField(blank=True)  # typed after a hard deadline: kept, not scored
    late_at = models.DateTimeField(null=True, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)  # the last accepted save of ``text``
    # The text as it stood when the interviewer last scored it (live interviews): what the score
    # is about. Later saves stay in ``text`` and the scorecard shows them as late edits.
    scored_text = models.TextField(blank=True)
    scored_saved_at = models.DateTimeField(null=True, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)  # None: never scored
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"answer to {self.interview_question_id}"


class RevokedShareLink(models.Model):
    """A share link that was revoked, kept by the hash of its token only: the link answers
    "revoked" (410) instead of "not found", and the token itself is nowhere in the database."""

    token_hash = models.CharField(max_length=64, unique=True)
    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="revoked_share_links"
    )
    revoked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"revoked link of {self.interview_id}"


class BonusAward(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="bonus_awards")
    bonus_point = models.ForeignKey(
        "questionbank.BonusPoint",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    evidence = models.TextField(_("evidence"), blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # In a panel, each member awards on their own scorecard (blind like their scores); None: the
    # interview's own award (a solo interviewer's, or the lead's final decision).
    member = models.ForeignKey(
        "PanelMember", on_delete=models.CASCADE, null=True, blank=True, related_name="awards"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["interview", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "bonus_point"],
                condition=Q(member__isnull=True),
                name="bonus_award_once_per_interview",
            ),
            models.UniqueConstraint(
                fields=["member", "bonus_point"],
                condition=Q(member__isnull=False),
                name="bonus_award_once_per_member",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """A one-time sign-up link for a candidate who has no account yet."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)  # last mailed (interviews.mail)
    # The language its mails are written in (the address has no account, so no language of
    # its own): chosen on the form that sent it; blank for invitations from before.
    language = models.CharField(_("language"), max_length=10, blank=True)

    def __str__(self) -> str:
        return self.email

    def get_absolute_url(self) -> str:
        return reverse("interviews:invitation", args=[self.token])

    @property
    def is_usable(self) -> bool:
        """Unused, unexpired, and the interview still waits for a candidate."""
        interview = self.interview
        return (
            self.accepted_at is None
            and self.expires_at > timezone.now()
            and interview.candidate_id is None
            and not interview.is_finished
        )


class PracticeItem(models.Model):
    """One candidate's spaced-repetition state for one question (SM-2).

    A low score brings the question back soon, a high one later; ``due_at`` says when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_items"
    )
    question = models.ForeignKey(
        "questionbank.Question", on_delete=models.CASCADE, related_name="+"
    )
    repetitions = models.PositiveIntegerField(default=0)
    interval_days = models.PositiveIntegerField(default=0)
    ease = models.FloatField(default=2.5)
    due_at = models.DateTimeField()
    last_score = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_practised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="practice_item_unique"),
        ]
        indexes = [models.Index(fields=["user", "due_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.question_id}"


class ScoringCalibration(models.Model):
    """How the interviewers score one bank question: the suggestion's calibration on their final
    scores (scoring.calibration), refitted when an interview that asked it ends.

    Only final scores count (completed live interviews), and only those that became final after
    ``reset_at``: a curator resets a calibration when the question or its key points changed.
    """

    question = models.OneToOneField(
        "questionbank.Question", on_delete=models.CASCADE, related_name="scoring_calibration"
    )
    fitted = models.JSONField(null=True, blank=True)  # Calibration.as_json(); None: too few scores
    count = models.PositiveIntegerField(default=0)  # final scores since the reset
    fitted_at = models.DateTimeField(null=True, blank=True)
    reset_at = models.DateTimeField(null=True, blank=True)
    reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("scoring calibration")
        verbose_name_plural = _("scoring calibrations")

    def __str__(self) -> str:
        return f"calibration of {self.question_id} on {self.count} scores"


class PanelMember(models.Model):
    """A seat on an interview's panel (interviews.panel). An interview without seats is run and
    scored by its owner alone, as before panels; adding a co-interviewer gives the owner the
    lead's seat. Every seat keeps its own scorecard (MemberScore, BonusAward.member), blind to
    the other seats until both have submitted."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        MEMBER = "member", _("co-interviewer")

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="panel_seats",
    )  # None until the invitation is accepted
    email = models.EmailField(_("email"), blank=True)
    role = models.CharField(max_length=10, choices=Role, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=new_token)  # the invitation link
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)  # the invitation, last mailed
    # The calendar event mailed to this seat (its own UID): the SEQUENCE it was last sent with,
    # None while the seat holds none. Changes of time and cancellations follow it.
    calendar_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The language of the mails to this seat until someone joins (then the member's own):
    # chosen on the form that invited it; blank for seats from before.
    language = models.CharField(_("language"), max_length=10, blank=True)

    # The member's own scorecard: its overall verdict, and when it was submitted (then frozen:
    # corrections are Amendments).
    recommendation = models.CharField(max_length=12, choices=Interview.Recommendation, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["interview", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "user"],
                condition=Q(user__isnull=False),
                name="panel_member_once",
            ),
            models.UniqueConstraint(
                fields=["interview"], condition=Q(role="lead"), name="panel_one_lead"
            ),
        ]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")

    def __str__(self) -> str:
        return f"{self.interview_id}:{self.user_id or self.email}"

    @property
    def is_lead(self) -> bool:
        return self.role == self.Role.LEAD

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def get_invitation_url(self) -> str:
        return reverse("interviews:panel_invitation", args=[self.token])


class MemberScore(models.Model):
    """One panel member's score, ticks and notes for one question (the solo interviewer's are
    on InterviewQuestion). Revisions guard the writes as on InterviewQuestion."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(
        InterviewQuestion, on_delete=models.CASCADE, related_name="member_scores"
    )
    score = models.DecimalField(
        max_digits=2, decimal_places=1, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    score_revision = models.PositiveIntegerField(default=0)
    ticked = models.JSONField(default=list, blank=True)  # indexes into item.key_points
    notes = models.TextField(blank=True)
    notes_revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item", "member"]
        constraints = [
            models.UniqueConstraint(fields=["member", "item"], name="member_score_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=5),
                name="member_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}@{self.item_id}"


class Amendment(models.Model):
    """A correction to a submitted scorecard: the submitted score stays as it was, and every
    page that shows it shows the amendment beside it (who, when, why)."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="amendments")
    item = models.ForeignKey(InterviewQuestion, on_delete=models.CASCADE, related_name="amendments")
    score = models.DecimalField(max_digits=2, decimal_places=1, validators=SCORE_VALIDATORS)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "member", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=5), name="amendment_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"amendment of {self.member_id}@{self.item_id}"
