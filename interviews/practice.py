"""Solo practice: the same engine as live interviews, with hard deadlines the server enforces.

The clock runs on the server whether or not the candidate's page is open: when a question's
deadline passes, the mock moves on (from that deadline, not from when someone next looks), and
it ends after the last question or the whole-mock limit. When it ends, each answer gets the
scorer's suggestion, and the questions are scheduled again by how well they went (SM-2).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from interviews import live
from interviews.answers import grace
from interviews.models import Answer, Interview, InterviewQuestion, PracticeItem
from interviews.spacing import Schedule, review
from questionbank.models import Question, Topic
from scoring.adapter import suggest_for_item

MAX_QUESTIONS = 30


def answered(text: str | None, late_text: str | None = "") -> bool:
    """Did the candidate write something for the question (on time or late)? Only then do its
    standard answer and key points show afterwards: a blank answer unlocks nothing."""
    return bool((text or "").strip() or (late_text or "").strip())


def timed_out(item: InterviewQuestion, interview: Interview) -> bool:
    """Did the question's time (or the whole mock's) run out on it, rather than the candidate
    moving on? Its on-time text is what was saved by the deadline; the rest came late."""
    if item.state != InterviewQuestion.State.ASKED or item.ended_at is None:
        return False
    return any(
        deadline is not None and item.ended_at >= deadline
        for deadline in (item.deadline, interview.deadline)
    )


def reserved_topics(user):
    """Slugs of the topics in the user's interviews to come (scheduled or running). Until those
    end, the whole topic is closed to that user's practice: no mock draws from it and no review
    or history shows its standard answers or key points. Whole topics, so that nothing tells
    which questions the interview holds."""
    return InterviewQuestion.objects.filter(
        interview__candidate=user,
        interview__mode=Interview.Mode.LIVE,
        interview__status__in=[Interview.Status.SCHEDULED, Interview.Status.LIVE],
        question__isnull=False,
    ).values("question__topic__slug")  # a scheduled interview has no snapshot yet


def practice_topics(user=None):
    """Topics open for practice; for ``user``, without those of their interviews to come."""
    topics = Topic.objects.filter(practice_enabled=True, archived=False)
    if user is not None:
        topics = topics.exclude(slug__in=reserved_topics(user))
    return topics


def practice_questions(topics):
    return Question.objects.filter(
        topic__in=topics, archived=False, topic__practice_enabled=True
    ).exclude(answer_md="")


def choose_questions(user, topics, count: int, *, now=None, rng: random.Random | None = None):
    """``count`` questions: due ones first, then never practised, then practised badly."""
    now = now or timezone.now()
    rng = rng or random.Random()
    candidates = list(practice_questions(topics).exclude(topic__slug__in=reserved_topics(user)))
    state = {
        p.question_id: p for p in PracticeItem.objects.filter(user=user, question__in=candidates)
    }

    def priority(question):
        item = state.get(question.pk)
        if item is None:
            return (1, rng.random())
        if item.due_at <= now:
            return (0, float(item.last_score or 0), rng.random())
        return (2, float(item.last_score or 0), rng.random())

    return sorted(candidates, key=priority)[:count]


def _due(user, now):
    return PracticeItem.objects.filter(user=user, due_at__lte=now).filter(
        question__in=practice_questions(practice_topics(user))
    )


def weak_questions(user, *, now=None, count: int = 10):
    """The questions the schedule says are due, weakest first."""
    due = (
        _due(user, now or timezone.now())
        .select_related("question")
        .order_by("last_score", "due_at")[:count]
    )
    return [item.question for item in due]


def review_schedule(user, *, limit: int = 20) -> list[PracticeItem]:
    """The questions the schedule holds for the user, the soonest due first (overdue ones
    too), each with its question and topic: which come back, and when."""
    return list(
        PracticeItem.objects.filter(
            user=user, question__in=practice_questions(practice_topics(user))
        )
        .select_related("question__topic")
        .order_by("due_at", "pk")[:limit]
    )


def weak_count(user, *, now=None) -> int:
    """How many questions are due (all of them: a weak-questions mock takes the first ten)."""
    return _due(user, now or timezone.now()).count()


@transaction.atomic
def start_practice(
    user, questions, *, seconds_per_question: int, total_seconds: int | None = None, title: str
) -> Interview:
    interview = Interview.objects.create(
        owner=user,
        candidate=user,
        mode=Interview.Mode.PRACTICE,
        title=title,
        default_time_limit=seconds_per_question,
        hard_deadlines=True,
        time_mode=Interview.TimeMode.TOTAL if total_seconds else Interview.TimeMode.PER_QUESTION,
        total_time_limit=total_seconds,
    )
    InterviewQuestion.objects.bulk_create(
        [
            InterviewQuestion(
                interview=interview,
                question=question,
                position=position,
                # With a whole-mock limit, that limit bounds every question.
                time_limit=total_seconds or seconds_per_question,
            )
            for position, question in enumerate(questions[:MAX_QUESTIONS])
        ]
    )
    return live.start(interview)


@transaction.atomic
def complete(interview: Interview, *, now) -> None:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.status != Interview.Status.LIVE:
        return
    current = live.current_question(interview)
    # Ended during the grace after a deadline: the mock ended at that deadline.
    now = min([now] + [d for d in (interview.deadline, current and current.deadline) if d])
    live.close(interview, Interview.Status.COMPLETED, now, current=current)
    _score_and_schedule(interview, now)


def _score_and_schedule(interview: Interview, now) -> None:
    """The scorer's suggestion becomes the mock's score; SM-2 schedules each question again."""
    answers = dict(
        Answer.objects.filter(interview_question__interview=interview).values_list(
            "interview_question_id", "text"
        )
    )
    items = list(interview.questions.filter(state=InterviewQuestion.State.ASKED))
    for item in items:
        item.interview = interview
        # Never calibrated: a calibration refitted after the candidate's own interview would
        # let them read their own interviewer's score off a mock of the same answer.
        suggestion = suggest_for_item(item, answers.get(item.pk, ""))
        item.score = Decimal(str(suggestion.score))
        item.ticked = [i for i, result in enumerate(suggestion.key_points) if result.covered]
        item.suggestion = suggestion.stored()
    InterviewQuestion.objects.bulk_update(items, ["score", "ticked", "suggestion"])
    scored = {item.question_id: item.score for item in items if item.question_id is not None}
    known = {
        state.question_id: state
        for state in PracticeItem.objects.filter(user=interview.owner, question_id__in=scored)
    }
    states = []
    for question_id, score in scored.items():
        state = known.get(question_id) or PracticeItem(
            user=interview.owner, question_id=question_id
        )
        schedule = review(Schedule(state.repetitions, state.interval_days, state.ease), score)
        state.repetitions = schedule.repetitions
        state.interval_days = schedule.interval_days
        state.ease = schedule.ease
        state.due_at = now + timedelta(days=schedule.interval_days)
        state.last_score = score
        state.attempts += 1
        state.last_practised_at = now
        states.append(state)
    # One upsert for all of them (two mocks of one candidate may finish at the same moment).
    PracticeItem.objects.bulk_create(
        states,
        update_conflicts=True,
        unique_fields=["user", "question"],
        update_fields=[
            "repetitions",
            "interval_days",
            "ease",
            "due_at",
            "last_score",
            "attempts",
            "last_practised_at",
        ],
    )


def advance_if_expired(interview: Interview, *, now=None) -> Interview:
    """Move a practice mock past every deadline that has passed; return it fresh.

    A question's deadline moves the mock on at once (answers to the question just left are
    still taken for the grace period). The last deadline ends the mock only once the grace has
    passed too: the mock is scored when it ends, so answers still on their way must be in.
    """
    if interview.mode != Interview.Mode.PRACTICE or interview.status != Interview.Status.LIVE:
        return interview
    now = now or timezone.now()
    deadlines = [d for d in (interview.current_deadline, interview.deadline) if d is not None]
    if not any(now >= deadline for deadline in deadlines):
        return interview  # the common case: nothing expired, no query
    total = interview.questions.count()
    for _ in range(total + 1):
        interview.refresh_from_db()
        if interview.status != Interview.Status.LIVE:
            break
        if interview.deadline is not None and now >= interview.deadline:
            if now >= interview.deadline + grace():
                complete(interview, now=interview.deadline)
            break
        current = live.current_question(interview)
        if current is None or current.deadline is None or now < current.deadline:
            break
        if current.position + 1 >= total:
            if now >= current.deadline + grace():
                complete(interview, now=current.deadline)
            break
        live.goto(interview, current.position + 1, now=current.deadline)
    interview.refresh_from_db()
    return interview


def move_on(interview: Interview, *, from_item: int | None = None) -> Interview:
    """The candidate is done with question ``from_item`` before its time is up.

    Naming the question makes a repeated click (or a second tab) harmless: once the mock has
    left that question, moving on from it again does nothing.
    """
    interview = advance_if_expired(interview)
    with transaction.atomic():
        interview = Interview.objects.select_for_update().get(pk=interview.pk)
        current = live.current_question(interview)
        if interview.status != Interview.Status.LIVE or current is None:
            return interview
        if from_item is not None and current.pk != from_item:
            return interview
        if current.position + 1 >= interview.questions.count():
            complete(interview, now=timezone.now())
        else:
            live.goto(interview, current.position + 1)
    interview.refresh_from_db()
    return interview


def finish_early(interview: Interview) -> Interview:
    interview = advance_if_expired(interview)
    if interview.status == Interview.Status.LIVE:
        complete(interview, now=timezone.now())
    interview.refresh_from_db()
    return interview


def rate(item: InterviewQuestion, rating: Decimal | None) -> None:
    """The candidate's own rating, kept beside the suggestion (never over it)."""
    InterviewQuestion.objects.filter(pk=item.pk).update(self_rating=rating)


@transaction.atomic
def set_redo(item: InterviewQuestion, redo: bool) -> None:
    """Flag a question to practise again: it becomes due now."""
    InterviewQuestion.objects.filter(pk=item.pk).update(redo=redo)
    if redo and item.question_id:
        PracticeItem.objects.update_or_create(
            user=item.interview.owner,
            question_id=item.question_id,
            defaults={"due_at": timezone.now()},
        )


@dataclass
class TopicProgress:
    topic: Topic
    due: int
    practised: int
    points: list[tuple[str, float]]  # (date, mean score) per mock, oldest first


def due_counts(user, *, now=None) -> dict[int, int]:
    now = now or timezone.now()
    counts: dict[int, int] = {}
    for topic_id in _due(user, now).values_list("question__topic_id", flat=True):
        counts[topic_id] = counts.get(topic_id, 0) + 1
    return counts


def weakest_key_points(user, *, limit: int = 10) -> list[tuple[str, str, int, int]]:
    """(key point, topic, times missed, times asked) across the user's mocks, most missed first."""
    tally: dict[tuple[str, str], list[int]] = {}
    open_slugs = practice_topics(user).values_list("slug", flat=True)
    for key_points, ticked, topic, text, late_text in InterviewQuestion.objects.filter(
        interview__owner=user,
        interview__mode=Interview.Mode.PRACTICE,
        interview__status=Interview.Status.COMPLETED,
        state=InterviewQuestion.State.ASKED,
        topic_slug__in=open_slugs,  # closed topics show nothing of their answers
    ).values_list("key_points", "ticked", "topic_title", "answer__text", "answer__late_text"):
        if not answered(text, late_text):
            continue
        for index, point in enumerate(key_points):
            counts = tally.setdefault((point["text"], topic), [0, 0])
            counts[1] += 1
            if index not in ticked:
                counts[0] += 1
    ranked = sorted(tally.items(), key=lambda kv: (-kv[1][0] / kv[1][1], -kv[1][0]))
    return [(text, topic, missed, asked) for (text, topic), (missed, asked) in ranked if missed][
        :limit
    ]


def progress(user) -> list[TopicProgress]:
    """Per topic: mean suggested score of each completed mock, over time."""
    rows = (
        InterviewQuestion.objects.filter(
            interview__owner=user,
            interview__mode=Interview.Mode.PRACTICE,
            interview__status=Interview.Status.COMPLETED,
            state=InterviewQuestion.State.ASKED,
            score__isnull=False,
        )
        .values_list("topic_slug", "interview_id", "interview__ended_at", "score")
        .order_by("interview__ended_at")
    )
    series: dict[str, dict[int, list]] = {}
    for slug, interview_id, ended_at, score in rows:
        mock = series.setdefault(slug, {}).setdefault(interview_id, [ended_at, []])
        mock[1].append(float(score))
    topics = {
        t.slug: t for t in Topic.objects.filter(Q(slug__in=series) | Q(practice_enabled=True))
    }
    due = due_counts(user)
    practised = {}
    for topic_id in PracticeItem.objects.filter(user=user).values_list(
        "question__topic_id", flat=True
    ):
        practised[topic_id] = practised.get(topic_id, 0) + 1
    result = []
    for slug, topic in sorted(topics.items(), key=lambda kv: kv[1].title):
        mocks = series.get(slug, {})
        points = [
            (timezone.localtime(ended).strftime("%m-%d"), sum(scores) / len(scores))
            for ended, scores in mocks.values()
        ]
        if points or topic.practice_enabled:
            result.append(
                TopicProgress(topic, due.get(topic.pk, 0), practised.get(topic.pk, 0), points)
            )
    return result
