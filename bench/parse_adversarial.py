"""Parse time of hostile files, as ratios to the seed file's parse time in the same run.

    .venv/bin/python bench/parse_adversarial.py [--repeat 3]

The cases are bench/adversarial.py's (also asserted by tests/questionbank/
test_parse_adversarial.py). The baseline is fixtures/questions/kubernetes.md (our own format,
about 20 KB); this machine is noisy, so absolute times are printed but only ratios compare. Goal
from issue 9: every file up to the size cap parses well under a second.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(parse, data: bytes, name: str, repeat: int) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = parse(data, filename=name)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), result


def main() -> int:
    from bench.adversarial import cases
    from questionbank.parsing import parse_topic

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seed = (ROOT / "fixtures" / "questions" / "kubernetes.md").read_bytes()
    base, _ = timed(parse_topic, seed, "kubernetes.md", max(args.repeat, 5))
    print(f"baseline kubernetes.md ({len(seed) / 1024:.0f} KB): {base * 1000:.1f} ms")
    print(f"{'case':18} {'KB':>5} {'ms':>8} {'x seed':>7}  result")
    worst = 0.0
    for name, data, _expected in cases():
        seconds, result = timed(parse_topic, data, f"{name}.md", args.repeat)
        worst = max(worst, seconds)
        outcome = (
            f"{len(result.topic.questions)} questions ({result.topic.shape})"
            if result.ok
            else f"refused: {result.errors[0].code}"
        )
        print(f"{name:18} {len(data) / 1024:5.0f} {seconds * 1000:8.1f} {seconds / base:7.1f}  "
              f"{outcome}")  # fmt: skip
    print(f"slowest: {worst * 1000:.0f} ms = {worst / base:.1f}x the seed file")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
