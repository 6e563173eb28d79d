"""How well the suggested scores agree with human grades, against two baselines.

    .venv/bin/python bench/grading_eval.py [--data tests/data/grading_eval.jsonl] [--details]

Reads the hand-graded answers (grades written before the scorer saw them; "train" and "dev"
lines are used to tune it, "dev" ones were written later, in two batches, by people who never
saw the scorer;
"test" lines are held out and only reported, and so are "test2" ones, written after the tuning
as a fresh check), scores each with scoring.suggest.suggest against
the key points the importer extracts from fixtures/questions/, and prints, per split:
Spearman correlation and mean absolute error for
  scorer        scoring.suggest.suggest
  length        answer length alone (a straight line fitted on the train split)
  bigram        character-bigram recall against the standard answer text (same fit)
and the median time per suggestion after warm-up. No database: it parses the fixtures itself.
Goals: held-out Spearman >= 0.85, MAE <= 0.7, median < 5 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from questionbank.parsing import parse_topic  # noqa: E402
from scoring.suggest import TermStats, prepare, suggest  # noqa: E402
from scoring.textmatch import answer_text  # noqa: E402


def load_topic(path: Path) -> dict:
    """{question number: {"reference", "answer"}} of a topic file, imported as a curator would."""
    result = parse_topic(path.read_bytes(), filename=path.name)
    if result.topic is None:
        sys.exit(f"{path}: not importable: {[str(p) for p in result.errors]}")
    topic = result.topic
    stats = TermStats.build(f"{q.text}\n{q.answer_plain}" for q in topic.questions)
    return {
        q.number: {
            "reference": prepare(
                [(kp.text, kp.weight) for kp in q.key_points],
                question=q.text,
                answer=q.answer_plain,
                title=q.answer_title,
                stats=stats,
            ),
            "answer": q.answer_plain,
        }
        for q in topic.questions
    }


def load_topics() -> dict:
    """The five demo topics, by slug."""
    return {
        path.stem: load_topic(path)
        for path in sorted((ROOT / "fixtures" / "questions").glob("*.md"))
    }


def score_rows(rows: list[dict], topics: dict) -> list[float]:
    """Score every row (``scorer``, ``notes``, and the baselines' ``length_x``, ``bigram_x``);
    the milliseconds each suggestion took, timed after a warm-up on new answers."""
    for row in rows:  # warm-up: prepared references are cached per question, as in a session
        suggest(row["answer"], topics[row["topic"]][row["question"]]["reference"])
    answer_text.cache_clear()  # time new answers, not remembered sentences
    times = []
    for row in rows:
        question = topics[row["topic"]][row["question"]]
        start = time.perf_counter()
        suggestion = suggest(row["answer"], question["reference"])
        times.append((time.perf_counter() - start) * 1000)
        row["scorer"] = suggestion.score
        row["notes"] = suggestion.notes
        row["length_x"] = len(row["answer"].strip())
        row["bigram_x"] = bigram_recall(row["answer"], question["answer"])
    return times


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = ranks(a), ranks(b)
    mean_a, mean_b = statistics.fmean(ra), statistics.fmean(rb)
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(ra, rb, strict=True))
    var_a = sum((x - mean_a) ** 2 for x in ra)
    var_b = sum((y - mean_b) ** 2 for y in rb)
    return cov / (var_a * var_b) ** 0.5 if var_a and var_b else 0.0


def mae(a: list[float], b: list[float]) -> float:
    return statistics.fmean(abs(x - y) for x, y in zip(a, b, strict=True))


def bigram_recall(answer: str, reference: str) -> float:
    def grams(text: str) -> Counter:
        text = "".join(text.lower().split())
        return Counter(text[i : i + 2] for i in range(len(text) - 1))

    ref, got = grams(reference), grams(answer)
    total = sum(ref.values())
    return sum(min(count, got[g]) for g, count in ref.items()) / total if total else 0.0


def fit_line(xs: list[float], ys: list[float]):
    """Least squares y = a x + b, clipped to 0..5: the fairest use of a one-number baseline."""
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    var = sum((x - mean_x) ** 2 for x in xs)
    slope = (
        sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var if var else 0
    )
    return lambda x: min(5.0, max(0.0, mean_y + slope * (x - mean_x)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=str(ROOT / "tests" / "data" / "grading_eval.jsonl"))
    parser.add_argument(
        "--details",
        action="store_true",
        help="Print the train and dev answers the scorer gets most wrong (never test ones).",
    )
    args = parser.parse_args()
    rows = [
        json.loads(line)
        for line in Path(args.data).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    topics = load_topics()

    times = score_rows(rows, topics)

    train = [r for r in rows if r["split"] == "train"]
    for baseline in ("length", "bigram"):
        line = fit_line([r[f"{baseline}_x"] for r in train], [r["grade"] for r in train])
        for row in rows:
            row[baseline] = line(row[f"{baseline}_x"])

    counts = Counter(r["split"] for r in rows)
    print(f"{len(rows)} graded answers ({', '.join(f'{n} {s}' for s, n in counts.items())})")
    print(f"{'split':<7}{'method':<9}{'spearman':>10}{'MAE':>8}")
    for split in ("train", "dev", "test", "test2"):
        subset = [r for r in rows if r["split"] == split]
        if not subset:
            continue
        grades = [r["grade"] for r in subset]
        for method in ("scorer", "length", "bigram"):
            predicted = [r[method] for r in subset]
            rho, error = spearman(predicted, grades), mae(predicted, grades)
            print(f"{split:<7}{method:<9}{rho:>10.3f}{error:>8.3f}")
    p95 = sorted(times)[int(len(times) * 0.95)]
    print(f"median time per suggestion: {statistics.median(times):.2f} ms (p95 {p95:.2f} ms)")

    if args.details:
        tuning = [r for r in rows if r["split"] in ("train", "dev")]
        print("\ntrain and dev: kinds by mean error")
        by_kind: dict[str, list] = {}
        for r in tuning:
            by_kind.setdefault(r["kind"], []).append(r)
        for kind, items in sorted(by_kind.items()):
            err = statistics.fmean(r["scorer"] - r["grade"] for r in items)
            print(f"  {kind:<18} n={len(items):<3} mean(scorer-grade)={err:+.2f}")
        print()
        for r in sorted(tuning, key=lambda r: abs(r["scorer"] - r["grade"]), reverse=True)[:50]:
            print(
                f"{r['split']:<5} {r['id']:<28} grade={r['grade']:<4} scorer={r['scorer']:<4} "
                f"{r['notes']} {r['answer'][:70]!r}"
            )


if __name__ == "__main__":
    main()
