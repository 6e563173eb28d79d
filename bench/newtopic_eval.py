"""How well the suggested scores agree with human grades on topics the scorer was not tuned on.

    .venv/bin/python bench/newtopic_eval.py [DIR] [--held-out a,b,c] [--report-held-out] [--details]

DIR (default tests/data/newtopics/) holds topic files ``<slug>.md`` in the question-bank format
and, beside each, ``<slug>.jsonl``: graded answers, one per line,
``{"id", "topic", "question", "answer", "grade", "kind", "lang"}`` (grades written blind,
by the rubric in DESIGN.md). Each topic is imported as a curator would import it
(questionbank.parsing.parse_topic: the key points are whatever the importer extracts), and every
answer is scored with scoring.suggest.suggest.

Printed, per topic and over all answers: Spearman and mean absolute error for
  scorer   scoring.suggest.suggest (nothing is fitted per topic)
  length   answer length alone, a straight line fitted on the OTHER topics' answers
  bigram   character-bigram recall against the standard answer, fitted the same way
(leave one topic out: a baseline never sees the grades of the topic it is measured on), then
the median and p95 time per suggestion on answers it has not seen (sentence cache cleared).

Held-out topics (``--held-out``, default kafka, linux-performance, docker) are the honest
measure: they are skipped unless ``--report-held-out`` is given, and then only their aggregate
figures are printed, per topic and together; ``--details`` (the worst misses, answer by answer)
never prints a held-out answer. Goals on held-out topics: Spearman >= 0.85, MAE <= 0.7 overall,
no topic below 0.80; median time < 5 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.grading_eval import fit_line, load_topic, mae, score_rows, spearman  # noqa: E402

HELD_OUT = ("kafka", "linux-performance", "docker")


def load(directory: Path, slugs: list[str]) -> tuple[dict, list[dict]]:
    topics, rows = {}, []
    for slug in slugs:
        topics[slug] = load_topic(directory / f"{slug}.md")
        for line in (directory / f"{slug}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row["topic"] = slug
                rows.append(row)
    return topics, rows


def figures(rows: list[dict], method: str) -> tuple[float, float]:
    grades = [r["grade"] for r in rows]
    predicted = [r[method] for r in rows]
    return spearman(predicted, grades), mae(predicted, grades)


def table(title: str, groups: dict[str, list[dict]]) -> None:
    print(f"\n{title}")
    print(f"{'topic':<20}{'n':>4}   {'scorer':>13}   {'length':>13}   {'bigram':>13}")
    for name, rows in groups.items():
        cells = []
        for method in ("scorer", "length", "bigram"):
            rho, error = figures(rows, method)
            cells.append(f"{rho:>6.3f} {error:>6.3f}")
        print(f"{name:<20}{len(rows):>4}   " + "   ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", nargs="?", default=str(ROOT / "tests" / "data" / "newtopics"))
    parser.add_argument("--held-out", default=",".join(HELD_OUT), help="comma-separated slugs")
    parser.add_argument(
        "--report-held-out",
        action="store_true",
        help="Score the held-out topics too and print their aggregate figures.",
    )
    parser.add_argument(
        "--details",
        action="store_true",
        help="Print the tuning topics' worst misses (never a held-out answer).",
    )
    args = parser.parse_args()
    directory = Path(args.directory)
    if not directory.is_dir():
        sys.exit(f"{directory}: no such directory (it holds <slug>.md with <slug>.jsonl beside it)")
    held_out = {s for s in args.held_out.split(",") if s}
    available = sorted(
        p.stem for p in directory.glob("*.md") if (directory / f"{p.stem}.jsonl").exists()
    )
    tuning = [s for s in available if s not in held_out]
    testing = [s for s in available if s in held_out] if args.report_held_out else []
    topics, rows = load(directory, tuning + testing)
    if not rows:
        sys.exit(f"{directory}: no topic with answers")

    times = score_rows(rows, topics)

    for baseline in ("length", "bigram"):  # leave one topic out
        for slug in topics:
            others = [r for r in rows if r["topic"] != slug]
            line = fit_line([r[f"{baseline}_x"] for r in others], [r["grade"] for r in others])
            for row in rows:
                if row["topic"] == slug:
                    row[baseline] = line(row[f"{baseline}_x"])

    by_topic = {slug: [r for r in rows if r["topic"] == slug] for slug in topics}
    print(f"{len(rows)} graded answers from {directory}; spearman and MAE per method")
    tuned = {slug: by_topic[slug] for slug in tuning}
    tuned["all tuning"] = [r for r in rows if r["topic"] in tuning]
    table("tuning topics", tuned)
    if testing:
        test = {slug: by_topic[slug] for slug in testing}
        test["all held out"] = [r for r in rows if r["topic"] in testing]
        table("HELD-OUT topics", test)
    elif held_out & set(available):
        print(f"\n(held-out topics not scored: {', '.join(sorted(held_out & set(available)))})")
    p95 = sorted(times)[int(len(times) * 0.95)]
    print(f"\nmedian time per suggestion: {statistics.median(times):.2f} ms (p95 {p95:.2f} ms)")

    if args.details:
        mine = [r for r in rows if r["topic"] in tuning]
        print("\ntuning topics: kinds by mean error")
        by_kind: dict[str, list] = {}
        for r in mine:
            by_kind.setdefault(r["kind"], []).append(r)
        for kind, items in sorted(by_kind.items()):
            err = statistics.fmean(r["scorer"] - r["grade"] for r in items)
            print(f"  {kind:<18} n={len(items):<3} mean(scorer-grade)={err:+.2f}")
        print()
        for r in sorted(mine, key=lambda r: abs(r["scorer"] - r["grade"]), reverse=True)[:40]:
            print(
                f"{r['id']:<24} grade={r['grade']:<4} scorer={r['scorer']:<4} "
                f"{r['notes']} {r['answer'][:80]!r}"
            )
    counts = Counter(r["kind"] for r in rows if r["topic"] in tuning)
    print(f"\nkinds (tuning topics): {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
