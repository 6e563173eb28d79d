"""The mutation sample's harness (bench/mutation_sample.py): a mutant whose tests never end (an
endless loop) is stopped at the timeout, with everything its tests started, its file restored,
and told apart in the table and the totals."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench import mutation_sample
from bench.mutation_sample import HUNG, Mutant, run, run_group, totals

# A "test run" that starts a helper of its own, then never ends.
HANGS = """
import subprocess, sys, time
helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
open(sys.argv[1], "w").write(str(helper.pid))
print("started", flush=True)
time.sleep(120)
"""


def gone(pid: int) -> bool:
    """Dead: no such process, or a zombie waiting for whoever adopted it to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def test_tests_that_outlive_the_timeout_are_killed_with_all_they_started(tmp_path):
    pid_file = tmp_path / "helper.pid"
    began = time.monotonic()
    code, stdout = run_group([sys.executable, "-c", HANGS, str(pid_file)], timeout=2)
    assert code is None and "started" in stdout
    assert time.monotonic() - began < 30
    helper = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not gone(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(helper)


def test_tests_that_end_in_time_give_their_exit_code_and_output():
    code, stdout = run_group([sys.executable, "-c", "print('1 failed'); exit(1)"], timeout=30)
    assert (code, stdout) == (1, "1 failed\n")


def test_a_hung_mutant_is_reported_as_caught_by_the_timeout_and_its_file_restored(
    tmp_path, monkeypatch
):
    source = tmp_path / "module.py"
    source.write_text("def f():\n    return 1\n")
    seen = []

    def hangs(command, *, timeout):
        seen.append((source.read_text(), timeout))
        return None, ""

    monkeypatch.setattr(mutation_sample, "ROOT", tmp_path)
    monkeypatch.setattr(mutation_sample, "tests_for", lambda path: [])
    monkeypatch.setattr(mutation_sample, "run_group", hangs)
    mutant = Mutant("module.py", 2, "    return 1", "    while True: pass", "endless")
    outcome, _ = run(mutant, timeout=7)
    assert outcome == HUNG == "hung (caught: timed out)"
    assert seen == [("def f():\n    while True: pass\n", 7)]
    assert source.read_text() == "def f():\n    return 1\n"


def test_the_totals_count_hung_mutants_as_caught_and_say_how_many():
    assert totals(["caught by tests/x.py::t", HUNG, "missed", "missed"]) == (
        "caught 2 of 4: 50% (1 of them hung: caught by the timeout)"
    )
    assert totals(["caught by tests/x.py::t", "missed"]) == "caught 1 of 2: 50%"
