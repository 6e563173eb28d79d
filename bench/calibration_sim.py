"""Does calibrating a question's suggestion on interviewers' scores help? A simulation.

    .venv/bin/python bench/calibration_sim.py [--topics DIR ...] [--no-fixtures]
        [--held-out a,b,c] [--repeats 200] [--seed 1]
    e.g. --topics tests/data/newtopics (--data is the same option)

Graded answers stand in for interviewer scores. Data: the fixture topics
(fixtures/questions/*.md with tests/data/grading_eval.jsonl) and every DIR given with
``--topics`` (``<slug>.md`` topic files, each with ``<slug>.jsonl`` graded answers beside it, as
in tests/data/newtopics/). Held-out topics (``--held-out``, default kafka, linux-performance,
docker) are never read: they stay out of every tuning decision, this one included.

Every answer is scored once with scoring.suggest.suggest (the raw suggestion). Then, for
k = 4, 8, 16 and each question with more than k graded answers, ``--repeats`` times: draw k of
its answers as "scored by interviewers", fit scoring.calibration on them, and score the rest of
that question's answers raw and calibrated. Spearman and MAE are taken over all held-back answers
of one repetition (every eligible question together), then averaged over repetitions; raw and
calibrated are measured on the same answers, so the lift is paired. With about 8 answers per
question, k = 16 is infeasible per question; the per-topic pooled variant (one calibration per
topic from k answers drawn across its questions) gives that figure.

Also k = n-1 (leave one out: each answer scored by a calibration fitted on all its question's
other answers), the most any question here allows.

Printed: per method (isotonic, linear, shift) with the product's shrinkage prior, the prior
swept for each method at k = 4, the pooled variant, and timings (fit and apply against one
suggestion, measured in the same run); each for all answers and per data set.

Reading it: on the fixture topics the scorer was tuned on these very answers, so it has little
left to learn there, and the figures say what calibration costs when the scorer already agrees
with the graders; topics it was not tuned on say what it gains. Both understate the product's
case a little: a question's few graded answers were written to span the grades, so the answers
drawn as "scored" and those held back are not independent (drawing the high ones leaves the low
ones), while an interviewer's next answer is independent of the ones already scored. The last
table measures that on synthetic questions: the protocol above against fresh answers.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.grading_eval import load_topic, load_topics, mae, spearman  # noqa: E402
from scoring import calibration  # noqa: E402
from scoring.calibration import KEEP_RAW  # noqa: E402
from scoring.suggest import suggest  # noqa: E402

HELD_OUT = ("kafka", "linux-performance", "docker")
KS = (4, 8, 16)


def load_directory(directory: Path, held_out: set[str]) -> tuple[dict, list[dict]]:
    """References per (topic, question) and graded rows of every ``<slug>.md`` + ``.jsonl``."""
    topics, rows = {}, []
    for path in sorted(directory.glob("*.md")):
        graded = path.with_suffix(".jsonl")
        if path.stem in held_out or not graded.exists():
            continue
        topics[path.stem] = load_topic(path)
        for line in graded.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append({**json.loads(line), "topic": path.stem})
    return topics, rows


def metrics(predicted: list[float], grades: list[float]) -> tuple[float, float]:
    return spearman(predicted, grades), mae(predicted, grades)


def estimate(fitted, row: dict, prior: float) -> float:
    """The calibrated score, as the product gives it."""
    if row.get("keep_raw"):
        return calibration.to_halves(row["raw"])
    return calibration.apply(fitted, row["raw"], prior=prior)


def leave_one_out(groups: list[list[dict]], method: str, prior: float):
    """k = n - 1: each answer scored by a calibration fitted on its question's other answers."""
    raw, calibrated, grades = [], [], []
    for group in groups:
        for i, row in enumerate(group):
            others = [(r["raw"], r["grade"]) for j, r in enumerate(group) if j != i]
            fitted = calibration.fit(others, method=method)
            raw.append(row["raw"])
            calibrated.append(estimate(fitted, row, prior))
            grades.append(row["grade"])
    rho_raw, mae_raw = metrics(raw, grades)
    rho_cal, mae_cal = metrics(calibrated, grades)
    return (rho_raw, rho_cal, mae_raw, mae_cal), len(groups)


def simulate(groups: list[list[dict]], k, method: str, prior: float, repeats: int, seed: int):
    """Mean (raw rho, calibrated rho, raw MAE, calibrated MAE) over repetitions, and the number
    of groups with enough answers; None when no group has more than k answers."""
    if k == "n-1":
        return leave_one_out(groups, method, prior)
    eligible = [group for group in groups if len(group) > k]
    if not eligible:
        return None, 0
    rng = random.Random(seed)
    results = []
    for _ in range(repeats):
        raw, calibrated, grades = [], [], []
        for group in eligible:
            drawn = set(rng.sample(range(len(group)), k))
            fitted = calibration.fit(
                [(group[i]["raw"], group[i]["grade"]) for i in drawn], method=method
            )
            for i, row in enumerate(group):
                if i not in drawn:
                    raw.append(row["raw"])
                    calibrated.append(estimate(fitted, row, prior))
                    grades.append(row["grade"])
        results.append((*metrics(raw, grades), *metrics(calibrated, grades)))
    raw_rho, raw_mae, cal_rho, cal_mae = (statistics.fmean(r[i] for r in results) for i in range(4))
    return (raw_rho, cal_rho, raw_mae, cal_mae), len(eligible)


def protocol_check(seed: int, questions: int = 3000) -> None:
    """Synthetic questions whose 8 answers span the grades like the graded sets: the MAE lift at
    k=4 measured on the pool's other 4 answers (as above) and on 4 fresh answers (as in use)."""
    rng = random.Random(seed)
    grades = [0, 0.5, 1, 2, 3, 4, 4.5, 5]

    def answer(grade: float, bias: float) -> tuple[float, float]:
        return calibration.to_halves(grade - bias + rng.gauss(0, 0.9)), grade

    def lift(fitted, answers) -> float:
        return statistics.fmean(
            abs(calibration.apply(fitted, raw) - grade) - abs(calibration.to_halves(raw) - grade)
            for raw, grade in answers
        )

    for bias in (0.0, 1.0):
        pooled, fresh = [], []
        for _ in range(questions):
            shift = rng.choice((-bias, bias))
            pool = [answer(grade, shift) for grade in grades]
            drawn = set(rng.sample(range(len(pool)), 4))
            fitted = calibration.fit([pool[i] for i in drawn])
            pooled.append(lift(fitted, [a for i, a in enumerate(pool) if i not in drawn]))
            fresh.append(lift(fitted, [answer(g, shift) for g in rng.sample(grades, 4)]))
        print(
            f"  scorer off by +-{bias:g} per question: MAE lift {statistics.fmean(pooled):+.3f} "
            f"on the pool's other answers, {statistics.fmean(fresh):+.3f} on fresh ones"
        )


def line(label: str, figures, eligible: int, total: int) -> str:
    if figures is None:
        return f"{label:<34}{'infeasible: no group has more than k answers':>60}  0/{total}"
    raw_rho, cal_rho, raw_mae, cal_mae = figures
    return (
        f"{label:<34}{raw_rho:>8.3f}{cal_rho:>8.3f}{cal_rho - raw_rho:>+8.3f}"
        f"{raw_mae:>8.3f}{cal_mae:>8.3f}{cal_mae - raw_mae:>+8.3f}  {eligible}/{total}"
    )


HEADER = f"{'':<34}{'rho raw':>8}{'cal':>8}{'lift':>8}{'MAE raw':>8}{'cal':>8}{'lift':>8}  groups"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--topics",
        "--data",
        action="append",
        default=[],
        help="A directory of <slug>.md topics with <slug>.jsonl graded answers (repeatable).",
    )
    parser.add_argument("--no-fixtures", action="store_true", help="Leave out the fixture topics.")
    parser.add_argument("--held-out", default=",".join(HELD_OUT))
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--prior", type=float, default=calibration.PRIOR)
    args = parser.parse_args()
    held_out = {slug for slug in args.held_out.split(",") if slug}

    references, rows = {}, []
    if not args.no_fixtures:
        references.update(load_topics())
        for text in (ROOT / "tests" / "data" / "grading_eval.jsonl").read_text().splitlines():
            if text.strip():
                rows.append({**json.loads(text), "source": "fixtures"})
    for directory in args.topics:
        topics, graded = load_directory(Path(directory), held_out)
        references.update(topics)
        rows.extend({**row, "source": Path(directory).name} for row in graded)
    rows = [row for row in rows if row["topic"] not in held_out]

    times = []
    for row in rows:
        reference = references[row["topic"]][row["question"]]["reference"]
        start = time.perf_counter()
        suggestion = suggest(row["answer"], reference)
        row["raw"], row["keep_raw"] = suggestion.score, bool(KEEP_RAW & set(suggestion.notes))
        times.append(time.perf_counter() - start)

    by_question: dict[tuple, list[dict]] = {}
    by_topic: dict[str, list[dict]] = {}
    for row in rows:
        by_question.setdefault((row["topic"], row["question"]), []).append(row)
        by_topic.setdefault(row["topic"], []).append(row)
    questions, topics = list(by_question.values()), list(by_topic.values())
    sizes = sorted(len(group) for group in questions)
    print(
        f"{len(rows)} graded answers, {len(topics)} topics ({', '.join(sorted(by_topic))}), "
        f"{len(questions)} questions with {sizes[0]}-{sizes[-1]} answers each "
        f"(median {statistics.median(sizes):g}); held out, not read: {', '.join(sorted(held_out))}"
    )
    sources = {"all": (questions, topics)}
    for source in dict.fromkeys(row["source"] for row in rows):
        sources[source] = (
            [g for g in questions if g[0]["source"] == source],
            [g for g in topics if g[0]["source"] == source],
        )
    for source, (groups, _) in sources.items():
        subset = [row for group in groups for row in group]
        raw, grades = [r["raw"] for r in subset], [r["grade"] for r in subset]
        print(
            f"  {source}: {len(subset)} answers, raw Spearman {spearman(raw, grades):.3f}, "
            f"MAE {mae(raw, grades):.3f}"
        )
    print(f"{args.repeats} draws per figure; shrinkage prior {args.prior:g}")

    def table(title: str, runs, pooled: bool = False) -> None:
        print(f"\n{title}\n{HEADER}")
        for source, (groups, topic_groups) in sources.items():
            target = topic_groups if pooled else groups
            for method, k, prior in runs:
                figures, eligible = simulate(target, k, method, prior, args.repeats, args.seed)
                label = f"{source} {method} k={k}"
                if prior != args.prior:
                    label += f" p={prior:g}"
                print(line(label, figures, eligible, len(target)))

    methods = calibration.METHODS
    table(
        "per question: k interviewer-scored answers, tested on the question's others",
        [(m, k, args.prior) for m in methods for k in (*KS, "n-1")],
    )
    table(
        "per question, k=4: the shrinkage prior p (0 = the fitted map as is)",
        [(m, 4, p) for m in methods for p in (0, 4, 16)],
    )
    table(
        "per topic, pooled: one calibration per topic from k answers of any of its questions",
        [(m, k, args.prior) for m in methods for k in KS],
        pooled=True,
    )

    print("\nthe protocol itself, on synthetic questions (raw = grade - bias + noise 0.9), k=4:")
    protocol_check(args.seed)

    pairs = [(row["raw"], row["grade"]) for row in questions[0]] * 6  # ~50 scores
    fit_times, apply_times = [], []
    for _ in range(200):
        start = time.perf_counter()
        fitted = calibration.fit(pairs)
        fit_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        calibration.apply(fitted, 3.5)
        apply_times.append(time.perf_counter() - start)
    one, fitting = statistics.median(times), statistics.median(fit_times)
    applying = statistics.median(apply_times)
    print(
        f"\nmedian suggestion {one * 1000:.2f} ms; fit on {len(pairs)} scores "
        f"{fitting * 1000:.3f} ms ({fitting / one:.3f}x a suggestion); "
        f"apply {applying * 1e6:.1f} us ({applying / one:.4f}x)"
    )


if __name__ == "__main__":
    main()
