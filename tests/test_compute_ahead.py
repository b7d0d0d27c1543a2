"""The plan a build computes while its kernel starts is the plan the kernel would compute."""

from __future__ import annotations

import json

from smmplan import plan as plan_module
from smmplan.paths import EXAMPLES_DIR, PLAN_FILE_ENV
from smmplan.plan import compute_ahead, load_plan
from smmplan.validation import load_brief

BAKERY = EXAMPLES_DIR / "bakery" / "brief.yaml"
FASHION = EXAMPLES_DIR / "fashion" / "brief.yaml"


def _fresh(monkeypatch, target=None):
    monkeypatch.setattr(plan_module, "_CACHE", {})
    if target is None:
        monkeypatch.delenv(PLAN_FILE_ENV, raising=False)
    else:
        monkeypatch.setenv(PLAN_FILE_ENV, str(target))


def test_the_kernel_takes_the_plan_computed_ahead_and_it_equals_its_own(tmp_path, monkeypatch):
    target = tmp_path / "plan.pickle"
    compute_ahead(load_brief(FASHION), FASHION.resolve(), None, target)
    assert target.exists() and not (tmp_path / "plan.pickle.failed").exists()

    _fresh(monkeypatch, target)
    handed = load_plan(FASHION)
    # every chapter is there already, and the calendar files too: nothing left to compute
    assert {"identity", "targets", "paid", "channels", "team", "community"} <= set(
        handed.__dict__)
    assert handed._files is not None and handed._files.done()

    _fresh(monkeypatch)
    own = load_plan(FASHION)
    assert "targets" not in own.__dict__
    handed.save(tmp_path / "handed")
    own.save(tmp_path / "own")
    for name in ("plan.json", "calendar.ics", "calendar.csv", "audience_segments.csv"):
        assert (tmp_path / "handed" / name).read_bytes() == (tmp_path / "own" / name).read_bytes()


def test_a_plan_for_other_inputs_or_a_failed_one_is_not_taken(tmp_path, monkeypatch):
    target = tmp_path / "plan.pickle"
    compute_ahead(load_brief(BAKERY), BAKERY.resolve(), None, target)
    _fresh(monkeypatch, target)
    other = load_plan(FASHION)  # another brief: computed here
    assert other.brief.client.name != load_brief(BAKERY).client.name
    assert "targets" not in other.__dict__

    failed = tmp_path / "failed.pickle"
    compute_ahead(None, BAKERY.resolve(), None, failed)  # type: ignore[arg-type]
    assert (tmp_path / "failed.pickle.failed").exists() and not failed.exists()
    _fresh(monkeypatch, failed)
    plan = load_plan(BAKERY)  # does not wait for a file that will never come
    assert json.loads(json.dumps(plan.to_json(), default=str))["client"]["name"]


def test_plan_json_data_is_the_same_whatever_a_sets_order():
    """A set in a result (an idea's no-show days) becomes a sorted list in plan.json, so two
    equal plans (one unpickled, its sets rebuilt in another order) write the same bytes."""
    from dataclasses import dataclass, field

    from smmplan.jsondata import as_data

    @dataclass
    class Holder:
        days: frozenset = field(default_factory=frozenset)

    days = [f"2027-{m:02d}-01" for m in range(12, 0, -1)]
    assert as_data(Holder(frozenset(days))) == {"days": sorted(days)}
    assert json.dumps(as_data(Holder(frozenset(days)))) == \
        json.dumps(as_data(Holder(frozenset(reversed(days)))))


_KERNEL = """
import json, os, sys
os.environ["SMMPLAN_STATIC"] = "1"
cells, brief, out = json.load(sys.stdin)
os.chdir(os.path.dirname(brief))
scope = {"brief_path": brief, "scenario_path": None, "output_dir": out}
for source in cells:
    exec(source, scope)
print(json.dumps(sorted(m for m in ("sklearn", "scipy") if m in sys.modules)))
"""


def test_a_kernel_given_the_computed_plan_imports_no_clustering_or_optimiser(tmp_path):
    """A build's kernel shows a plan computed by the build (``compute_ahead``): it never
    imports scikit-learn or SciPy, a third of a kernel's start (``targets``, ``optimiser``
    import them only to compute). The stitched plan runs here as its kernel runs it."""
    import os
    import subprocess
    import sys

    from smmplan.build import stitch
    from smmplan.paths import NOTEBOOKS_DIR

    target = tmp_path / "plan.pickle"
    compute_ahead(load_brief(FASHION), FASHION.resolve(), None, target)
    cells = [c.source for c in stitch().cells
             if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    done = subprocess.run(
        [sys.executable, "-c", _KERNEL], cwd=NOTEBOOKS_DIR, capture_output=True, text=True,
        input=json.dumps([cells, str(FASHION.resolve()), str(tmp_path / "out")]),
        env={**os.environ, PLAN_FILE_ENV: str(target)}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert (tmp_path / "out" / "plan.json").exists()  # the whole plan ran
