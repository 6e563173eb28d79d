"""How the importer does on a corpus of real interview files, counted by hand.

    .venv/bin/python bench/import_corpus.py DIR [TRUTH.json] [--only PREFIX]

TRUTH.json maps paths relative to DIR (optionally under a top-level "files" key) to
{"shape", "questions", "answered", "expect": "import" | "refuse", ...}; or it is a manifest like
bench/corpus_manifest.json, whose "files" is a list of entries named by "file", picked by --set.
For each file it prints the
detected shape, questions/answered found vs truth and a verdict (an entry whose counts are of a
prefix of its file says where the prefix ends: ``"cut": {"before": LINE, "occurrence": N}``, and
a whole file is cut there before it is read, so a file fetched whole is measured as counted):
  ok                 imported with the right question and answer counts
  accepted-wrong     imported with wrong counts (the worst outcome: the curator trusts it), or
                     imported when a refusal was expected
  refused-correctly  refused, and a refusal was expected
  refused-wrongly    refused, but the file should import
then totals: % of files imported with the right counts, how many were accepted wrong, and
how many refused (with their messages).

A file refused for its shape offers readings a curator can choose between (the admin's preview,
``import_questions --shape``): each is read as forced and printed with what it finds, and a
file refused wrongly whose hand counts one of them yields is "right after one choice" (the
curator would pick it). The totals add those to the files imported right automatically.
Without TRUTH.json every ``*.md`` under DIR is read and only what was found is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cut(data: bytes, spec: dict | None) -> bytes:
    """The prefix of a file that its hand counts are of: everything before the ``occurrence``-th
    line (1 by default) whose text, stripped, is ``before``. A copy already cut there (no such
    line) is returned as it is."""
    if not spec:
        return data
    wanted, seen, at = spec["before"].strip(), 0, 0
    for line in data.splitlines(keepends=True):
        if line.decode("utf-8", "replace").strip() == wanted:
            seen += 1
            if seen == spec.get("occurrence", 1):
                return data[:at]
        at += len(line)
    return data


def verdict(truth: dict, result) -> str:
    expect = truth.get("expect", "import")
    if not result.ok:
        return "refused-correctly" if expect == "refuse" else "refused-wrongly"
    if expect == "refuse":
        return "accepted-wrong"
    if counts(result) == (truth.get("questions"), truth.get("answered")):
        return "ok"
    return "accepted-wrong"


def counts(result) -> tuple[int, int] | None:
    """(questions, answered) of an imported file; None for a refused one."""
    if not result.ok:
        return None
    questions = result.topic.questions
    return len(questions), sum(1 for q in questions if q.has_answer)


def shown(got: tuple[int, int] | None, refused: str) -> str:
    return f"{got[0]}/{got[1]}" if got else refused


def choices(data: bytes, name: str, result) -> list[tuple[object, tuple[int, int] | None]]:
    """Each reading a refused file offers, with the counts it yields when chosen (None: the
    forced reading is refused too)."""
    from questionbank.parsing import parse_topic

    return [(r, counts(parse_topic(data, filename=name, shape=r.shape))) for r in result.readings]


def print_choices(offered, want: tuple | None = None) -> None:
    for reading, got in offered:
        found = shown(got, "refused")
        mark = "  <- the hand counts" if want is not None and got == want else ""
        print(f"{'':21}could be read as {reading.shape:9} offered "
              f"{reading.questions}/{reading.answered}, reads {found}{mark}")  # fmt: skip


def without_truth(directory: Path, quiet: bool) -> int:
    from questionbank.parsing import parse_topic

    files = sorted(p for p in directory.rglob("*.md") if p.is_file())
    imported = refused = offering = 0
    for path in files:
        data = path.read_bytes()
        result = parse_topic(data, filename=path.name)
        rel = path.relative_to(directory)
        if result.ok:
            imported += 1
            found = shown(counts(result), "")
            if not quiet:
                print(f"imported  {result.topic.shape:9} found {found:>9}  {rel}")
            continue
        refused += 1
        offering += bool(result.readings)
        if not quiet:
            codes = ",".join(e.code for e in result.errors)
            print(f"refused   {codes:30} {rel}")
            print_choices(choices(data, path.name, result))
    print()
    print(f"files: {len(files)} (no hand counts: only what was found)")
    print(f"imported: {imported}; refused: {refused}, of which {offering} offer readings to choose")
    return 0


def main() -> int:
    from questionbank.parsing import parse_topic

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("truth", type=Path, nargs="?")
    parser.add_argument("--only", default="", help="only paths starting with this prefix")
    parser.add_argument("--quiet", action="store_true", help="totals only")
    parser.add_argument("--set", default="", help="manifest entries of one set (tune, holdout)")
    args = parser.parse_args()
    if args.truth is None:
        return without_truth(args.dir, args.quiet)
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    truth = truth.get("files", truth)
    if isinstance(truth, list):  # a manifest: entries named by "file", in sets
        truth = {e["file"]: e for e in truth if not args.set or e.get("set") == args.set}
    rows, refusals, chosen = [], [], []
    for rel in sorted(truth):
        if not rel.startswith(args.only):
            continue
        entry = truth[rel]
        path = args.dir / rel
        if not path.exists():
            print(f"missing  {rel}")
            continue
        data = cut(path.read_bytes(), entry.get("cut"))
        # The name a curator's upload carries: the file's own, not the repository path that
        # the local copy's name spells out ("…__面试题__MySql.md" is uploaded as "MySql.md").
        name = Path(entry.get("path") or rel).name
        result = parse_topic(data, filename=name)
        got = counts(result)
        found = shown(got, "-/-")
        shape = result.topic.shape if result.ok else "refused"
        want = f"{entry.get('questions')}/{entry.get('answered')}"
        outcome = verdict(entry, result)
        rows.append(outcome)
        if not result.ok:
            refusals.append((rel, "; ".join(result.errors)[:300]))
        if not args.quiet:
            print(f"{outcome:18} {shape:9} ({entry.get('shape', '?'):8}) found {found:>9} "
                  f"truth {want:>9}  {rel}")  # fmt: skip
        if outcome == "refused-wrongly":
            offered = choices(data, name, result)
            hand = (entry.get("questions"), entry.get("answered"))
            if any(got == hand for _reading, got in offered):
                chosen.append(rel)
            if not args.quiet:
                print_choices(offered, hand)
    total = len(rows)
    if not total:
        print("no files")
        return 1
    ok = rows.count("ok")
    print()
    print(f"files: {total}")
    print(f"imported with the right question and answer counts: {ok} ({100 * ok / total:.0f}%)")
    right = ok + rows.count("refused-correctly")
    print(f"right outcome (imported right, or refused as expected): {right} "
          f"({100 * right / total:.0f}%)")  # fmt: skip
    print(f"accepted wrong: {rows.count('accepted-wrong')}")
    wrongly = rows.count("refused-wrongly")
    print(f"refused wrongly but right after one choice (a reading offered yields the hand counts): "
          f"{len(chosen)} of {wrongly}")  # fmt: skip
    print(f"imported right automatically + right after one choice: {ok} + {len(chosen)} = "
          f"{ok + len(chosen)} ({100 * (ok + len(chosen)) / total:.0f}%)")  # fmt: skip
    print(f"refused: {len(refusals)} (correctly {rows.count('refused-correctly')}, "
          f"wrongly {rows.count('refused-wrongly')})")  # fmt: skip
    if not args.quiet:
        for rel, message in refusals:
            print(f"  {rel}: {message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
