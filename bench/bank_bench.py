"""The bank's topic list at company scale: /bank/ against a one-query page, in the same run.

    .venv/bin/python bench/bank_bench.py [--topics 10000] [--questions 8] [--runs 30]

Creates a fresh SQLite test database (a file, as in production) with N topics of M questions
each (tags, difficulties, groups, some unanswered questions, a tenth archived), signs an
interviewer in with the test client, and times full GET requests (middleware, session, template,
everything) of:
  one-query   a page of the same layout (base.html, same user, same middleware) whose own work is
              one query: the titles of 60 topics. The baseline.
  /bank/      the topic list as it opens, and with filters, another sort, the last page, and an
              htmx request for the list only.
Each figure is the median of --runs requests, interleaved with the baseline's, and is printed
as a ratio to it (this machine is noisy: only the ratios are comparable), with the HTML size.
Goal from issue 14: /bank/ with 10,000 topics in about the time of a one-query page and under
~100 KB of HTML.

Measured 2026-12-05 (SQLite, 10,000 topics and 95,000 questions, 2 shared cores, median of 30;
ratios to the one-query page of the same run):
                      counts per request   stored counts, cards and options written in Python
  /bank/                    2.06x  32 KB        1.30x  23.5 KB
  tag + unanswered          5.36x               1.81x
  group + language          2.74x               2.01x
  sort=newest               2.06x               1.33x
  sort=questions            6.74x               1.29x
  last page                 2.34x               1.38x
  htmx list only            2.21x  22 KB        1.53x  13.8 KB
The page runs two queries of its own (the pager's count, the page's rows) in both.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def baseline_urls():
    """config.urls plus the one-query page, as a urlconf module."""
    from django.contrib.auth.decorators import login_required
    from django.template import engines
    from django.template.response import TemplateResponse
    from django.urls import path

    import config.urls
    from questionbank.models import Topic

    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block content %}<ul>{% for t in topics %}'
        '<li><a href="{{ t.get_absolute_url }}">{{ t.title }}</a></li>{% endfor %}</ul>'
        "{% endblock %}"
    )

    @login_required
    def one_query(request):
        topics = list(Topic.objects.only("slug", "title").order_by("title", "id")[:60])
        return TemplateResponse(request, template, {"topics": topics})

    module = types.ModuleType("bank_bench_urls")
    module.urlpatterns = [path("bench/one-query/", one_query), *config.urls.urlpatterns]
    sys.modules["bank_bench_urls"] = module
    return "bank_bench_urls"


def fill(topics: int, questions: int) -> None:
    from django.db import transaction

    from questionbank import topic_counts
    from questionbank.models import Question, Topic

    tags = ["k8s", "docker", "网络", "存储", "安全", "observability", "ci/cd", "数据库"]
    difficulties = ["", "easy", "medium", "hard"]
    with transaction.atomic():
        made = Topic.objects.bulk_create(
            Topic(
                slug=f"bench-{i:05d}",
                title=f"主题 {i:05d} Topic",
                background_md="微服务规模扩大后的背景说明。" * 30,  # rows as long as real ones
                tags=[tags[i % len(tags)], tags[(i * 3 + 1) % len(tags)]],
                difficulty=difficulties[i % len(difficulties)],
                language="en" if i % 5 == 0 else "zh",
                practice_enabled=i % 7 != 0,
                archived=i % 10 == 9,
            )
            for i in range(topics)
        )
        batch = []
        for i, topic in enumerate(made):
            for n in range(1, questions + (i % 4) + 1):
                batch.append(
                    Question(
                        topic=topic,
                        number=n,
                        text=f"问题 {n}：什么是概念 {i}-{n}？",
                        answer_md="" if (i + n) % 13 == 0 else f"标准答案 {i}-{n}",
                        # a group ("Docker") stands in a hundred topics of 10,000
                        group=f"分组 {i % 100}-{n % 3}" if i % 2 else "",
                    )
                )
                if len(batch) >= 5000:
                    Question.objects.bulk_create(batch)
                    batch = []
        Question.objects.bulk_create(batch)
        topic_counts.refresh_all()  # bulk writes send no signal: count as migration 0015 does


def timed(client, url: str, headers: dict | None = None) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(url, headers=headers or {})
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--topics", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=8)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from accounts.roles import INTERVIEWERS
    from questionbank.models import Question

    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        start = time.perf_counter()
        fill(args.topics, args.questions)
        print(
            f"{args.topics} topics, {Question.objects.count()} questions "
            f"(filled in {time.perf_counter() - start:.1f}s, SQLite file)"
        )
        from django.contrib.auth.models import Group, User

        user = User.objects.create_user("bench", password="x")
        user.groups.add(Group.objects.get(name=INTERVIEWERS))
        storages = {  # no collectstatic here: plain static URLs, as in the tests
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(ROOT_URLCONF=baseline_urls(), STORAGES=storages):
            client = Client()
            client.force_login(user)
            cases = [
                ("/bank/", "/bank/", None),
                ("tag + unanswered", "/bank/?tag=k8s&unanswered=1", None),
                ("group + language", "/bank/?group=分组+1-1&language=zh", None),
                ("sort=newest", "/bank/?sort=newest", None),
                ("sort=questions", "/bank/?sort=questions", None),
                ("last page", "/bank/?page=100000", None),
                ("htmx list only", "/bank/?tag=docker", {"HX-Request": "true",
                                                         "HX-Target": "topic-list"}),
            ]  # fmt: skip
            for _, url, headers in cases:  # warm: session, roles and the form's choices cached
                timed(client, url, headers)
            timed(client, "/bench/one-query/")
            base_times, base_size = [], 0
            results = {name: [] for name, _, _ in cases}
            sizes = {}
            for _ in range(args.runs):
                elapsed, base_size = timed(client, "/bench/one-query/")
                base_times.append(elapsed)
                for name, url, headers in cases:
                    elapsed, sizes[name] = timed(client, url, headers)
                    results[name].append(elapsed)
            with CaptureQueriesContext(connection) as queries:
                timed(client, "/bank/")
            bank_queries = len(queries)
            with CaptureQueriesContext(connection) as queries:
                timed(client, "/bench/one-query/")
            base_queries = len(queries)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    base = statistics.median(base_times)
    print(f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
          f"median of {args.runs} requests each\n")  # fmt: skip
    print(f"{'page':<20}{'median':>10}{'vs one-query':>14}{'HTML':>10}")
    print(f"{'one-query page':<20}{base * 1000:>8.1f}ms{1:>13.2f}x{base_size / 1024:>8.1f}KB")
    for name, _, _ in cases:
        median = statistics.median(results[name])
        print(
            f"{name:<20}{median * 1000:>8.1f}ms{median / base:>13.2f}x{sizes[name] / 1024:>8.1f}KB"
        )
    print(f"\nqueries per request: /bank/ {bank_queries}, one-query page {base_queries} "
          "(both include the session and user lookups)")  # fmt: skip


if __name__ == "__main__":
    main()
