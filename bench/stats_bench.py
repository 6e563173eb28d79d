"""How fast are the statistics pages with 10,000 scored answers? Against a one-query page.

    .venv/bin/python bench/stats_bench.py [--answers 10000] [--repeats 15] [--database-url URL]

Creates a fresh database (a temporary SQLite file unless ``--database-url`` names another
server), fills it with completed live interviews: 100 bank questions in 5 topics, 20
interviewers each with their own severity, candidates of varied ability, five scored answers and
now and then a question marked "not asked" per interview, every score with the scorer's
suggestion beside it. Then, through the full middleware stack (Django's test client, signed in
as a curator), times each statistics page and a bare page doing one indexed query
(``config/bench.py``, the baseline of bench/live_load.py), ``--repeats`` times each after a
warm-up, and prints the median of each, wall-clock and CPU time of this process (SQLite runs in
it; on a busy machine the CPU time is the steadier figure), their ratios to the baseline and the
queries each ran (fixed whatever the data size: pinned in tests/interviews/test_stats_views.py).
Goal: every page well under a second.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOPICS = 5
QUESTIONS_PER_TOPIC = 20
INTERVIEWERS = 20
PER_INTERVIEW = 5


def _half(value: float) -> Decimal:
    return Decimal(str(max(0.0, min(5.0, round(value * 2) / 2))))


def generate(answers: int, *, seed: int = 1) -> dict:
    """The data set; returns the curator and the busiest interviewer."""
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from accounts.roles import CURATORS
    from accounts.roles import INTERVIEWERS as INTERVIEWER_GROUP
    from interviews.models import Interview, InterviewQuestion
    from questionbank.models import Question, Topic

    rng = random.Random(seed)
    curator = User.objects.create_user("bench-curator", first_name="Curator", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATORS))
    group = Group.objects.get(name=INTERVIEWER_GROUP)
    interviewers = []
    for n in range(INTERVIEWERS):
        user = User.objects.create_user(f"interviewer{n}", first_name=f"Interviewer {n}")
        user.groups.add(group)
        interviewers.append((user, rng.uniform(-1.2, 0.6)))  # their severity
    questions = []
    for t in range(TOPICS):
        topic = Topic.objects.create(slug=f"topic-{t}", title=f"Topic {t}")
        for n in range(1, QUESTIONS_PER_TOPIC + 1):
            question = Question.objects.create(
                topic=topic, number=n, text=f"Question {n} of topic {t}?", text_plain=f"Q{n}"
            )
            # difficulty, and how much the question follows ability (0: a coin flip); the first
            # question of each topic is one everybody aces, the last one everybody fails
            difficulty = -6 if n == 1 else 6 if n == QUESTIONS_PER_TOPIC else rng.uniform(-1.5, 1.5)
            questions.append((question, difficulty, rng.choice([0.0, 0.5, 1.0, 1.0])))
    now = timezone.now()
    interviews = answers // PER_INTERVIEW
    made = [
        Interview(
            owner=rng.choice(interviewers)[0],
            title=f"Loop {i}",
            mode=Interview.Mode.LIVE,
            status=Interview.Status.COMPLETED,
            default_time_limit=600,
            started_at=now,
            ended_at=now,
        )
        for i in range(interviews)
    ]
    Interview.objects.bulk_create(made, batch_size=500)
    severity = dict((user.pk, s) for user, s in interviewers)
    slots = []
    for interview in made:
        ability = rng.uniform(0.5, 4.5)
        picked = rng.sample(questions, PER_INTERVIEW + 1)
        for position, (question, difficulty, follows) in enumerate(picked):
            if position == PER_INTERVIEW:  # one more, now and then not asked
                if rng.random() < 0.3:
                    slots.append(
                        InterviewQuestion(
                            interview=interview,
                            position=position,
                            question=question,
                            time_limit=600,
                            state=InterviewQuestion.State.NOT_ASKED,
                        )
                    )
                continue
            level = follows * ability + (1 - follows) * rng.uniform(0, 5) - difficulty + 0.5
            truth = level + rng.gauss(0, 0.5)
            slots.append(
                InterviewQuestion(
                    interview=interview,
                    position=position,
                    question=question,
                    time_limit=600,
                    topic_title=question.topic.title,
                    number=question.number,
                    state=InterviewQuestion.State.ASKED,
                    seconds_spent=int(rng.uniform(0.3, 1.4) * 600),
                    score=_half(truth + severity[interview.owner_id] + rng.gauss(0, 0.3)),
                    score_by=interview.owner,
                    suggestion={"score": float(_half(truth + rng.gauss(0, 0.6)))},
                )
            )
    InterviewQuestion.objects.bulk_create(slots, batch_size=1000)
    busiest = max(interviewers, key=lambda pair: made_count(made, pair[0].pk))[0]
    return {"curator": curator, "busiest": busiest}


def made_count(made, pk: int) -> int:
    return sum(1 for interview in made if interview.owner_id == pk)


def timed(client, url: str, repeats: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up
    assert response.status_code in (200, 204), (url, response.status_code)
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return statistics.median(times), statistics.median(cpu), len(queries), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    os.environ["BENCH_ENDPOINTS"] = "1"
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.conf import settings

    # Production settings but no collectstatic manifest: the plain storage names static files.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from interviews.models import InterviewQuestion

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":  # a file, as in production, not the in-memory test default
        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "stats.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        start = time.perf_counter()
        people = generate(args.answers)
        scored = InterviewQuestion.objects.filter(score__isnull=False).count()
        print(
            f"{connection.vendor}: {scored} scored answers generated in "
            f"{time.perf_counter() - start:.1f} s; median of {args.repeats} requests each"
        )
        client = Client()
        client.force_login(people["curator"])
        pages = [
            ("one-query page (baseline)", "/bench/bare/1/"),
            ("stats:questions", reverse("stats:questions")),
            ("stats:interviewers", reverse("stats:interviewers")),
            (
                "stats:interviewer (busiest)",
                reverse("stats:interviewer", args=[people["busiest"].pk]),
            ),
        ]
        results = [(name, *timed(client, url, args.repeats)) for name, url in pages]
        base, base_cpu = results[0][1], results[0][2]
        print(
            f"{'page':<30}{'wall ms':>9}{'x base':>8}{'CPU ms':>9}{'x base':>8}"
            f"{'queries':>9}{'KiB':>6}"
        )
        for name, seconds, cpu, queries, size in results:
            print(
                f"{name:<30}{seconds * 1000:>9.1f}{seconds / base:>8.0f}{cpu * 1000:>9.1f}"
                f"{cpu / base_cpu:>8.0f}{queries:>9}{size / 1024:>6.0f}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
