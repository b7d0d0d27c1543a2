"""A batch's checks: started in a forked checker before the build's libraries are loaded,
shared with the batch's workers, each brief checked once, answers in the briefs' order."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from smmplan.paths import example_briefs
from smmplan.shared_checks import SharedChecks, checks_started, folder_bytes

LOG = "SMMPLAN_TEST_CHECK_LOG"


def _logged(item):
    """The test's check: one line per call (the process, the item), then its answer."""
    with open(os.environ[LOG], "a", encoding="utf-8") as log:
        log.write(json.dumps([os.getpid(), multiprocessing.current_process().name,
                              str(item)]) + "\n")
    return f"answer {item}"


def _calls(log: Path) -> list[list]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def _dies_in_checker(item):
    """A checker killed while checking (out of memory, a signal)."""
    if multiprocessing.current_process().name == "smmplan-checks":
        os._exit(9)
    return _logged(item)


def test_the_checker_checks_largest_first_and_answers_come_in_order(tmp_path, monkeypatch):
    monkeypatch.setenv(LOG, str(tmp_path / "log"))
    briefs = [str(p) for p in example_briefs()]
    sizes = [folder_bytes(p) for p in briefs]
    assert len(set(sizes)) == 3
    checks = SharedChecks(_logged, briefs)
    try:
        answers = checks.results()  # no workers: the checker checks them all
    finally:
        checks.close()
    assert answers == [f"answer {p}" for p in briefs]
    calls = _calls(tmp_path / "log")
    assert {pid for pid, _, _ in calls} != {os.getpid()}
    assert [name for _, name, _ in calls] == ["smmplan-checks"] * 3
    largest_first = sorted(briefs, key=folder_bytes, reverse=True)
    assert [item for _, _, item in calls] == largest_first != briefs


def _slow(item):
    """A check that takes a moment, so that the workers arrive while items are left."""
    import time

    time.sleep(0.02)
    return _logged(item)


def test_workers_take_what_is_left_and_each_item_is_checked_once(tmp_path, monkeypatch):
    monkeypatch.setenv(LOG, str(tmp_path / "log"))
    items = [str(tmp_path / f"b{i}" / "brief.yaml") for i in range(40)]
    checks = SharedChecks(_slow, items)
    try:
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
            answers = checks.results(pool, 2)
    finally:
        checks.close()
    assert answers == [f"answer {i}" for i in items]
    calls = _calls(tmp_path / "log")
    assert sorted(item for _, _, item in calls) == sorted(items)  # once each
    assert os.getpid() not in {pid for pid, _, _ in calls}
    by = {name for _, name, _ in calls}  # the checker and the workers shared them
    assert "smmplan-checks" in by and len(by) >= 2


def test_what_a_killed_checker_claimed_is_checked_again(tmp_path, monkeypatch):
    monkeypatch.setenv(LOG, str(tmp_path / "log"))
    items = ["a", "b", "c"]
    checks = SharedChecks(_dies_in_checker, items)
    try:
        answers = checks.results()
    finally:
        checks.close()
    assert answers == ["answer a", "answer b", "answer c"]
    assert {pid for pid, _, _ in _calls(tmp_path / "log")} == {os.getpid()}


def test_one_job_checks_in_this_process(tmp_path, monkeypatch):
    monkeypatch.setenv(LOG, str(tmp_path / "log"))
    before = multiprocessing.active_children()
    with checks_started(_logged, ["x", "y"], jobs=1) as checks:
        assert multiprocessing.active_children() == before
        assert checks.results() == ["answer x", "answer y"]
    assert {pid for pid, _, _ in _calls(tmp_path / "log")} == {os.getpid()}


def test_an_interrupted_batch_stops_its_checker(tmp_path, monkeypatch):
    monkeypatch.setenv(LOG, str(tmp_path / "log"))
    try:
        with checks_started(_sleeps, ["x"] * 2, jobs=2) as checks:
            checker = checks._checker
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    assert not checker.is_alive()


def _sleeps(item):
    import time

    time.sleep(60)
    return item


_RECORDING_BUILD = """
import json, os, sys
from smmplan import cli
log = sys.argv[1]
def check(path, scenario):
    with open(log, "a", encoding="utf-8") as f:
        f.write(json.dumps([os.getpid(), "smmplan.build" in sys.modules,
                            "nbconvert" in sys.modules]) + "\\n")
    return None, [f"{path}: refused by the test"]
cli._check_one = check
print(os.getpid())
sys.exit(cli.main(sys.argv[2:]))
"""


def test_a_batch_starts_checking_before_it_loads_the_build(tmp_path):
    """With -j 2 the largest brief is checked by a process forked before the build's
    libraries are imported and warmed; refused briefs still stop the batch before any
    kernel starts (exit 2, nothing written)."""
    briefs = [str(p) for p in example_briefs()][:2]
    done = subprocess.run([sys.executable, "-c", _RECORDING_BUILD, str(tmp_path / "log"),
                           "build", *briefs, "-o", str(tmp_path / "out"), "-j", "2", "-q"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert all(f"{b}: refused by the test" in done.stderr for b in briefs)
    assert not (tmp_path / "out").exists() and "Traceback" not in done.stderr
    main_pid = int(done.stdout.split()[0])
    calls = _calls(tmp_path / "log")
    assert len(calls) == 2
    first = calls[0]
    assert first[0] != main_pid and first[1:] == [False, False]
