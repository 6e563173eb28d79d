"""Question search over the segmented columns, on SQLite (FTS5) and PostgreSQL (GIN tsvector)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from questionbank.models import Question
from questionbank.search_text import Snippet, best_field, query_terms

MAX_QUERY = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw: str) -> str:
    """A query as typed, without control characters (PostgreSQL refuses NUL) or extra spaces."""
    return " ".join(_CONTROL.sub(" ", raw).split())[:MAX_QUERY]


@dataclass
class Hit:
    question: Question
    field: str  # "question" or "answer": where the words were found
    snippet: Snippet | None
    # Found through the glossary only: the equivalent of a name in the query that matched
    # ("零拷贝" for "zero copy"), and that name. Such hits rank below the exact ones.
    via: str = ""
    via_name: str = ""


def _fts_match(alternatives: list[list[str]]) -> str:
    """An FTS5 expression: every word of one alternative, for any of them; words quoted, so the
    query's own syntax is never interpreted."""
    groups = [
        " ".join('"' + term.replace('"', '""') + '"' for term in terms) for terms in alternatives
    ]
    if len(groups) == 1:
        return groups[0]
    return " OR ".join(f"({group})" for group in groups)


def _fulltext_ids(
    terms: list[str] | list[list[str]],
    limit: int,
    topic_id: int | None,
    include_archived: bool,
) -> list[int]:
    """Ids of questions holding every term (or, given lists of terms, every term of any list)."""
    alternatives = terms if terms and isinstance(terms[0], list) else [terms]
    topic_sql = "AND q.topic_id = %s" if topic_id else ""
    archived_sql = "" if include_archived else "AND NOT t.archived"
    topic_params = [topic_id] if topic_id else []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = _fts_match(alternatives)
            cursor.execute(
                f"""SELECT q.id FROM questionbank_question_fts f
                    JOIN questionbank_question q ON q.id = f.rowid
                    JOIN questionbank_topic t ON t.id = q.topic_id
                    WHERE questionbank_question_fts MATCH %s AND NOT q.archived
                      {archived_sql} {topic_sql}
                    ORDER BY bm25(questionbank_question_fts, 4.0, 1.0), q.id LIMIT %s""",
                [match, *topic_params, limit],
            )
        elif connection.vendor == "postgresql":
            words = [" ".join(terms) for terms in alternatives]
            tsquery = " || ".join(["plainto_tsquery('simple'::regconfig, %s)"] * len(words))
            cursor.execute(
                f"""SELECT q.id FROM questionbank_question q
                    JOIN questionbank_topic t ON t.id = q.topic_id
                    WHERE to_tsvector('simple'::regconfig,
                                      q.search_question || ' ' || q.search_answer)
                          @@ ({tsquery})
                      AND NOT q.archived {archived_sql} {topic_sql}
                    ORDER BY ts_rank(
                        setweight(to_tsvector('simple'::regconfig, q.search_question), 'A')
                        || setweight(to_tsvector('simple'::regconfig, q.search_answer), 'B'),
                        ({tsquery})) DESC, q.id
                    LIMIT %s""",
                [*words, *topic_params, *words, limit],
            )
        else:  # pragma: no cover - other databases use the substring fallback only
            return []
        return [row[0] for row in cursor.fetchall()]


def _substring_ids(
    query: str, limit: int, topic_id: int | None, include_archived: bool
) -> list[int]:
    found = Question.objects.filter(
        Q(text__icontains=query)
        | Q(answer_title__icontains=query)
        | Q(answer_plain__icontains=query),
        archived=False,
    )
    if not include_archived:
        found = found.filter(topic__archived=False)
    if topic_id:
        found = found.filter(topic_id=topic_id)
    return list(found.order_by("topic__title", "number").values_list("id", flat=True)[:limit])


def search_questions(
    query: str, *, limit: int = 50, topic_id: int | None = None, include_archived: bool = False
) -> list[Hit]:
    """Questions whose text or standard answer contains the words of ``query``, best first.

    Words are matched whole after segmentation; a one-character query, or one whose words are
    found nowhere as whole words, falls back to a plain substring search. Archived questions are
    never found; questions of archived topics only with ``include_archived`` (curators).
    Then, below those, questions found only through the glossary's equivalents of a name in the
    query (``questionbank.search_glossary``), each saying which equivalent matched.
    """
    query = clean_query(query)
    terms = query_terms(query)
    if not terms:
        return []
    ids: list[int] = []
    if len(query) > 1:
        ids = _fulltext_ids(terms, limit, topic_id, include_archived)
    if not ids:
        ids = _substring_ids(query, limit, topic_id, include_archived)
    others = _glossary_alternatives(query)  # always: the same queries whatever the data
    if others and len(ids) < limit:
        found = _fulltext_ids(
            [query_terms(other.query) for other in others], limit, topic_id, include_archived
        )
        exact = set(ids)
        ids += [i for i in found if i not in exact][: limit - len(ids)]
        exact_count = len(exact)
    else:
        exact_count = len(ids)
    questions = (
        Question.objects.filter(id__in=ids)
        .select_related("topic")
        .defer("answer_md", "answer_html", "search_question", "search_answer")
    )
    by_id = {q.id: q for q in questions}
    hits = []
    for rank, question_id in enumerate(ids):
        question = by_id.get(question_id)
        if question is None:
            continue
        fields = [("question", question.text_plain), ("answer", question.answer_plain)]
        if rank < exact_count:
            hits.append(Hit(question, *best_field(query, terms, fields)))
            continue
        hits.append(_glossary_hit(question, fields, others))
    return hits


def _glossary_alternatives(query: str) -> list:
    from questionbank.search_glossary import alternatives
    from scoring.adapter import current_glossary  # the glossary scoring uses, curators' included

    return alternatives(query, current_glossary())


def _glossary_hit(question: Question, fields, others) -> Hit:
    """A hit of an alternative query: the first alternative whose words it holds explains it."""
    for other in others:
        other_terms = query_terms(other.query)
        field, found = best_field(other.equivalent, query_terms(other.equivalent), fields)
        texts = " ".join(text for _, text in fields).lower()
        if all(term in texts for term in other_terms):
            return Hit(question, field, found, via=other.equivalent, via_name=other.name)
    other = others[0]
    field, found = best_field(other.query, query_terms(other.query), fields)
    return Hit(question, field, found, via=other.equivalent, via_name=other.name)
