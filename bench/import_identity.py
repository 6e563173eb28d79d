"""Re-import identity: matching questions by text (with small edits) vs by number.

    .venv/bin/python bench/import_identity.py [--sizes 300,1500]

For files of N questions (generated Chinese text, 8-40 characters; a file at the size cap holds
about 1,500), times identity.match in the cases a re-import meets, each as a ratio to matching
the same questions by number (the seed format's rule) measured in the same run:
  same text        every question unchanged: exact matches only
  all different    nothing matches: every pair of the right lengths is compared
  all typos        every question one character off, all of one length (the worst case for
                   the small-edit search: one length bucket holds every question)
Absolute times are printed too; only the ratios are comparable between machines. Goal: the
worst case well under a second at the size cap (the parse of such a file takes about that).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from questionbank.identity import Incoming, Stored, match  # noqa: E402

CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 600)]


def text(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(CHARS) for _ in range(length))


def timed(stored, incoming, *, by_number: bool, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        match(stored, incoming, by_number=by_number)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1500")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    rng = random.Random(9)
    print(f"{'questions':>9} {'case':<14} {'seconds':>8} {'x by number':>12}")
    for n in sizes:
        texts = [text(rng, rng.randint(8, 40)) for _ in range(n)]
        stored = [Stored(i, i + 1, "", t) for i, t in enumerate(texts)]
        same_length = [text(rng, 30) for _ in range(n)]
        cases = {
            "same text": (stored, [Incoming(i + 1, "", t) for i, t in enumerate(texts)]),
            "all different": (
                stored,
                [Incoming(i + 1, "", text(rng, rng.randint(8, 40))) for i in range(n)],
            ),
            "all typos": (
                [Stored(i, i + 1, "", t) for i, t in enumerate(same_length)],
                [Incoming(i + 1, "", t[:5] + "甲" + t[6:]) for i, t in enumerate(same_length)],
            ),
        }
        baseline = timed(*cases["same text"], by_number=True)
        print(f"{n:>9} {'by number':<14} {baseline:>8.4f} {1:>12.1f}")
        for name, (old, new) in cases.items():
            seconds = timed(old, new, by_number=False)
            print(f"{n:>9} {name:<14} {seconds:>8.4f} {seconds / baseline:>12.1f}")


if __name__ == "__main__":
    main()
