from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from questionbank import rendering, search_text


class Topic(models.Model):
    """One imported Markdown file: a subject with numbered questions and their standard answers."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    title = models.CharField(_("title"), max_length=200)
    background_md = models.TextField(_("background"), blank=True)
    background_html = models.TextField(editable=False, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    difficulty = models.CharField(_("difficulty"), max_length=30, blank=True)
    language = models.CharField(
        _("heading language"),
        max_length=2,
        default="zh",
        choices=[("zh", "中文"), ("en", "English")],
        help_text=_("The heading vocabulary export_questions writes."),
    )
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    # Hashes of what the last import wrote for each part (title and background, bonus points,
    # experience, notes): a re-import rewrites only the parts its file changed, so a curator's
    # edit of the others survives.
    part_hashes = models.JSONField(default=dict, blank=True, editable=False)
    archived = models.BooleanField(_("archived"), default=False)
    practice_enabled = models.BooleanField(
        _("open for practice"),
        default=True,
        help_text=_("Untick to keep this topic for real interviews only."),
    )
    # Its live questions, and those of them without a standard answer: the bank's list filters
    # and sorts on these rather than counting 100,000 questions per request. Kept right by
    # questionbank.topic_counts (imports, saves and deletes of questions).
    question_count = models.PositiveIntegerField(_("questions"), default=0, editable=False)
    unanswered_count = models.PositiveIntegerField(
        _("unanswered questions"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        # The bank's list pages through topics by title or by date (questionbank/topic_list.py).
        # Live topics are counted, and filtered by tag, from this index alone, without reading
        # their rows (backgrounds are long); tags are short.
        indexes = [
            models.Index(fields=["archived", "title", "id", "tags"], name="topic_live_title_idx"),
            models.Index(fields=["title", "id"], name="topic_title_idx"),
            models.Index(fields=["created_at", "id"], name="topic_created_idx"),
            models.Index(fields=["archived", "created_at", "id"], name="topic_live_created_idx"),
            # Most questions first, and topics with unanswered questions (few: a partial index).
            models.Index(
                fields=["archived", "-question_count", "title", "id"],
                name="topic_live_questions_idx",
            ),
            models.Index(fields=["-question_count", "title", "id"], name="topic_questions_idx"),
            # Its own condition's column too: without it SQLite reads each row to check it.
            models.Index(
                fields=["archived", "title", "id", "tags", "unanswered_count"],
                condition=Q(unanswered_count__gt=0),
                name="topic_unanswered_idx",
            ),
        ]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("questionbank:topic", args=[self.slug])

    def refresh_derived(self) -> None:
        self.background_html = rendering.render_markdown(self.background_md)


class Question(models.Model):
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="questions", verbose_name=_("topic")
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("question"))
    text_html = models.TextField(editable=False, blank=True)
    answer_title = models.CharField(_("answer title"), max_length=300, blank=True)
    answer_md = models.TextField(_("standard answer"), blank=True)
    answer_html = models.TextField(editable=False, blank=True)
    answer_plain = models.TextField(editable=False, blank=True)
    follow_ups = models.JSONField(_("follow-up questions"), default=list, blank=True)
    # The section of the file the question stands under ("Docker", "一、基础"); "" when none.
    group = models.CharField(_("group"), max_length=200, blank=True)
    archived = models.BooleanField(
        _("archived"), default=False, help_text=_("Gone from the latest import; kept for sessions.")
    )
    # What the last import wrote, so an unchanged question is left alone (and a curator's fix too).
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The same per part (text, answer, key points, follow-ups, group): a re-import rewrites only
    # the parts its file changed, and its preview says which.
    part_hashes = models.JSONField(default=dict, blank=True, editable=False)
    # Words segmented with rjieba, indexed by FTS5 (SQLite) or a GIN tsvector (PostgreSQL).
    text_plain = models.TextField(editable=False, blank=True)  # the question without markup
    search_question = models.TextField(editable=False, blank=True)
    search_answer = models.TextField(editable=False, blank=True)
    # Extracted key points a curator deleted: a re-import does not bring them back.
    dropped_key_points = models.JSONField(default=list, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["topic", "number"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="question_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="question_number_positive"),
        ]
        # The bank's topic list (questionbank/topic_list.py): counts of live questions per topic
        # from the index alone, topics by group, topics with unanswered questions (a small
        # partial index: answers are long, and few are missing).
        indexes = [
            models.Index(fields=["topic", "archived"], name="question_topic_live_idx"),
            models.Index(fields=["group", "topic"], name="question_group_idx"),
            models.Index(
                fields=["topic"],
                condition=Q(answer_md="", archived=False),
                name="question_unanswered_idx",
            ),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.topic.slug} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("questionbank:question", args=[self.topic.slug, self.number])

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        # The topic it was read in: a save that moves it recounts both (topic_counts).
        instance._loaded_topic_id = instance.__dict__.get("topic_id")
        return instance

    @property
    def has_answer(self) -> bool:
        return bool(self.answer_md.strip())

    def refresh_derived(self) -> None:
        """Re-render and re-index after an edit of the Markdown (the importer does both itself)."""
        self.text_html = rendering.render_markdown(self.text)
        self.answer_html = rendering.render_markdown(self.answer_md)
        self.answer_plain = search_text.markdown_plain(self.answer_md)
        self.index_text()

    def index_text(self) -> None:
        """The plain question text and both search columns, from the text and answer."""
        self.text_plain = search_text.markdown_plain(self.text)
        self.search_question = search_text.segment(f"{self.group}\n{self.text_plain}")
        self.search_answer = search_text.segment(f"{self.answer_title}\n{self.answer_plain}")


class KeyPoint(models.Model):
    class Source(models.TextChoices):
        AUTO = "auto", _("extracted from the answer")
        FILE = "file", _("listed in the file")
        CURATOR = "curator", _("edited by a curator")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="key_points")
    text = models.CharField(_("key point"), max_length=300)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("1 to 10: how much this point counts.")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    # A re-import replaces what it extracted, and keeps what a curator wrote.
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.CURATOR)
    # The extracted point a curator's edit took the place of: a re-import that extracts it again
    # does not add it back next to the edit.
    replaces = models.CharField(_("in place of"), max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=10), name="keypoint_weight_range"
            ),
        ]
        verbose_name = _("key point")
        verbose_name_plural = _("key points")

    def __str__(self) -> str:
        return self.text

    def take_over(self, original: KeyPoint | None) -> None:
        """Make this point the curator's; an edited extracted point remembers what it replaced."""
        if original is not None and original.source != self.Source.CURATOR:
            self.replaces = original.text
        elif original is not None:
            self.replaces = original.replaces
        self.source = self.Source.CURATOR


class BonusCategory(models.Model):
    """A group of senior-level extra credit ("阿里 P7 加分项"): 架构设计能力, 深度理解, ..."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="bonus_categories", verbose_name=_("topic")
    )
    name = models.CharField(_("category"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["topic", "position", "id"]
        verbose_name = _("bonus category")
        verbose_name_plural = _("bonus categories")

    def __str__(self) -> str:
        return self.name or str(_("Bonus points"))


class BonusPoint(models.Model):
    category = models.ForeignKey(
        BonusCategory, on_delete=models.CASCADE, related_name="points", verbose_name=_("category")
    )
    text = models.TextField(_("bonus point"))
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["category", "position", "id"]
        verbose_name = _("bonus point")
        verbose_name_plural = _("bonus points")

    def __str__(self) -> str:
        return self.text


class TopicSection(models.Model):
    title = models.CharField(_("title"), max_length=200)
    body_md = models.TextField(_("text"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["topic", "position", "id"]

    def __str__(self) -> str:
        return self.title

    def refresh_derived(self) -> None:
        self.body_html = rendering.render_markdown(self.body_md)


class Experience(TopicSection):
    """A real-world project scenario ("实际项目经验"), material for follow-up questions."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="experiences")

    class Meta(TopicSection.Meta):
        verbose_name = _("project experience")
        verbose_name_plural = _("project experience")


class TopicNote(TopicSection):
    """Any other section of the file: 追问方向, 常见错误, 易错点, best practices."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="notes")

    class Meta(TopicSection.Meta):
        verbose_name = _("note")
        verbose_name_plural = _("notes")


def _names(text: str) -> list[str]:
    """The names in "a | b | c", each on one line with single spaces, empty ones dropped."""
    return [" ".join(name.split()) for name in text.split("|") if name.strip()]


class ScoringEntry(models.Model):
    """A curator's addition to what answer scoring knows (the glossary, the contrasts)."""

    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class GlossaryEntry(ScoringEntry):
    """Names of one concept that answer scoring treats as the same (服务发现 | service discovery).

    Extends the built-in glossary (scoring/glossary.txt).
    """

    names = models.CharField(
        _("names"),
        max_length=500,
        help_text=_(
            "Two or more names of the same thing, separated by |, e.g. 服务发现 | service discovery"
        ),
    )

    class Meta:
        ordering = ["names"]
        verbose_name = _("glossary entry")
        verbose_name_plural = _("glossary entries")

    def __str__(self) -> str:
        return self.names

    def clean(self) -> None:
        names = _names(self.names)
        if len(names) < 2:
            raise ValidationError(
                {
                    "names": _(
                        "Give at least two names separated by |, e.g. 服务发现 | service discovery."
                    )
                }
            )
        self.names = " | ".join(names)


class ContrastEntry(ScoringEntry):
    """Alternatives that exclude each other (pull | 拉取 / push | 推送): an answer that ties a
    term to another one than the standard answer does contradicts it. Adds a group to the
    built-in ones (scoring/contrasts.txt), or switches off the built-in groups naming these
    names."""

    class Action(models.TextChoices):
        ADD = "add", _("add this group")
        OFF = "off", _("switch off the built-in groups that name these")

    alternatives = models.CharField(
        _("alternatives"),
        max_length=1000,
        help_text=_(
            "Alternatives separated by /, the names of each by |, e.g. pull | 拉取 / push | 推送. "
            "To switch groups off, one name is enough."
        ),
    )
    action = models.CharField(_("action"), max_length=3, choices=Action, default=Action.ADD)

    class Meta:
        ordering = ["alternatives"]
        verbose_name = _("contrast")
        verbose_name_plural = _("contrasts")

    def __str__(self) -> str:
        return self.alternatives

    def groups(self) -> list[list[str]]:
        """The names of each alternative, none empty. Alternatives are split at " / " when
        there is one (names such as http/2 keep their slash), else at every "/"."""
        text = self.alternatives
        whole = " / " in text or self.action == self.Action.OFF  # "http/2" is one name
        parts = text.split(" / ") if whole else text.split("/")
        return [names for part in parts if (names := _names(part))]

    def clean(self) -> None:
        groups = self.groups()
        if self.action == self.Action.ADD and len(groups) < 2:
            raise ValidationError(
                {
                    "alternatives": _(
                        "Give at least two alternatives separated by /, "
                        "e.g. pull | 拉取 / push | 推送."
                    )
                }
            )
        if not groups:
            raise ValidationError({"alternatives": _("Give at least one name.")})
        if any(len(name) == 1 and not name.isascii() for names in groups for name in names):
            raise ValidationError(
                {
                    "alternatives": _(
                        "A single Chinese character matches inside other words (推 in 推荐): "
                        "give names of two or more characters."
                    )
                }
            )
        self.alternatives = " / ".join(" | ".join(names) for names in groups)


class ImportPreview(models.Model):
    """Files a curator uploaded, between the upload and the confirmation, with where their
    background check or import stands and its report. In the database (not the cache): the
    worker that runs the task reads them, and they survive the cache being down."""

    class Stage(models.TextChoices):
        CHECK = "check", _("check")
        IMPORT = "import", _("import")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the worker")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    token = models.CharField(max_length=43, unique=True)
    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.CHECK)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    # The ImportReport, pickled: written by our own task only, read back by the status page.
    report = models.BinaryField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the worker took the task: one running for far longer was lost with its worker.
    started_at = models.DateTimeField(null=True, blank=True)
    # The queued task's id: a task a worker claimed while this still waits lost its worker
    # before the task began (questionbank.tasks.stalled).
    task_id = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.token} ({self.stage}, {self.status})"


class ImportFile(models.Model):
    preview = models.ForeignKey(ImportPreview, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=255)
    data = models.BinaryField()
    # The reading the curator chose for this file in this preview (remembered as a ShapeChoice
    # once imported); blank: the remembered one, if any, else the detector's.
    shape = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class ShapeChoice(models.Model):
    """The reading a curator chose for a file the importer could not read with confidence,
    remembered by the file's name (as ``Topic.source_name``: an upload has no other path, and
    a path on the command line depends on where it was run). Every later import of a file of
    that name, in the admin or on the command line, reads it so until the choice is cleared.
    Its own row, not a field of ``Topic``: the choice is made for a file that never imported
    (it was refused), before there is a topic, and a file's slug may change."""

    source_name = models.CharField(_("source file"), max_length=255, unique=True)
    shape = models.CharField(_("reading"), max_length=10)
    # None: chosen on the command line (import_questions --shape).
    chosen_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(_("chosen at"), default=timezone.now)

    def __str__(self) -> str:
        return f"{self.source_name}: {self.shape}"


class Revision(models.Model):
    """What a question (or, with no question, a topic) looked like after an import, an admin
    edit or a restore: a JSON snapshot (see :mod:`questionbank.revisions`), who, when, from where.
    Interviews keep their own snapshots; these are the curators' history."""

    class Source(models.TextChoices):
        IMPORT = "import", _("import")
        ADMIN = "admin", _("admin edit")
        RESTORE = "restore", _("restore")
        BASELINE = "baseline", _("as it stood when history began")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="revisions")
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    author = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=10, choices=Source)
    # The file name of an import, the admin screen of an edit, the revision a restore went back to.
    origin = models.CharField(_("from"), max_length=255, blank=True)
    # What changed, as part names ("text", "answer", "key_points", ...).
    changes = models.JSONField(default=list, blank=True)
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["question", "-id"], name="revision_question_idx"),
            models.Index(fields=["topic", "-id"], name="revision_topic_idx"),
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.question or self.topic} @ {self.created_at:%Y-%m-%d %H:%M} ({self.source})"
