"""A batch keeps one kernel per worker (``smmplan.kernels``): each plan after the first is
the plan built alone, run in a namespace that holds nothing of the plan before, and a
failed plan's kernel is never given to the next one."""

from __future__ import annotations

import os
import re

import nbformat
import pytest

from smmplan.build import BuildOptions, build_many
from smmplan.paths import example_briefs

from .conftest import example_raw, fault_notebooks, plan_json, standalone, write_brief

# A chapter that fails when a previous plan's names are still there, and says its kernel.
PROBE = ("import os\n"
         "assert 'probe_seen' not in globals(), 'a previous plan is in the namespace'\n"
         "probe_seen = True\n"
         "print('kernel', os.getpid())")


def _kernel(notebook) -> int:
    nb = nbformat.read(notebook, as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    return int(re.search(r"kernel (\d+)", text).group(1))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("kept")
    notebooks = fault_notebooks(root / "notebooks")  # 50_faults: 'Broken Client' fails
    probe = nbformat.v4.new_notebook(metadata=nbformat.read(
        next(notebooks.glob("01_*.ipynb")), as_version=4).metadata)
    probe.cells = [nbformat.v4.new_code_cell(PROBE)]
    nbformat.write(probe, notebooks / "49_probe.ipynb")
    examples = {p.parent.name: p for p in example_briefs()}
    raw = standalone(example_raw("bakery"))
    raw["client"]["name"] = "Broken Client"
    broken = write_brief(root / "broken", raw)
    raw["client"]["name"] = "After Failure"
    after = write_brief(root / "after", raw)
    briefs = [examples["bakery"], examples["b2b-software"], broken, after]
    out = root / "out"
    results = build_many(briefs, out, jobs=1, options=BuildOptions(notebooks_dir=notebooks),
                         progress=False)
    return {"out": out, "results": results}


def test_plans_after_the_first_reuse_its_kernel_with_a_clean_namespace(batch):
    out = batch["out"]
    assert [r.ok for r in batch["results"]] == [True, True, False, True]
    first, second = _kernel(out / "maison-fournil" / "plan.ipynb"), _kernel(
        out / "cloudline" / "plan.ipynb")
    assert first == second  # the probe passed: nothing of the first plan was left
    nb = nbformat.read(out / "cloudline" / "plan.ipynb", as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))  # a new session: counted from 1


def test_a_failed_plan_never_leaves_its_kernel_to_the_next(batch):
    out = batch["out"]
    failed = _kernel(out / "broken-client" / "failed.ipynb")
    assert failed == _kernel(out / "maison-fournil" / "plan.ipynb")
    assert _kernel(out / "after-failure" / "plan.ipynb") != failed


def test_a_plan_in_a_kept_kernel_is_the_plan_built_alone(batch, built):
    assert plan_json(batch["out"] / "cloudline") == plan_json(built["plans"]["cloudline"])
    kept = (batch["out"] / "cloudline" / "calendar.csv").read_bytes()
    assert kept == (built["plans"]["cloudline"] / "calendar.csv").read_bytes()


def test_between_plans_forgets_the_previous_plan_and_points_at_the_next(tmp_path, monkeypatch):
    from smmplan import plan
    from smmplan.exports import table
    from smmplan.kernels import between_plans
    from smmplan.paths import PLAN_FILE_ENV

    csv = tmp_path / "t.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    table.read_table(csv)
    monkeypatch.setitem(plan._CACHE, ("previous",), object())
    monkeypatch.setenv(PLAN_FILE_ENV, "previous.pickle")
    monkeypatch.chdir(tmp_path)
    assert table._read_cached.cache_info().currsize
    between_plans(str(tmp_path / "next.pickle"), "/")
    assert ("previous",) not in plan._CACHE and not table._read_cached.cache_info().currsize
    assert os.environ[PLAN_FILE_ENV] == str(tmp_path / "next.pickle")
    assert os.getcwd() == "/"
    between_plans(None, str(tmp_path))
    assert PLAN_FILE_ENV not in os.environ


def test_a_kept_kernel_listens_on_sockets_of_its_own_removed_with_it(tmp_path, monkeypatch):
    """Kernels that a batch's workers start at the same moment never race for a TCP port:
    each listens on Unix sockets in a private folder, removed when the kernel stops; a
    folder path too long for a socket falls back to TCP on localhost."""
    import stat

    from jupyter_core.utils import run_sync

    from smmplan import kernels
    from smmplan.paths import NOTEBOOKS_DIR

    kept = kernels.KeptKernel()
    km = kept.manager("python3", NOTEBOOKS_DIR, [], 60, None)
    try:
        folder = kept._folder
        assert km.transport == "ipc" and km.ip.startswith(folder)
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        client = km.client()
        client.start_channels()
        try:
            run_sync(client.wait_for_ready)(timeout=60)
            reply = run_sync(client.execute_interactive)("1 + 1", timeout=60)
        finally:
            client.stop_channels()
        assert reply["content"]["status"] == "ok"
        assert [p for p in os.listdir(folder) if p.startswith("kernel-")]  # it listens there
    finally:
        kept.discard()
    assert not os.path.exists(folder)
    monkeypatch.setattr(kernels, "MAX_SOCKET_PATH", 5)
    fallback = kernels.KeptKernel()
    assert fallback._sockets() == {} and fallback._folder is None


def test_the_socket_folders_of_a_process_that_is_gone_are_removed(monkeypatch):
    """A worker stopped by force leaves its kernel's socket folder: the next kept kernel
    removes the folders of processes that no longer run, and only those."""
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from smmplan import kernels

    short = tempfile.mkdtemp(prefix="sk")  # a socket path must stay short
    monkeypatch.setattr(tempfile, "tempdir", short)
    tmp_path = Path(short)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f"{kernels.SOCKETS_PREFIX}{gone}-abc"
    alive = tmp_path / f"{kernels.SOCKETS_PREFIX}{os.getpid()}-def"
    other = tmp_path / "smmplan-kernel-notapid"
    for folder in (stale, alive, other):
        folder.mkdir()
    kept = kernels.KeptKernel()
    made = kept._sockets()
    try:
        assert not stale.exists() and alive.exists() and other.exists()
        assert made["ip"].startswith(str(tmp_path / f"{kernels.SOCKETS_PREFIX}{os.getpid()}-"))
    finally:
        kept.discard()
        shutil.rmtree(short, ignore_errors=True)
