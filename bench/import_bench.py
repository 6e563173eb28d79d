"""Import speed and memory: parse-only vs first import vs unchanged re-import.

    .venv/bin/python bench/import_bench.py [--files 100,2000] [--backends sqlite,postgres]

Generates N topic files by varying the demo fixtures (each gets its own slug and wording), then
for each database, in a fresh test database, times:
  parse-only   parsing.parse_topic on every file (tokenize, split, key points, render, sanitize:
               all the pure work an import does; no database)
  first        import_questions' code path on an empty bank (parse + all writes, one transaction)
  unchanged    the same files again (skipped by content hash)
and prints each as a ratio to parse-only measured in the same run (this machine is noisy, so
absolute times are printed but only the ratios are comparable). Goals from the issue: first
<= 3x parse-only, unchanged <= 0.3x first.

Memory of the first import (issue 14: it must not grow with the number of files; goal: within 2x
between 100 and 2,000 files), measured as the command does it (files read from a directory):
  maxrss+      growth of the process's peak resident set (ru_maxrss) during the first import, in
               the timed run
  traced peak  tracemalloc's peak of Python allocations during the first import, in a second
               process (tracemalloc slows everything down, so it never runs beside the timings)
The last lines print each figure's ratio between the largest and the smallest file count.

Measured 2026-12-05 (SQLite, 2 shared cores under heavy load, `--files 100,2000`):
  before (one pass, all parsed topics held): traced peak 27.0 MB -> 493.3 MB (18.3x),
      peak RSS 128 MB -> 615 MB
  two passes:                                traced peak  3.4 MB ->   6.6 MB (1.94x),
      peak RSS 109 MB -> 111 MB
  The cost is time: first/parse 0.96x/0.72x before, 2.39x/4.90x after (each file is parsed twice,
  and every question written gets a revision); times on this machine are noisy.
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
    """N topic files varying the demo fixtures (each gets its own slug and wording)."""
    return list(make_files_iter(count))


def write_files(count: int, directory: Path) -> None:
    """The files on disk, written one at a time (the bench must not hold them all either)."""
    for name, data in make_files_iter(count):
        (directory / name).write_bytes(data)


def make_files_iter(count: int):
    fixtures = sorted((ROOT / "fixtures" / "questions").glob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in fixtures]
    for i in range(count):
        yield make_file(texts, i)


def make_file(texts: list[str], i: int) -> tuple[str, bytes]:
    text = texts[i % len(texts)]
    if text.startswith("---\n"):
        text = text[4:]
        text = f"---\nslug: bench-{i}\n" + text
    else:
        text = f"---\nslug: bench-{i}\n---\n" + text
    text = text.replace("？", f"（变体 {i}）？", 3).replace("?", f" (variant {i})?", 3)
    return f"bench-{i}.md", text.encode()


def _maxrss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def worker(count: int, *, traced: bool = False) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()
    import tempfile
    import tracemalloc

    from django.db import connection

    from questionbank.importing import import_sources, read_paths
    from questionbank.models import Question
    from questionbank.parsing import parse_topic

    directory = Path(tempfile.mkdtemp())
    write_files(count, directory)
    warm_name, warm_data = make_file([(ROOT / "fixtures/questions/kubernetes.md").read_text()], 0)
    parse_topic(warm_data, filename=warm_name)  # load the tokenizer, jieba, pygments: not measured
    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":  # a file, as in production, not the in-memory test default
        import tempfile

        connection.settings_dict["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        if traced:
            tracemalloc.start()
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            sources, _ = read_paths([str(directory)])  # as the command does: reading counts
            report = import_sources(sources, parse_unchanged=False)
            peak = tracemalloc.get_traced_memory()[1] - base
            tracemalloc.stop()
            assert report.ok and report.written
            return {"traced_peak": peak}
        rss_before = _maxrss_mb()
        start = time.perf_counter()
        sources, _ = read_paths([str(directory)])
        first = import_sources(sources, parse_unchanged=False)
        first_time = time.perf_counter() - start
        rss_growth = _maxrss_mb() - rss_before
        assert first.ok and first.written
        del first
        questions = Question.objects.count()

        start = time.perf_counter()
        again = import_sources(sources, parse_unchanged=False)
        unchanged = time.perf_counter() - start
        assert all(f.skipped for f in again.files)
        del again

        start = time.perf_counter()
        for source in sources:  # one at a time, as the import does
            data = source.read() if hasattr(source, "read") else source.data
            assert parse_topic(data, filename=source.name).ok
        parse = time.perf_counter() - start
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return {
        "vendor": connection.vendor,
        "files": count,
        "questions": questions,
        "parse": parse,
        "first": first_time,
        "unchanged": unchanged,
        "maxrss_before": rss_before,
        "maxrss_growth": rss_growth,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", default="100,2000", help="file counts, comma-separated")
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(int(args.files), traced=args.traced)))
        return

    urls = {"sqlite": "sqlite:///bench-import.sqlite3", "postgres": POSTGRES_URL}
    print(f"{'database':<11}{'files':>6}{'questions':>10}{'parse-only':>12}{'first':>10}"
          f"{'unchanged':>11}   first/parse  unchanged/parse  unchanged/first"
          f"{'maxrss+':>10}{'traced peak':>13}")  # fmt: skip
    for backend in args.backends.split(","):
        env = {**os.environ, "DATABASE_URL": urls[backend], "DEBUG": "0", "SECRET_KEY": "bench"}
        rows = []
        for count in [int(n) for n in args.files.split(",")]:
            r = _run(env, count)
            traced = _run(env, count, "--traced")
            if r is None or traced is None:
                print(f"{backend} {count}: failed")
                continue
            r.update(traced)
            rows.append(r)
            print(
                f"{r['vendor']:<11}{r['files']:>6}{r['questions']:>10}{r['parse']:>11.2f}s"
                f"{r['first']:>9.2f}s{r['unchanged']:>10.2f}s"
                f"{r['first'] / r['parse']:>13.2f}x{r['unchanged'] / r['parse']:>16.3f}x"
                f"{r['unchanged'] / r['first']:>16.3f}x"
                f"{r['maxrss_growth']:>8.1f}MB{r['traced_peak'] / 2**20:>11.1f}MB"
            )
        if len(rows) >= 2:
            small, large = rows[0], rows[-1]
            print(
                f"{backend}: {large['files']} vs {small['files']} files: "
                f"traced peak {large['traced_peak'] / small['traced_peak']:.2f}x, "
                f"maxrss+ {large['maxrss_growth'] / max(small['maxrss_growth'], 0.1):.2f}x, "
                f"peak RSS {(large['maxrss_before'] + large['maxrss_growth']):.0f}MB vs "
                f"{(small['maxrss_before'] + small['maxrss_growth']):.0f}MB "
                f"(goal: memory within 2x)"
            )


def _run(env: dict, count: int, *flags: str) -> dict | None:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", "--files", str(count), *flags],
        env=env, cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        print(out.stderr[-2000:])
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
