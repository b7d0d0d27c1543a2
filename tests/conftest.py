"""Shared fixtures: example plans are built once per test session."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from smmplan.paths import NOTEBOOKS_DIR, ROOT, example_briefs

SMMPLAN = [sys.executable, "-m", "smmplan.cli"]
SHARED_DATASETS = ROOT.parent / "shared" / "datasets"
XSS = "<script>alert(1)</script>"


def run_cli(*args: str, cwd: Path | None = None, timeout: int = 900):
    """Run the smmplan CLI in a subprocess; returns the CompletedProcess."""
    return subprocess.run([*SMMPLAN, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout)


def write_brief(folder: Path, raw: dict, name: str = "brief.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def example_raw(name: str = "fashion") -> dict:
    """An example brief as raw YAML data (copy it before changing it)."""
    return yaml.safe_load((ROOT / "data" / "examples" / name / "brief.yaml").read_text("utf-8"))


def example_copy(tmp_path: Path, name: str, edit) -> Path:
    """An example's folder copied under ``tmp_path`` with its brief changed by
    ``edit(raw)`` (its data files kept beside it): the brief's path."""
    folder = tmp_path / name
    shutil.copytree(ROOT / "data" / "examples" / name, folder)
    raw = example_raw(name)
    edit(raw)
    return write_brief(folder, raw)


def x_in_enterprise(raw: dict) -> None:
    """Cloudline with X among its first (Enterprise) persona's channels and LinkedIn at its
    own 0.18 % (``example_copy``): a variant where LinkedIn buys awareness only."""
    raw["targets"]["personas"][0]["channels"].append("x")
    raw["budget"]["paid"]["channels"]["linkedin"]["cvr"] = 0.18


def standalone(raw: dict) -> dict:
    """A brief that names no file, so it can live in any folder."""
    raw = copy.deepcopy(raw)
    raw["data"] = {}
    raw["brand"]["visual_identity"].pop("logo", None)
    return raw


@pytest.fixture(scope="session")
def xss_brief(tmp_path_factory) -> Path:
    raw = standalone(example_raw("fashion"))
    raw["client"]["name"] = XSS
    raw["brand"]["mission"] = '<img src=x onerror="alert(2)"> & "quotes"'
    raw["situation"]["competitors"][0]["name"] = "<b>bold</b>"
    raw["brand"]["tone_of_voice"]["do"] = ["</style><script>alert(3)</script>"]
    return write_brief(tmp_path_factory.mktemp("xss"), raw)


@pytest.fixture(scope="session")
def built(tmp_path_factory, xss_brief) -> dict:
    """The example plans and the XSS plan, built in one batch with two workers."""
    out = tmp_path_factory.mktemp("out")
    briefs = [str(p) for p in example_briefs()] + [str(xss_brief)]
    proc = run_cli("build", *briefs, "-o", str(out), "-j", "2", "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    plans = {}
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        plans[folder.name] = folder
    return {"out": out, "plans": plans, "stdout": proc.stdout, "stderr": proc.stderr}


# A paid envelope past the budget where Cloudline's forecast, with LinkedIn's lead rate
# given as the published 3.5%, reaches its monthly lead bound (about $273,000 on the
# B2B-industry LinkedIn costs) and under the one where the whole-year budget table reaches
# break-even: the whole envelope is worth spending, and the monthly lead bound, not
# break-even, holds part of it back (the case Cloudline's own $240,000 was in before its
# cost rows and its own LinkedIn rate were used).
OVER_BOUND_ENVELOPE = 480000
OVER_BOUND_LINKEDIN_CVR = 3.5


@pytest.fixture(scope="session")
def over_bound_brief(tmp_path_factory) -> Path:
    """Cloudline (its data files copied) with the paid envelope OVER_BOUND_ENVELOPE and
    LinkedIn's conversion rate given in the brief: a B2B client whose paid budget the
    monthly lead bound, not break-even, holds back."""
    folder = tmp_path_factory.mktemp("over-bound") / "b2b"
    shutil.copytree(ROOT / "data" / "examples" / "b2b-software", folder)
    raw = example_raw("b2b-software")
    raw["budget"]["paid_media"] = OVER_BOUND_ENVELOPE
    raw["budget"]["paid"]["channels"]["linkedin"]["cvr"] = OVER_BOUND_LINKEDIN_CVR
    return write_brief(folder, raw)


@pytest.fixture(scope="session")
def over_bound_built(tmp_path_factory, over_bound_brief) -> Path:
    """The folder of the plan built from ``over_bound_brief``."""
    out = tmp_path_factory.mktemp("over-bound-out")
    proc = run_cli("build", str(over_bound_brief), "-o", str(out), "-j", "1", "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return next(p for p in out.iterdir() if p.is_dir())


def fault_notebooks(folder: Path) -> Path:
    """A copy of the chapter notebooks plus one that fails or hangs for named clients."""
    shutil.copytree(NOTEBOOKS_DIR, folder)
    nb = nbformat.v4.new_notebook(metadata=nbformat.read(
        next(folder.glob("01_*.ipynb")), as_version=4).metadata)
    nb.cells = [
        nbformat.v4.new_code_cell('brief_path = ""\noutput_dir = None',
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "import time\nfrom smmplan.plan import load_plan\nplan = load_plan(brief_path)\n"
            "if plan.brief.client.name == 'Broken Client':\n"
            "    raise RuntimeError('injected failure')\n"
            "if plan.brief.client.name == 'Slow Client':\n"
            "    time.sleep(120)"),
    ]
    nbformat.write(nb, folder / "50_faults.ipynb")
    return folder


def plan_json(folder: Path) -> dict:
    return json.loads((folder / "plan.json").read_text(encoding="utf-8"))


def browser_required() -> bool:
    return os.environ.get("SMMPLAN_REQUIRE_BROWSER") == "1"
