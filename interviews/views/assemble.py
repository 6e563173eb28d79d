"""The interviewer's list of sessions, and assembling one: settings, questions, templates."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import languages
from config.htmx import partial_for
from config.params import INTEGER_MAX, whole_number
from interviews import assembly, live, mail
from interviews.access import (
    get_interview_for_interviewer,
    get_interview_for_panel,
    get_interview_question,
    get_template_for_user,
    interviews_for_panel,
    require_interviewer,
)
from interviews.forms import InterviewForm, MemberForm, TemplateForm
from interviews.live import InvalidTransition
from interviews.models import Interview, InterviewTemplate, PanelMember
from questionbank.access import topics_for_user
from questionbank.models import Question
from questionbank.search import clean_query, search_questions


@require_GET
def index(request):
    everything = list(
        interviews_for_panel(request)
        .select_related("candidate", "owner")
        .annotate(n_questions=Count("questions"))
        .order_by("-created_at")
    )
    sessions = [s for s in everything if not s.on_panel]  # the ones I run
    groups = [
        (_("Running now"), [s for s in sessions if s.status == Interview.Status.LIVE]),
        (_("On a panel"), [s for s in everything if s.on_panel]),
        (_("Scheduled"), [s for s in sessions if s.status == Interview.Status.SCHEDULED]),
        (_("Drafts"), [s for s in sessions if s.status == Interview.Status.DRAFT]),
        (_("Finished"), [s for s in sessions if s.is_finished]),
    ]
    templates = InterviewTemplate.objects.filter(owner=request.user).annotate(n=Count("items"))
    return TemplateResponse(
        request,
        "interviews/index.html",
        {"groups": groups, "templates": templates, "has_sessions": bool(everything)},
    )


@require_http_methods(["GET", "POST"])
def new(request):
    require_interviewer(request)
    template = None
    if template_id := request.GET.get("template") or request.POST.get("template"):
        try:
            template = get_template_for_user(request, int(template_id))
        except (TypeError, ValueError):
            return HttpResponseBadRequest()
    draft = Interview(owner=request.user, default_time_limit=_default_limit(template))
    form = InterviewForm(request.POST or None, instance=draft, initial=_initial(template))
    if request.method == "POST" and form.is_valid():
        interview = assembly.create_interview(
            owner=request.user,
            title=form.cleaned_data["title"],
            default_time_limit=form.cleaned_data["minutes"] * 60,
            candidate=form.cleaned_data["candidate"],
            scheduled_at=form.cleaned_data["scheduled_at"],
            template=template,
        )
        if email := form.cleaned_data["candidate_email"]:
            _invite_and_mail(request, interview, email, form.cleaned_data["invitation_language"])
        return redirect("interviews:edit", interview.pk)
    return TemplateResponse(request, "interviews/new.html", {"form": form, "template": template})


def _default_limit(template) -> int:
    from django.conf import settings

    return template.default_time_limit if template else settings.INTERVIEW_DEFAULT_TIME_LIMIT


def _initial(template) -> dict:
    return {"title": template.title} if template else {}


def _edit_context(request, interview: Interview, **extra) -> dict:
    items = list(interview.questions.select_related("question__topic").order_by("position"))
    invitation = interview.invitations.filter(accepted_at=None).order_by("-created_at").first()
    topics = (
        topics_for_user(request)
        .filter(archived=False)
        .annotate(n=Count("questions", filter=Q(questions__archived=False)))
    )
    return {
        "interview": interview,
        "items": items,
        "chosen": {item.question_id for item in items},
        "invitation": invitation,
        "invitation_url": request.build_absolute_uri(invitation.get_absolute_url())
        if invitation
        else "",
        "topics": topics,
        "template_form": TemplateForm(initial={"title": interview.title}),
        "member_form": MemberForm(),
        "panel": _panel(request, interview),
        **extra,
    }


def _panel(request, interview: Interview, *, links: bool = True) -> list[PanelMember]:
    """The seats, lead first; for the lead (``links``), each unjoined seat's join link to pass
    on by hand (one query)."""
    seats = list(interview.panel.select_related("user").order_by("role", "created_at", "pk"))
    for seat in seats:
        unjoined = links and seat.user_id is None
        seat.link = request.build_absolute_uri(seat.get_invitation_url()) if unjoined else ""
    return seats


@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    if not interview.is_editable:
        return redirect("interviews:detail", pk)
    form = InterviewForm(request.POST or None, instance=interview)
    was_at = interview.scheduled_at
    if request.method == "POST" and form.is_valid():
        try:
            assembly.update_details(form.save(commit=False))
        except InvalidTransition as exc:  # it started meanwhile
            messages.error(request, str(exc))
            return redirect("interviews:detail", pk)
        if email := form.cleaned_data["candidate_email"]:
            _invite_and_mail(request, interview, email, form.cleaned_data["invitation_language"])
        else:
            if interview.candidate_id is not None:
                interview.invitations.filter(accepted_at=None).delete()  # a candidate was chosen
                if interview.calendar_sent_to and interview.calendar_sent_to != (
                    interview.candidate.email
                ):  # the event went to someone else: take it back from their calendar
                    mail.send_cancelled(interview, link=_candidate_link(request, interview))
                    mail.forget_calendar(interview)
            if interview.scheduled_at != was_at and interview.calendar_sent_to:
                _report_mail(
                    request,
                    mail.send_time_changed(interview, link=_candidate_link(request, interview)),
                    _("The candidate was mailed the new time (an updated calendar event)."),
                )
        if interview.scheduled_at != was_at:
            _mail_panel(
                request,
                interview,
                kind=mail.UPDATE,
                done=_("The co-interviewers were mailed the new time."),
            )
        live.bump(interview, candidate=True)
        messages.success(request, _("Saved."))
        return redirect("interviews:edit", pk)
    return TemplateResponse(
        request, "interviews/edit.html", _edit_context(request, interview, form=form)
    )


def _questions_response(request, interview: Interview, *, error: str = ""):
    """The question list after a change: the partial for htmx, the edit page otherwise."""
    if request.htmx:
        context = _edit_context(request, interview, error=error)
        response = TemplateResponse(request, "interviews/edit.html#questions", context)
        if error:  # the list shows the reason; the page's script must not mark the button done
            response["X-Refused"] = "1"
        return response
    if error:
        messages.error(request, error)
    return redirect("interviews:edit", interview.pk)


def _change(request, interview: Interview, change):
    """Apply ``change()`` to the questions; the list after it, with the reason if refused."""
    try:
        change()
    except InvalidTransition as exc:
        return _questions_response(request, interview, error=str(exc))
    return _questions_response(request, interview)


@require_POST
def add_question(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    in_bank = Question.objects.filter(
        archived=False, topic__in=topics_for_user(request).filter(archived=False)
    )
    try:
        question = in_bank.get(pk=whole_number(request.POST.get("question")))
    except (Question.DoesNotExist, ValueError):
        return _questions_response(request, interview, error=_("That question is not in the bank."))
    return _change(request, interview, lambda: assembly.add_question(interview, question))


@require_POST
def remove_question(request, pk: int, item: int):
    interview = get_interview_for_interviewer(request, pk)
    target = get_interview_question(interview, item)
    return _change(request, interview, lambda: assembly.remove_question(target))


@require_POST
def move_question(request, pk: int, item: int):
    interview = get_interview_for_interviewer(request, pk)
    target = get_interview_question(interview, item)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        position = target.position + (-1 if direction == "up" else 1)
    else:
        try:
            position = whole_number(request.POST.get("position"), maximum=INTEGER_MAX)
        except ValueError:
            return HttpResponseBadRequest()
    return _change(request, interview, lambda: assembly.move_question(target, position))


@require_POST
def reorder(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    try:
        ids = [int(value) for value in request.POST.getlist("item")]
    except ValueError:
        return HttpResponseBadRequest()
    return _change(request, interview, lambda: assembly.reorder(interview, ids))


@require_POST
def set_time(request, pk: int, item: int):
    interview = get_interview_for_interviewer(request, pk)
    target = get_interview_question(interview, item)
    try:
        seconds = round(float(request.POST.get("minutes", "")) * 60)
    except (ValueError, OverflowError):  # not a number, NaN, or infinity
        return _questions_response(
            request, interview, error=_("Give the time in minutes, e.g. 5 or 7.5.")
        )
    return _change(request, interview, lambda: assembly.set_time_limit(target, seconds))


def _candidate_link(request, interview: Interview) -> str:
    """The link a mail gives the candidate: the pending sign-up link, else their page."""
    invitation = interview.invitations.filter(accepted_at=None).order_by("-created_at").first()
    path = (
        invitation.get_absolute_url()
        if invitation is not None
        else reverse("interviews:take", args=[interview.pk])
    )
    return request.build_absolute_uri(path)


def _report_mail(request, sent: bool | None, done: str) -> None:
    """Tell the interviewer what became of a mail (``None``: there was nobody to mail)."""
    if sent:
        messages.info(request, done)
    elif sent is False:
        messages.warning(
            request,
            _("The mail to the candidate could not be sent. Pass the link on by hand."),
        )


def seat_link(request, member: PanelMember) -> str:
    """Where a co-interviewer's mail points: the interview once they joined, else their link."""
    if member.user_id is not None:
        return request.build_absolute_uri(reverse("interviews:detail", args=[member.interview_id]))
    return request.build_absolute_uri(member.get_invitation_url())


def _mail_panel(request, interview: Interview, *, kind: str, done: str) -> None:
    """Keep the co-interviewers' calendar events with the interview, and say what was mailed."""
    sent, failed = mail.send_panel_calendar(
        interview, kind=kind, link_for=lambda member: seat_link(request, member)
    )
    if sent:
        messages.info(request, done)
    if failed:
        messages.warning(
            request,
            ngettext(
                "%(count)d mail to a co-interviewer could not be sent.",
                "%(count)d mails to co-interviewers could not be sent.",
                failed,
            )
            % {"count": failed},
        )


def _invite_and_mail(request, interview: Interview, email: str, language: str) -> None:
    invitation = assembly.invite(
        interview, email=email, by=request.user, language=language or languages.current()
    )
    sent = mail.send_invitation(
        invitation, link=request.build_absolute_uri(invitation.get_absolute_url())
    )
    _report_mail(request, sent, _("The invitation was mailed to %(email)s.") % {"email": email})


@require_POST
def send_invitation(request, pk: int):
    """Mail the pending invitation again (after a mail that could not be sent, or was lost)."""
    interview = get_interview_for_interviewer(request, pk)
    invitation = interview.invitations.filter(accepted_at=None).order_by("-created_at").first()
    if invitation is None or not interview.is_editable:
        messages.error(request, _("There is no invitation waiting to be used."))
        return redirect("interviews:detail", pk)
    sent = mail.send_invitation(
        invitation, link=request.build_absolute_uri(invitation.get_absolute_url())
    )
    _report_mail(
        request, sent, _("The invitation was mailed to %(email)s.") % {"email": invitation.email}
    )
    return redirect("interviews:edit", pk)


@require_GET
def bank(request, pk: int):
    """Bank questions to add: a search, or one topic's questions."""
    interview = get_interview_for_interviewer(request, pk)
    query = clean_query(request.GET.get("q", ""))
    topics = topics_for_user(request).filter(archived=False)
    topic = topics.filter(slug=request.GET.get("topic", "")).first()
    if query:
        questions = [
            hit.question for hit in search_questions(query, topic_id=topic.pk if topic else None)
        ]
    elif topic is not None:
        questions = list(topic.questions.filter(archived=False).select_related("topic"))
    else:
        questions = []
    results = {
        "results": questions,
        "query": query,
        "topic": topic,
        "searched": bool(query or topic),
    }
    template = partial_for(request, "interviews/edit.html", "bank-results")
    if template.endswith("#bank-results"):  # htmx: the results alone
        chosen = set(interview.questions.values_list("question_id", flat=True))
        context = {"interview": interview, "chosen": chosen, **results}
    else:  # the search button without JavaScript: the whole edit page, its form included
        form = InterviewForm(instance=interview)
        context = {**_edit_context(request, interview, form=form), **results}
    return TemplateResponse(request, template, context)


@require_POST
def save_template(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    form = TemplateForm(request.POST)
    if not form.is_valid() or not interview.questions.exists():
        messages.error(request, _("Give the template a name, and add questions first."))
    else:
        assembly.save_as_template(interview, title=form.cleaned_data["title"], owner=request.user)
        messages.success(
            request,
            _("Saved as the template “%(title)s”.") % {"title": form.cleaned_data["title"]},
        )
    return redirect("interviews:edit", pk)


@require_POST
def schedule(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    if interview.scheduled_at is None:
        messages.error(request, _("Set a date and time first, then schedule."))
        return redirect("interviews:edit", pk)
    if interview.candidate is None and not interview.invitations.filter(accepted_at=None).exists():
        messages.error(request, _("Choose a candidate or invite one by email first."))
        return redirect("interviews:edit", pk)
    if interview.scheduled_at < timezone.now():
        messages.error(request, _("The time set has passed: set a new one, then schedule."))
        return redirect("interviews:edit", pk)
    try:
        assembly.schedule(interview, at=interview.scheduled_at)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
        return redirect("interviews:edit", pk)
    messages.success(request, _("Scheduled. The candidate's page will open when you start."))
    _report_mail(
        request,
        mail.send_scheduled(interview, link=_candidate_link(request, interview)),
        _("The candidate was mailed a calendar event for it."),
    )
    _mail_panel(
        request,
        interview,
        kind=mail.SCHEDULED,
        done=_("The co-interviewers were mailed a calendar event for it."),
    )
    return redirect("interviews:detail", pk)


@require_POST
def start(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    try:
        live.start(interview)
    except InvalidTransition as exc:
        messages.error(request, str(exc))
        return redirect("interviews:edit" if interview.is_editable else "interviews:detail", pk)
    return redirect("interviews:live", pk)


@require_http_methods(["GET", "POST"])
def cancel(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    if interview.is_finished:
        return redirect("interviews:detail", pk)
    if request.method == "POST":
        try:
            live.cancel(interview)
        except InvalidTransition:  # it ended meanwhile
            return redirect("interviews:detail", pk)
        messages.success(request, _("The interview was cancelled."))
        _report_mail(
            request,
            mail.send_cancelled(interview, link=_candidate_link(request, interview)),
            _("The candidate was mailed the cancellation for their calendar."),
        )
        _mail_panel(
            request,
            interview,
            kind=mail.CANCEL,
            done=_("The co-interviewers were mailed the cancellation."),
        )
        return redirect("interviews:index")
    return _confirm(
        request,
        interview=interview,
        title=_("Cancel this interview?"),
        message=_(
            "The candidate's page will say it was cancelled. Answers and scores so far are kept."
        ),
        action=reverse("interviews:cancel", args=[pk]),
        confirm=_("Cancel the interview"),
    )


def _confirm(request, *, title: str, message: str, action: str, confirm: str, interview=None):
    """The page that asks before something that cannot be undone; it posts to ``action``."""
    context = {"title": title, "message": message, "action": action, "confirm": confirm}
    return TemplateResponse(request, "interviews/confirm.html", {"interview": interview, **context})


@require_http_methods(["GET", "POST"])
def delete(request, pk: int):
    interview = get_interview_for_interviewer(request, pk)
    if interview.status != Interview.Status.DRAFT:
        messages.error(request, _("Only drafts can be deleted; cancel it instead."))
        return redirect("interviews:detail", pk)
    if request.method == "POST":
        try:
            assembly.delete_draft(interview)
        except InvalidTransition as exc:  # it started meanwhile
            messages.error(request, str(exc))
            return redirect("interviews:detail", pk)
        messages.success(request, _("The draft was deleted."))
        return redirect("interviews:index")
    return _confirm(
        request,
        interview=interview,
        title=_("Delete this draft?"),
        message=_("Its question list is lost. This cannot be undone."),
        action=reverse("interviews:delete", args=[pk]),
        confirm=_("Delete the draft"),
    )


@require_GET
def detail(request, pk: int):
    interview, seat = get_interview_for_panel(request, pk)
    runs_it = interview.owner_id == request.user.pk or request.user.is_superuser
    if not runs_it and interview.status == Interview.Status.COMPLETED:
        return redirect("interviews:panel_scorecard", pk)  # the report is the lead's
    if not runs_it and not interview.is_live:
        # A co-interviewer before the start (or after a cancel): the interview and its panel,
        # nothing to edit.
        seats = _panel(request, interview, links=False)
        context = {"interview": interview, "seat": seat, "panel": seats}
        return TemplateResponse(request, "interviews/panel_detail.html", context)
    if interview.is_editable:
        return redirect("interviews:edit", pk)
    if interview.is_live:
        return redirect("interviews:live", pk)
    return redirect("interviews:report", pk)


@require_http_methods(["GET", "POST"])
def delete_template(request, pk: int):
    template = get_template_for_user(request, pk)
    if request.method == "POST":
        template.delete()
        messages.success(request, _("The template was deleted."))
        return redirect("interviews:index")
    return _confirm(
        request,
        title=_("Delete the template “%(title)s”?") % {"title": template.title},
        message=_("Sessions started from it keep their questions."),
        action=reverse("interviews:delete_template", args=[pk]),
        confirm=_("Delete the template"),
    )
