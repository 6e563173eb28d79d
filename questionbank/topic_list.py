"""The bank's topic list: one page of topics for some filters, in a fixed number of queries.

However many topics the bank holds, a page costs two queries (the count for the pager and the
page's rows) plus, once a minute, the choices the filter form offers (``facets``). Question
counts are read from each topic's row (``Topic.question_count`` and ``unanswered_count``, kept
by ``questionbank.topic_counts``): sorting by them, or keeping the topics with unanswered
questions, counts no question.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape as _escape
from urllib.parse import quote

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Count, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from questionbank.models import Question, Topic
from questionbank.topic_filters import TopicFilters

PAGE_SIZE = 60  # a multiple of 2, 3 and 4: the grid's rows stay full
FACETS_TTL = 60  # seconds: a new tag or group shows in the form's choices within a minute
MAX_GROUPS = 100  # the most common groups offered as suggestions; any other can be typed


def escape(value) -> str:
    """What Django's escape() does (html.escape of its text), without wrapping each piece in a
    SafeString: the cards and options are marked safe once, whole."""
    return _escape(str(value))


def _has_tag(tag: str) -> Q | RawSQL:
    """Topics whose tags list holds ``tag`` exactly (JSON containment has no SQLite lookup)."""
    if connection.vendor == "postgresql":
        return Q(tags__contains=[tag])
    # instr() on the stored JSON text is a cheap first sieve (either escaping of non-ASCII);
    # json_each then decides, for the few rows that pass it, whether the tag is a whole element.
    return RawSQL(
        "(instr(questionbank_topic.tags, %s) > 0 OR instr(questionbank_topic.tags, %s) > 0)"
        " AND EXISTS (SELECT 1 FROM json_each(questionbank_topic.tags)"
        " WHERE json_each.value = %s)",
        [json.dumps(tag), json.dumps(tag, ensure_ascii=False), tag],
        output_field=BooleanField(),
    )


def filtered_topics(topics, filters: TopicFilters):
    """``topics`` (already narrowed to what the user may see) filtered and sorted."""
    if filters.tag:
        topics = topics.filter(_has_tag(filters.tag))
    if filters.difficulty:
        topics = topics.filter(difficulty=filters.difficulty)
    if filters.language:
        topics = topics.filter(language=filters.language)
    if filters.practice is not None:
        topics = topics.filter(practice_enabled=filters.practice)
    if filters.group:
        topics = topics.filter(
            pk__in=Question.objects.filter(group=filters.group, archived=False).values("topic_id")
        )
    if filters.unanswered:  # the small partial index topic_unanswered_idx
        topics = topics.filter(unanswered_count__gt=0)
    topics = topics.only(
        "slug",
        "title",
        "tags",
        "difficulty",
        "language",
        "archived",
        "practice_enabled",
        "question_count",
    )
    if filters.sort == "newest":
        return topics.order_by("-created_at", "-id")
    if filters.sort == "questions":
        return topics.order_by("-question_count", "title", "id")
    return topics.order_by("title", "id")


def topic_page(topics, filters: TopicFilters) -> Page:
    """The page ``filters.page`` asks for; a page beyond the last gives the last. Each topic
    carries its ``url``, ``count_label`` ("3 questions") and ``card`` (its list item's HTML), see
    ``_label`` and ``_cards``."""
    page = Paginator(filtered_topics(topics, filters), PAGE_SIZE).get_page(filters.page)
    _label(page.object_list)
    _cards(page.object_list)
    return page


def _cards(topics) -> None:
    """Each topic's card, its <li>, as HTML: written here rather than in the template, where the
    sixty cards' variables, loops and conditions were most of what /bank/ spent beyond a
    one-query page (bench/bank_bench.py). Every value from the database is escaped."""
    archived = escape(gettext("archived"))
    interviews_only = escape(gettext("interviews only"))
    for topic in topics:
        meta = escape(topic.count_label)
        if topic.difficulty:
            meta += f" · {escape(topic.difficulty)}"
        badges = "".join(f'<span class="tag">{escape(tag)}</span>' for tag in topic.tags or ())
        if topic.archived:
            badges += f'<span class="tag warn">{archived}</span>'
        if not topic.practice_enabled:
            badges += f'<span class="tag">{interviews_only}</span>'
        topic.card = mark_safe(  # built from escaped values only
            f'<li class="card topic-card{" is-archived" if topic.archived else ""}">'
            f'<a class="topic-link" href="{escape(topic.url)}">{escape(topic.title)}</a>'
            f'<p class="muted">{meta}</p><p class="badges">{badges}</p></li>'
        )


def _label(topics) -> None:
    """The link and the question count's words of each card, computed here rather than in the
    template: reversing a URL and a plural {% blocktranslate %} per card were two thirds of the
    list's rendering time (bench/bank_bench.py). The link is Django's own reverse() of a
    placeholder slug, with each slug quoted as reverse() quotes it (slugs hold no "/")."""
    placeholder = "0slug0"
    prefix, suffix = reverse("questionbank:topic", args=[placeholder]).split(placeholder)
    labels: dict[int, str] = {}
    for topic in topics:
        topic.url = f"{prefix}{quote(topic.slug, safe=RFC3986_SUBDELIMS + '/~:@')}{suffix}"
        count = topic.question_count
        if count not in labels:
            labels[count] = ngettext("%(counter)s question", "%(counter)s questions", count) % {
                "counter": count
            }
        topic.count_label = labels[count]


@dataclass(frozen=True)
class Facets:
    """What the filter form offers: every tag and difficulty, the most common groups."""

    tags: tuple[str, ...]
    difficulties: tuple[str, ...]
    groups: tuple[str, ...]


def _compute_facets() -> Facets:
    live = Topic.objects.filter(archived=False)
    tags = {tag for row in live.values_list("tags", flat=True) if row for tag in row if tag}
    difficulties = (
        live.exclude(difficulty="").order_by().values_list("difficulty", flat=True).distinct()
    )
    groups = (
        Question.objects.filter(archived=False, topic__archived=False)
        .exclude(group="")
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .order_by("-n", "group")
        .values_list("group", flat=True)[:MAX_GROUPS]
    )
    return Facets(
        tags=tuple(sorted(str(tag) for tag in tags)),
        difficulties=tuple(sorted(difficulties)),
        groups=tuple(sorted(groups)),
    )


def options(facets: Facets, filters: TopicFilters) -> dict[str, str]:
    """The form's <option> lists as HTML (escaped), the chosen one selected, a chosen value the
    facets do not offer (a tag that is gone, typed into the URL) added: a hundred groups in
    template loops cost more than the rest of the form."""

    def choices(values: tuple[str, ...], chosen: str) -> str:
        html = "".join(
            f"<option selected>{escape(v)}</option>"
            if v == chosen
            else f"<option>{escape(v)}</option>"
            for v in values
        )
        if chosen and chosen not in values:
            html += f"<option selected>{escape(chosen)}</option>"
        return html

    return {
        "tags": mark_safe(choices(facets.tags, filters.tag)),  # built from escaped values only
        "difficulties": mark_safe(choices(facets.difficulties, filters.difficulty)),
        "groups": mark_safe(
            "".join(f'<option value="{escape(g)}"></option>' for g in facets.groups)
        ),
    }


def facets() -> Facets:
    """The form's choices, from the cache (three queries once a minute, none otherwise)."""
    return cache.get_or_set("questionbank:topic-facets", _compute_facets, FACETS_TTL)


def pager_links(filters: TopicFilters, page: Page) -> dict[str, str]:
    """Query strings ("?sort=newest&page=3") for the first, previous, next and last pages."""
    from urllib.parse import urlencode

    def link(number: int) -> str:
        return "?" + urlencode(filters.as_query(page=number))

    links = {}
    if page.has_previous():
        links |= {"first": link(1), "previous": link(page.previous_page_number())}
    if page.has_next():
        links |= {"next": link(page.next_page_number()), "last": link(page.paginator.num_pages)}
    return links
