"""The curators' tools: edit topics, questions, key points and bonus points; import Markdown files.

Editing Markdown in the admin re-renders and re-indexes it (``refresh_derived``); key points a
curator touches become the curator's, so the next import of a changed file keeps them, in
place of the extracted point they replaced.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from questionbank import revisions
from questionbank.exporting import export_topic
from questionbank.importing import forget_choices
from questionbank.models import (
    BonusCategory,
    BonusPoint,
    ContrastEntry,
    Experience,
    GlossaryEntry,
    ImportFile,
    ImportPreview,
    KeyPoint,
    Question,
    Revision,
    Topic,
    TopicNote,
)
from questionbank.readers.base import SHAPE_NAMES
from questionbank.tasks import load_report, queue, retry, stalled

# The uploaded files between the dry-run report and the confirmation: in the database
# (ImportPreview), owned by the curator who uploaded them, for an hour.
PREVIEW_SECONDS = 60 * 60
# While a task runs, its status page reloads itself (a meta refresh: no JavaScript needed).
POLL_SECONDS = 2


MAX_UPLOAD_FILES = 50


class DerivedFieldsMixin:
    """Re-render Markdown and re-index on every admin save."""

    def save_model(self, request, obj, form, change):
        obj.refresh_derived()
        super().save_model(request, obj, form, change)


class ExperienceInline(admin.StackedInline):
    model = Experience
    extra = 0
    fields = ["title", "body_md", "position"]
    classes = ["collapse"]


class TopicNoteInline(admin.StackedInline):
    model = TopicNote
    extra = 0
    fields = ["title", "body_md", "position"]
    classes = ["collapse"]


class BonusCategoryInline(admin.TabularInline):
    model = BonusCategory
    extra = 0
    fields = ["name", "position", "points_link"]
    readonly_fields = ["points_link"]
    show_change_link = True

    @admin.display(description=_("bonus points"))
    def points_link(self, obj):
        return obj.points.count() if obj.pk else "–"


@admin.register(Topic)
class TopicAdmin(DerivedFieldsMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "question_count", "practice_enabled", "archived", "updated_at"]
    list_filter = ["archived", "practice_enabled", "language"]
    list_editable = ["practice_enabled"]
    search_fields = ["title", "slug"]
    readonly_fields = ["source_name", "content_hash", "created_at", "updated_at"]
    fields = [
        "title",
        "slug",
        "background_md",
        "tags",
        "difficulty",
        "language",
        "practice_enabled",
        "archived",
        "source_name",
        "content_hash",
        "created_at",
        "updated_at",
    ]
    inlines = [BonusCategoryInline, ExperienceInline, TopicNoteInline]
    actions = ["archive", "unarchive", "download_markdown"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_questions=Count("questions", filter=Q(questions__archived=False)))
        )

    @admin.display(description=_("questions"), ordering="n_questions")
    def question_count(self, obj):
        return obj.n_questions

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if hasattr(instance, "refresh_derived"):
                instance.refresh_derived()
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revisions.record_topic(
            form.instance, source=Revision.Source.ADMIN, origin="admin: topic", author=request.user
        )

    @admin.action(description=_("Archive the selected topics"), permissions=["change"])
    def archive(self, request, queryset):
        _record_topics(request, queryset, archived=True)
        count = queryset.update(archived=True)
        self.message_user(
            request, ngettext("%d topic archived.", "%d topics archived.", count) % count
        )

    @admin.action(
        description=_("Restore the selected topics from the archive"), permissions=["change"]
    )
    def unarchive(self, request, queryset):
        _record_topics(request, queryset, archived=False)
        count = queryset.update(archived=False)
        self.message_user(
            request, ngettext("%d topic restored.", "%d topics restored.", count) % count
        )

    @admin.action(description=_("Download the selected topic as Markdown"))
    def download_markdown(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one topic to download."), messages.WARNING)
            return None
        topic = queryset.get()
        response = HttpResponse(export_topic(topic), content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"{topic.slug}.md")
        return response

    # Import: upload -> dry-run report -> confirm ------------------------------------------------

    def get_urls(self):
        urls = super().get_urls()
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="questionbank_topic_import",
            ),
            path(
                "import/<str:token>/",
                self.admin_site.admin_view(self.import_status_view),
                name="questionbank_topic_import_status",
            ),
        ]
        return custom + urls

    def _import_context(self, request) -> dict:
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import questions from Markdown"),
            "max_files": MAX_UPLOAD_FILES,
            "max_kb": settings.QUESTIONBANK_MAX_FILE_BYTES // 1024,
        }

    def _own_preview(self, request, token: str) -> ImportPreview | None:
        """The curator's own preview, if it has not expired; another curator's is not found."""
        fresh = timezone.now() - timedelta(seconds=PREVIEW_SECONDS)
        return ImportPreview.objects.filter(
            token=token, owner=request.user, created_at__gte=fresh
        ).first()

    def _expired(self, request):
        messages.error(request, _("This import preview has expired. Upload the files again."))
        return redirect("admin:questionbank_topic_import")

    def import_view(self, request):
        context = self._import_context(request)
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        if request.method == "POST" and "confirm" in request.POST:
            preview = self._own_preview(request, request.POST.get("token", ""))
            # One confirmation per preview, and only of a check that found the files good.
            if preview is None or not self._confirmable(preview):
                return self._expired(request)
            claimed = ImportPreview.objects.filter(
                pk=preview.pk, stage=ImportPreview.Stage.CHECK, status=ImportPreview.Status.DONE
            ).update(
                stage=ImportPreview.Stage.IMPORT, status=ImportPreview.Status.PENDING, task_id=""
            )
            if not claimed:  # a second click of the same confirmation
                return self._expired(request)
            preview.stage = ImportPreview.Stage.IMPORT
            queue(preview)
            return redirect("admin:questionbank_topic_import_status", token=preview.token)
        if request.method == "POST" and "retry" in request.POST:
            preview = self._own_preview(request, request.POST.get("token", ""))
            if preview is None:
                return self._expired(request)
            retry(preview)  # not stalled (any more): the status page says where it stands
            return redirect("admin:questionbank_topic_import_status", token=preview.token)
        if request.method == "POST" and ("choose" in request.POST or "clear" in request.POST):
            return self._choose_reading(request)

        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                # Autocommit: the rows are saved before the worker can look for them.
                ImportPreview.objects.filter(
                    created_at__lt=timezone.now() - timedelta(seconds=PREVIEW_SECONDS)
                ).delete()
                preview = ImportPreview.objects.create(
                    token=secrets.token_urlsafe(16), owner=request.user
                )
                ImportFile.objects.bulk_create(
                    ImportFile(preview=preview, position=n, name=f.name, data=f.read())
                    for n, f in enumerate(form.cleaned_data["files"])
                )
                queue(preview)
                return redirect("admin:questionbank_topic_import_status", token=preview.token)
        else:
            form = ImportForm()
        context["form"] = form
        return TemplateResponse(request, "admin/questionbank/topic/import.html", context)

    def _choose_reading(self, request):
        """Check one file of a preview again, read as the curator chose ("choose": one of the
        readings a file refused for its shape offers) or as the importer decides ("clear": the
        reading chosen here, and the one remembered for the file's name, are forgotten)."""
        preview = self._own_preview(request, request.POST.get("token", ""))
        if preview is None:
            return self._expired(request)
        shape = request.POST.get("shape", "") if "choose" in request.POST else ""
        if "choose" in request.POST and shape not in SHAPE_NAMES:
            return HttpResponseBadRequest(_("Unknown reading."))
        file = preview.files.filter(position=_position(request.POST.get("file"))).first()
        if file is None:
            return HttpResponseBadRequest(_("No such file in this preview."))
        # Only a finished check is checked again: not one under way, nor a confirmed import.
        claimed = ImportPreview.objects.filter(
            pk=preview.pk, stage=ImportPreview.Stage.CHECK, status=ImportPreview.Status.DONE
        ).update(status=ImportPreview.Status.PENDING, report=None, started_at=None, task_id="")
        if claimed:
            # "Undo" drops the reading chosen in this preview; with none chosen here, what
            # was shown and is forgotten is the one remembered for the file's name.
            if not shape and not file.shape:
                forget_choices([file.name])
            file.shape = shape
            file.save(update_fields=["shape"])
            queue(preview)
        return redirect("admin:questionbank_topic_import_status", token=preview.token)

    @staticmethod
    def _confirmable(preview: ImportPreview) -> bool:
        checked = (ImportPreview.Stage.CHECK, ImportPreview.Status.DONE)
        if (preview.stage, preview.status) != checked:
            return False
        report = load_report(preview)
        return report is not None and report.ok

    def import_status_view(self, request, token: str):
        """Where a check or an import stands; when done, the preview or the import's outcome."""
        context = self._import_context(request)
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        preview = self._own_preview(request, token)
        if preview is None:
            return self._expired(request)
        context.update(form=ImportForm(), preview=preview)
        if stalled(preview):
            context["stalled"] = True
            return TemplateResponse(request, "admin/questionbank/topic/import.html", context)
        if preview.status in (ImportPreview.Status.PENDING, ImportPreview.Status.RUNNING):
            context.update(waiting=True, poll_seconds=POLL_SECONDS)
            return TemplateResponse(request, "admin/questionbank/topic/import.html", context)
        report = load_report(preview)
        if preview.status == ImportPreview.Status.FAILED or report is None:
            context["broken"] = True
            return TemplateResponse(request, "admin/questionbank/topic/import.html", context)
        context["report"] = report
        if preview.stage == ImportPreview.Stage.CHECK:
            if report.ok:
                context["token"] = preview.token
            return TemplateResponse(request, "admin/questionbank/topic/import.html", context)
        if report.ok and report.written:
            preview.delete()  # imported: the message is shown once, the files are not kept
            totals = _totals(report)
            messages.success(
                request,
                ngettext(
                    "Imported %(files)d file: %(created)d questions created, "
                    "%(updated)d updated, %(unchanged)d unchanged, %(archived)d archived.",
                    "Imported %(files)d files: %(created)d questions created, "
                    "%(updated)d updated, %(unchanged)d unchanged, %(archived)d archived.",
                    totals["files"],
                )
                % totals,
            )
            return redirect("admin:questionbank_topic_changelist")
        context["failed"] = True
        return TemplateResponse(request, "admin/questionbank/topic/import.html", context)


def _position(value: str | None) -> int:
    """A file's position in a preview as posted; -1 (no file) for anything else, huge numbers
    included (the database's integer would overflow)."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 4 else -1


def _record_topics(request, queryset, *, archived: bool) -> None:
    """The history of an archive action: a revision of each topic it changes."""
    for topic in queryset:
        if topic.archived != archived:
            topic.archived = archived
            revisions.record_topic(
                topic, source=Revision.Source.ADMIN, origin="admin: topics", author=request.user
            )


def _totals(report) -> dict:
    totals = {"files": len(report.files), "created": 0, "updated": 0, "unchanged": 0, "archived": 0}
    for file_report in report.files:
        for key, value in file_report.summary.as_dict().items():
            totals[key] += value
    return totals


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".md,.markdown,text/markdown"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        items = list(data) if isinstance(data, (list, tuple)) else [data]
        items = [item for item in items if item]
        if not items:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [single(item, initial) for item in items]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Markdown files"),
        help_text=_("One topic per file. Nothing is written until you confirm the preview."),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_UPLOAD_FILES:
            raise forms.ValidationError(
                _("Upload at most %(max)d files at a time.") % {"max": MAX_UPLOAD_FILES}
            )
        # Refused here, before a byte of it is stored (the importer refuses it anyway).
        limit = settings.QUESTIONBANK_MAX_FILE_BYTES
        too_big = [f.name for f in files if f.size > limit]
        if too_big:
            raise forms.ValidationError(
                _("%(files)s: over %(kb)d KB, the most a file may hold.")
                % {"files": ", ".join(too_big), "kb": limit // 1024}
            )
        return files


class KeyPointInline(admin.TabularInline):
    model = KeyPoint
    extra = 1
    fields = ["position", "text", "weight", "source", "replaces"]
    readonly_fields = ["source", "replaces"]
    ordering = ["position", "id"]


@admin.register(Question)
class QuestionAdmin(DerivedFieldsMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "group",
        "short_text",
        "key_point_count",
        "calibrated_on",
        "archived",
        "updated_at",
    ]
    list_filter = ["archived", "topic", "group"]
    list_select_related = ["topic", "scoring_calibration"]
    actions = ["reset_scoring_calibration"]
    search_fields = ["text", "group", "answer_title", "topic__title"]
    fields = [
        "topic",
        "number",
        "group",
        "text",
        "follow_ups",
        "answer_title",
        "answer_md",
        "archived",
    ]
    inlines = [KeyPointInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_key_points=Count("key_points"))

    @admin.display(description=_("question"))
    def short_text(self, obj):
        return obj.text[:80]

    @admin.display(description=_("key points"), ordering="n_key_points")
    def key_point_count(self, obj):
        return obj.n_key_points

    @admin.display(description=_("suggestion calibrated on"))
    def calibrated_on(self, obj):
        """Interviewers' final scores behind the calibration, counted since the last reset."""
        calibration = getattr(obj, "scoring_calibration", None)
        if calibration is None or calibration.fitted is None:
            return "–"
        return ngettext("%(n)d score", "%(n)d scores", calibration.count) % {"n": calibration.count}

    @admin.action(description=_("Reset scoring calibration"), permissions=["change"])
    def reset_scoring_calibration(self, request, queryset):
        """After a confirmation page: the suggestions are raw again, and only scores given from
        now on count toward the next calibration (the question or its key points changed)."""
        from interviews import calibration  # the bank does not need interviews to load

        questions = list(queryset.select_related("topic", "scoring_calibration"))
        if request.POST.get("confirmed") != "yes":
            return TemplateResponse(
                request,
                "admin/questionbank/question/reset_calibration.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Reset scoring calibration"),
                    "opts": self.model._meta,
                    "questions": questions,
                    "action_checkbox_name": ACTION_CHECKBOX_NAME,
                },
            )
        calibration.reset([question.pk for question in questions], user=request.user)
        self.message_user(
            request,
            ngettext(
                "The scoring calibration of %(n)d question was reset.",
                "The scoring calibrations of %(n)d questions were reset.",
                len(questions),
            )
            % {"n": len(questions)},
            messages.SUCCESS,
        )
        return None

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        originals = KeyPoint.objects.in_bulk(
            [i.pk for i in instances if isinstance(i, KeyPoint) and i.pk]
        )
        for instance in instances:
            if isinstance(instance, KeyPoint):
                instance.take_over(originals.get(instance.pk))
            instance.save()
        dropped = []
        for obj in formset.deleted_objects:
            if isinstance(obj, KeyPoint):  # an extracted point deleted stays deleted on re-import
                dropped.append(obj.text if obj.source != KeyPoint.Source.CURATOR else obj.replaces)
            obj.delete()
        formset.save_m2m()
        question = form.instance
        new = [t for t in dropped if t and t not in question.dropped_key_points]
        if new:
            question.dropped_key_points = [*question.dropped_key_points, *new]
            question.save(update_fields=["dropped_key_points"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revisions.record_question(
            form.instance,
            source=Revision.Source.ADMIN,
            origin="admin: question",
            author=request.user,
        )


class BonusPointInline(admin.TabularInline):
    model = BonusPoint
    extra = 1
    fields = ["position", "text"]


@admin.register(BonusCategory)
class BonusCategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "topic", "position"]
    list_filter = ["topic"]
    list_select_related = ["topic"]
    inlines = [BonusPointInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revisions.record_topic(
            form.instance.topic,
            source=Revision.Source.ADMIN,
            origin="admin: bonus points",
            author=request.user,
        )


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(admin.ModelAdmin):
    list_display = ["names", "note", "updated_at"]
    search_fields = ["names", "note"]


@admin.register(ContrastEntry)
class ContrastEntryAdmin(admin.ModelAdmin):
    list_display = ["alternatives", "action", "note", "updated_at"]
    list_filter = ["action"]
    search_fields = ["alternatives", "note"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "alternatives":  # a group with its names is a long line
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)
