"""Import speed: parse-only vs first import vs unchanged re-import, on SQLite and PostgreSQL.

    .venv/bin/python bench/import_bench.py [--files 500] [--backends sqlite,postgres]

Generates N topic files by varying the demo fixtures (each gets its own slug and wording), then
for each database, in a fresh test database, times:
  parse-only   parsing.parse_topic on every file (tokenize, split, key points, render, sanitize:
               all the pure work an import does; no database)
  first        import_questions' code path on an empty bank (parse + all writes, one transaction)
  unchanged    the same files again (skipped by content hash)
and prints each as a ratio to parse-only measured in the same run (this machine is noisy, so
absolute times are printed but only the ratios are comparable). Goals from the issue: first
<= 3x parse-only, unchanged <= 0.3x first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/mockinterview"
)


def make_files(count: int) -> list[tuple[str, bytes]]:
    fixtures = sorted((ROOT / "fixtures" / "questions").glob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in fixtures]
    files = []
    for i in range(count):
        text = texts[i % len(texts)]
        if text.startswith("---\n"):
            text = text[4:]  # drop the fixture's own front matter opener; ours replaces it
            text = f"---\nslug: bench-{i}\n" + text
        else:
            text = f"---\nslug: bench-{i}\n---\n" + text
        # Vary the wording so no two files are the same topic.
        text = text.replace("？", f"（变体 {i}）？", 3).replace("?", f" (variant {i})?", 3)
        files.append((f"bench-{i}.md", text.encode()))
    return files


def worker(count: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()
    from django.db import connection

    from questionbank.importing import Source, import_sources
    from questionbank.models import Question
    from questionbank.parsing import parse_topic

    files = make_files(count)
    sources = [Source(name, data) for name, data in files]
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":  # a file, as in production, not the in-memory test default
        import tempfile

        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        start = time.perf_counter()
        results = [parse_topic(data, filename=name) for name, data in files]
        parse = time.perf_counter() - start
        assert all(r.ok for r in results), [r.errors for r in results if not r.ok][:3]

        start = time.perf_counter()
        first = import_sources(sources, parse_unchanged=False)
        first_time = time.perf_counter() - start
        assert first.ok and first.written
        questions = Question.objects.count()

        start = time.perf_counter()
        again = import_sources(sources, parse_unchanged=False)
        unchanged = time.perf_counter() - start
        assert all(f.skipped for f in again.files)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return {
        "vendor": connection.vendor,
        "files": count,
        "questions": questions,
        "parse": parse,
        "first": first_time,
        "unchanged": unchanged,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.files)))
        return

    urls = {"sqlite": "sqlite:///bench-import.sqlite3", "postgres": POSTGRES_URL}
    print(f"{'database':<11}{'files':>6}{'questions':>10}{'parse-only':>12}{'first':>10}"
          f"{'unchanged':>11}   first/parse  unchanged/parse  unchanged/first")  # fmt: skip
    for backend in args.backends.split(","):
        env = {**os.environ, "DATABASE_URL": urls[backend], "DEBUG": "0", "SECRET_KEY": "bench"}
        out = subprocess.run(
            [sys.executable, __file__, "--worker", "--files", str(args.files)],
            env=env, cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if out.returncode != 0:
            print(f"{backend}: failed\n{out.stderr[-2000:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['vendor']:<11}{r['files']:>6}{r['questions']:>10}{r['parse']:>11.2f}s"
            f"{r['first']:>9.2f}s{r['unchanged']:>10.2f}s"
            f"{r['first'] / r['parse']:>13.2f}x{r['unchanged'] / r['parse']:>16.3f}x"
            f"{r['unchanged'] / r['first']:>16.3f}x"
        )


if __name__ == "__main__":
    main()
