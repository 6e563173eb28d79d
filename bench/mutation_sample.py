"""A random sample of small, plausible bugs planted one at a time: which do the tests catch?

    python bench/mutation_sample.py --list                 # the sample, without running tests
    python bench/mutation_sample.py [--seed N] [--size 20] # plant, test, restore, print the table
    python bench/mutation_sample.py --only 3,7             # rerun some mutants of the sample
    python bench/mutation_sample.py --sites-from c1b93ff   # the sample drawn at that commit
    python bench/mutation_sample.py --timeout 120          # per mutant (default 300 s)

How the sample is drawn: every mutation site of the files of each area below (``AREAS``) is
enumerated (Python through ``tokenize``, so nothing inside strings or comments: a comparison
flipped, ``and``/``or`` swapped, ``not`` dropped, ``True``/``False`` swapped, a number changed, a
one-line statement replaced by ``pass``; answer.js by its lines: ``===``/``!==``, ``<``/``<=``,
``&&``/``||``, ``true``/``false``, a number, a one-line statement removed). The sites of an area
are pooled and shuffled with ``random.Random(seed)``, and ``--size`` of them are drawn evenly
across the areas (round-robin, one from each area in turn), so a big area (the readers) weighs
no more than a small one (answer.js). Each is written into the checkout, the area's tests run
(``-x``, stopping at the first failure), and the file restored from memory, whatever happens.
Tests still running after ``--timeout`` seconds (a mutant's endless loop) are killed, their
whole process group, and the mutant shown as "hung (caught: timed out)": caught, and counted
apart in the totals. A sample is fixed by its seed, its size, the areas and the files' text:
``--sites-from`` redraws it from the files at an earlier commit (with today's areas; samples
drawn before the areas existed, by 8f40035's harness and its six files, need that harness).

Run from the worktree with the shared venv; restores the files even on Ctrl-C. The tests run on
the database of ``DATABASE_URL`` (SQLite in memory by default; CI runs the suite on PostgreSQL as
well, where a dropped transaction or a ``select_for_update`` outside one shows: set
``DATABASE_URL=postgres://...`` to sample as CI tests). Never run two at once in one checkout.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import io
import os
import random
import re
import signal
import subprocess
import sys
import time
import tokenize
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# Area -> (its files, the tests that are about them, run with -x). The areas are the issue's:
# parsing, importing, rendering, access, answers, live, practice, panels, reports, scoring and
# answer.js, plus the request guards of the hardening issue. A file pattern is a glob.
AREAS = {
    "parsing": (
        ["questionbank/parsing.py", "questionbank/readers/*.py"],
        [
            "tests/questionbank/test_parsing.py",
            "tests/questionbank/test_readers_*.py",
            "tests/questionbank/test_detect.py",
            "tests/questionbank/test_doubts.py",
            "tests/questionbank/test_front_matter.py",
            "tests/questionbank/test_parse_adversarial.py",
            "tests/questionbank/test_mutants_*.py",  # parsing, detect, lists
        ],
    ),
    "importing": (
        ["questionbank/importing.py", "questionbank/identity.py"],
        [
            "tests/questionbank/test_importing*.py",  # edges and read errors too
            "tests/questionbank/test_identity.py",
            "tests/questionbank/test_commands.py",
            "tests/questionbank/test_import_tasks.py",
        ],
    ),
    "rendering": (
        ["questionbank/rendering.py"],
        [
            "tests/questionbank/test_rendering.py",
            "tests/questionbank/test_rendering_edges.py",
            "tests/test_external_images.py",
            "tests/questionbank/test_parsing.py",
        ],
    ),
    "access": (
        ["interviews/access.py"],
        [
            "tests/test_access_matrix.py",
            "tests/test_access_edges.py",
            "tests/interviews/test_live_views.py",
            "tests/interviews/test_live_console.py",  # the poll's lookup from rows it read
            "tests/interviews/test_practice.py",
            "tests/interviews/test_invitation.py",
            "tests/interviews/test_assembly_views.py",
            "tests/interviews/test_panel_console.py",
            "tests/interviews/test_panel_review.py",
            "tests/interviews/test_panel_invite.py",
        ],
    ),
    "answers": (
        ["interviews/answers.py"],
        [
            "tests/interviews/test_answers.py",
            "tests/interviews/test_answers_edges.py",
            "tests/interviews/test_live_views.py",
            "tests/interviews/test_practice.py",
        ],
    ),
    "live": (
        ["interviews/live.py", "interviews/views/console.py", "interviews/views/candidate.py"],
        [
            "tests/interviews/test_live_*.py",  # views, console, edges, pause time
            "tests/interviews/test_console_edges.py",
            "tests/interviews/test_panel_scorecard_views.py",  # a seat's score reply and poll
            "tests/interviews/test_answers.py",
            "tests/interviews/test_panel_console.py",  # the console serves each seat too
            "tests/test_access_matrix.py",
            "tests/interviews/test_practice.py",  # candidate.py serves the mocks' pages and polls
            "tests/interviews/test_practice_pages.py",
        ],
    ),
    "practice": (
        ["interviews/practice.py", "interviews/views/practice.py"],
        [
            "tests/interviews/test_practice*.py",  # timeouts, pages, the history's cap
        ],
    ),
    "panels": (
        [
            "interviews/panel.py",
            "interviews/panel_math.py",
            "interviews/views/panel_review.py",
            "interviews/views/panel_invite.py",
        ],
        [
            "tests/interviews/test_panel*.py",
        ],
    ),
    "reports": (
        ["interviews/reports.py", "interviews/sharing.py", "interviews/views/report.py"],
        [
            "tests/interviews/test_reports.py",
            "tests/interviews/test_scorecard.py",
            "tests/interviews/test_report_edges.py",
            "tests/interviews/test_panel_scorecard_views.py",  # awaiting the panel's decision
            "tests/interviews/test_panel_review.py",  # the report after a panel's decision
        ],
    ),
    "scoring": (
        ["scoring/*.py"],
        [
            "tests/scoring",
            "tests/interviews/test_calibration.py",
            "tests/interviews/test_grade_command.py",
        ],
    ),
    "answer.js": (
        ["static/js/answer.js"],
        [
            "tests/e2e/test_autosave.py",
            "tests/e2e/test_live_session.py",
            "tests/e2e/test_practice.py",
        ],
    ),
    "guards": (
        ["accounts/throttling.py", "config/middleware.py"],
        ["tests/test_passwords.py", "tests/test_bad_input.py"],
    ),
}


def area_files(patterns: list[str], commit: str = "") -> list[str]:
    """The files of an area (``__init__.py`` left out), sorted, as they are or were at COMMIT."""
    if commit:
        listed = ["git", "ls-tree", "-r", "--name-only", commit]
        done = subprocess.run(listed, cwd=ROOT, capture_output=True, text=True, check=True)
        names = done.stdout.split()
        found = {n for n in names for p in patterns if fnmatch.fnmatchcase(n, p)}
    else:
        found = {str(f.relative_to(ROOT)) for p in patterns for f in ROOT.glob(p)}
    return sorted(f for f in found if not f.endswith("__init__.py"))


def tests_for(path: str) -> list[str]:
    for files, tests in AREAS.values():
        if any(fnmatch.fnmatchcase(path, p) for p in files):
            return sorted({str(t.relative_to(ROOT)) for p in tests for t in ROOT.glob(p)})
    raise LookupError(f"{path} is in no area")


_FLIP = {"==": "!=", "!=": "==", "<": "<=", "<=": "<", ">": ">=", ">=": ">", "is": "is not"}
_NAMES = {"and": "or", "or": "and", "True": "False", "False": "True"}


@dataclass
class Mutant:
    path: str
    line: int  # 1-based
    before: str
    after: str
    what: str

    def apply(self, text: str) -> str:
        """The mutant in ``text``: on its line, or (the file changed since the sample was
        drawn) on the line with the same text nearest to it."""
        lines = text.split("\n")
        same = [n for n, line in enumerate(lines) if line == self.before]
        if not same:
            raise LookupError(f"{self.path}:{self.line} is gone: {self.before.strip()}")
        n = min(same, key=lambda n: abs(n - (self.line - 1)))
        lines[n] = self.after
        return "\n".join(lines)


def _replace(line: str, col: int, old: str, new: str) -> str:
    assert line[col : col + len(old)] == old
    return line[:col] + new + line[col + len(old) :]


def python_sites(path: str, text: str) -> list[Mutant]:
    lines = text.split("\n")
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    sites = []
    for tok in tokens:
        (row, col), kind, value = tok.start, tok.type, tok.string
        if tok.start[0] != tok.end[0]:
            continue
        line = lines[row - 1]
        if line.lstrip().startswith(("def ", "class ", "@", "import ", "from ")):
            continue
        new = None
        if kind == tokenize.OP and value in _FLIP and value != "is":
            new = _FLIP[value]
        elif kind == tokenize.NAME and value in _NAMES:
            new = _NAMES[value]
        elif kind == tokenize.NAME and value == "not" and line[col:].startswith("not "):
            value, new = "not ", ""
        elif kind == tokenize.NUMBER and re.fullmatch(r"\d+", value):
            new = str(int(value) + 1) if value != "1" else "0"
        if new is not None:
            after = _replace(line, col, value, new)
            sites.append(Mutant(path, row, line, after, f"`{value.strip()}` -> `{new}`"))
    # One-line statements (a logical line on one physical line) replaced by `pass`.
    start = None
    for tok in tokens:
        if tok.type in (tokenize.INDENT, tokenize.DEDENT, tokenize.NL, tokenize.COMMENT):
            continue
        if start is None:
            start = tok
        if tok.type == tokenize.NEWLINE:
            row = start.start[0]
            line = lines[row - 1]
            stripped = line.strip()
            single = start.start[0] == tok.start[0]
            skip = stripped.startswith(
                ("def ", "class ", "@", "import ", "from ", '"""', "else", "try", "except",
                 "finally", "elif", "pass")
            )  # fmt: skip
            if single and not skip and not stripped.endswith(":") and start.type == tokenize.NAME:
                indent = line[: len(line) - len(line.lstrip())]
                sites.append(Mutant(path, row, line, f"{indent}pass", "line removed"))
            start = None
    return sites


_JS_OPS = [("===", "!=="), ("!==", "==="), ("<=", "<"), (">=", ">"), ("&&", "||"), ("||", "&&")]


def js_sites(path: str, text: str) -> list[Mutant]:
    sites = []
    for row, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("//", "*", "/*")):
            continue
        code = re.sub(r"(['\"`]).*?\1", lambda m: " " * len(m.group(0)), line)  # blank strings
        for old, new in _JS_OPS:
            for m in re.finditer(re.escape(old), code):
                after = _replace(line, m.start(), old, new)
                sites.append(Mutant(path, row, line, after, f"`{old}` -> `{new}`"))
        for m in re.finditer(r"(?<![=!<>])([<>])(?!=)", code):
            old = m.group(1)
            after = _replace(line, m.start(), old, old + "=")
            sites.append(Mutant(path, row, line, after, f"`{old}` -> `{old}=`"))
        for m in re.finditer(r"\b(true|false)\b", code):
            new = "false" if m.group(1) == "true" else "true"
            after = _replace(line, m.start(), m.group(1), new)
            sites.append(Mutant(path, row, line, after, f"`{m.group(1)}` -> `{new}`"))
        for m in re.finditer(r"(?<![\w.])(\d+)(?![\w.])", code):
            new = str(int(m.group(1)) + 1) if m.group(1) != "1" else "0"
            after = _replace(line, m.start(), m.group(1), new)
            sites.append(Mutant(path, row, line, after, f"`{m.group(1)}` -> `{new}`"))
        if stripped.endswith(";") and not stripped.startswith(("return", "const", "let", "var")):
            indent = line[: len(line) - len(line.lstrip())]
            sites.append(Mutant(path, row, line, f"{indent}/* removed */", "line removed"))
    return sites


def source(path: str, commit: str) -> str:
    if not commit:
        return (ROOT / path).read_text()
    shown = ["git", "show", f"{commit}:{path}"]
    return subprocess.run(shown, cwd=ROOT, capture_output=True, text=True, check=True).stdout


def sample(seed: int, size: int, commit: str = "") -> list[Mutant]:
    rng = random.Random(seed)
    per_area = []
    for files, _ in AREAS.values():
        sites = []
        for path in area_files(files, commit):
            text = source(path, commit)
            sites += js_sites(path, text) if path.endswith(".js") else python_sites(path, text)
        rng.shuffle(sites)
        per_area.append(sites)
    chosen: list[Mutant] = []
    while len(chosen) < size and any(per_area):
        for sites in per_area:
            if sites and len(chosen) < size:
                chosen.append(sites.pop())
    return chosen


HUNG = "hung (caught: timed out)"


def run_group(command: list[str], *, timeout: float) -> tuple[int | None, str]:
    """Run COMMAND in a process group of its own: ``(exit code, stdout)``, or ``(None, stdout
    so far)`` when it outlives TIMEOUT seconds, after the whole group is killed (pytest and
    anything it started: a mutant's endless loop must not keep running, nor hold the pipe)."""
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        stdout, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        stdout, _ = process.communicate()
        return None, stdout
    except BaseException:  # Ctrl-C reaches only this process now: leave no tests running
        _kill_group(process)
        process.wait()
        raise
    return process.returncode, stdout


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group is gone already
        os.killpg(process.pid, signal.SIGKILL)


def run(mutant: Mutant, timeout: float = 300) -> tuple[str, float]:
    """'caught by <test>', HUNG (the tests outlived TIMEOUT seconds: an endless loop, say;
    caught, as a user would notice, but told apart) or 'missed', and the seconds taken."""
    target = ROOT / mutant.path
    original = target.read_text()
    target.write_text(mutant.apply(original))
    started = time.monotonic()
    try:
        code, stdout = run_group(
            [PYTHON, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-o",
             "addopts=", *tests_for(mutant.path)],
            timeout=timeout,
        )  # fmt: skip
    finally:
        target.write_text(original)
    seconds = time.monotonic() - started
    if code is None:
        return HUNG, seconds
    if code == 0:
        return "missed", seconds
    failed = re.search(r"^(?:FAILED|ERROR) (\S+)", stdout, re.M)
    return f"caught by {failed.group(1) if failed else f'exit {code}'}", seconds


def totals(outcomes: list[str]) -> str:
    """The last line: hung mutants count as caught, and are named apart."""
    ran = len(outcomes)
    caught = sum(outcome != "missed" for outcome in outcomes)
    hung = sum(outcome == HUNG for outcome in outcomes)
    line = f"caught {caught} of {ran}: {100 * caught / ran:.0f}%"
    return line + (f" ({hung} of them hung: caught by the timeout)" if hung else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--size", type=int, default=20)
    parser.add_argument("--list", action="store_true", help="print the sample only")
    parser.add_argument("--only", default="", help="comma-separated numbers of the sample")
    parser.add_argument(
        "--sites-from", default="", metavar="COMMIT",
        help="draw the sample from the files as they were at COMMIT (to rerun an earlier one)",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=300, metavar="SECONDS",
        help="per mutant: tests still running then are killed and the mutant counted as hung",
    )  # fmt: skip
    args = parser.parse_args()
    chosen = sample(args.seed, args.size, args.sites_from)
    only = {int(n) for n in args.only.split(",") if n}
    outcomes = []
    for n, mutant in enumerate(chosen, start=1):
        if only and n not in only:
            continue
        where = f"{mutant.path}:{mutant.line}"
        print(f"{n:2d}. {where} {mutant.what}: {mutant.before.strip()[:70]}", flush=True)
        if args.list:
            continue
        outcome, seconds = run(mutant, args.timeout)
        outcomes.append(outcome)
        print(f"    {outcome} ({seconds:.0f} s)", flush=True)
    if outcomes:
        print(totals(outcomes))


if __name__ == "__main__":
    main()
