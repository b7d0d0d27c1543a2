"""Build speed, measured in one run (no timed assertions anywhere in the tests).

Prints:
- floor: papermill (Python API) running a one-cell notebook that imports the libraries a
  plan kernel imports, median of N runs. The list is not picked by hand: a subprocess runs
  the stitched plan's code on the fashion example and lists every module it has loaded by
  the end (smmplan's own excepted), including those libraries load lazily on first use
  (holidays loads its country modules only when asked for a country's holidays);
- one plan: `smmplan.build.build_one` on the fashion example, median of N runs, each run
  right after a floor run (alternated: the machine's slow spells hit both sides; after one
  unmeasured build that warms this process as a batch worker is warm);
- naive pipeline: `papermill` CLI per chapter notebook, then `jupyter nbconvert --to html`
  CLI per executed notebook, for the same example;
- batch: `smmplan build -j 1` against `-j 2` over the three examples (once), and over the
  three examples twice (6 briefs: the goal), in subprocesses, `--batch-runs` pairs
  alternated (-j 1, then -j 2), medians and every run printed;
- the size of each example plan.html.

Goals (issue 2): one plan <= 1.5 x the floor; `-j 2` batch >= 1.6 x faster than `-j 1`.
The batch also prints the cores each run keeps busy (CPU seconds of the build and its
kernels over its wall time): a build computes its plan in its own process while its kernel
starts (``build._compute_ahead``), so a batch's first plan keeps more than one core busy,
and on a two-core machine `-j 2` can be at most 2 / that many times faster. In a batch each
worker keeps its kernel for its next plans (``kernels.py``): `-j 1` starts one kernel, `-j 2`
one per worker, and warms the workers before forking them (``build.warm_up``), time in which
the second core checks the briefs (``shared_checks``); each worker's kernel is forked from
the warm worker, its imports done (``kernel_fork``).
Usage: python benchmarks/bench_build.py [--runs 5] [--batch-runs 3]
"""

from __future__ import annotations

import argparse
import compileall
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill as pm

import smmplan
from smmplan.build import build_one, chapter_notebooks
from smmplan.paths import EXAMPLES_DIR, NOTEBOOKS_DIR, example_briefs

BIN = Path(sys.executable).parent

# Run in a subprocess: the plan's code, as one kernel runs it, then the modules it loaded.
_LIST_MODULES = """
import json, os, sys, tempfile
os.environ["SMMPLAN_STATIC"] = "1"
cells, brief = json.load(sys.stdin)
os.chdir(os.path.dirname(brief))
scope = {"brief_path": brief, "scenario_path": None, "output_dir": tempfile.mkdtemp()}
for source in cells:
    exec(source, scope)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] != "smmplan")))
"""


def plan_modules(brief: Path) -> list[str]:
    """Every module a plan's code has loaded by the end of the plan (smmplan excepted)."""
    from smmplan.build import stitch

    cells = [c.source for c in stitch().cells
             if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    done = subprocess.run([sys.executable, "-c", _LIST_MODULES], check=True, text=True,
                          input=json.dumps([cells, str(brief)]), capture_output=True)
    return json.loads(done.stdout.splitlines()[-1])


def floor_source(modules: list[str]) -> str:
    """The floor's one cell: import each module (one that cannot be imported alone, such as
    a platform-specific one, is skipped)."""
    return ("import importlib\n"
            f"for name in {modules!r}:\n"
            "    try:\n"
            "        importlib.import_module(name)\n"
            "    except Exception:\n"
            "        pass\n")


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def floor_once(tmp: Path, source: str) -> float:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(source)]
    src = tmp / "floor.ipynb"
    nbformat.write(nb, src)
    return timed(lambda: pm.execute_notebook(str(src), str(tmp / "floor-out.ipynb"),
                                             kernel_name="python3", progress_bar=False))


def naive_once(tmp: Path, brief: Path) -> float:
    def run():
        for book in chapter_notebooks():
            out = tmp / f"naive-{book.name}"
            subprocess.run([str(BIN / "papermill"), str(book), str(out), "-p", "brief_path",
                            str(brief), "--cwd", str(NOTEBOOKS_DIR)], check=True,
                           capture_output=True)
            subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                            str(out)], check=True, capture_output=True)
    return timed(run)


def batch_once(briefs: list[Path], jobs: int, out: Path) -> tuple[float, float]:
    """Wall seconds of ``smmplan build -j jobs`` over ``briefs``, and the CPU seconds of
    it and every process it started (user + system)."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(lambda: subprocess.run(
        [str(BIN / "smmplan"), "build", *map(str, briefs), "-o", str(out), "-j", str(jobs),
         "-q"], check=True, capture_output=True))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def doubled_examples(tmp: Path) -> list[Path]:
    """The three examples plus a renamed copy of each (six distinct clients)."""
    copies = []
    for brief in example_briefs():
        folder = tmp / f"copy-{brief.parent.name}"
        shutil.copytree(brief.parent, folder)
        text = (folder / "brief.yaml").read_text(encoding="utf-8")
        text = text.replace('  name: "', '  name: "Copy of ', 1)
        (folder / "brief.yaml").write_text(text, encoding="utf-8")
        copies.append(folder / "brief.yaml")
    return list(example_briefs()) + copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch-runs", type=int, default=3)
    args = parser.parse_args()
    fashion = EXAMPLES_DIR / "fashion" / "brief.yaml"
    # the package's bytecode, as `make` writes it at install and as Python caches it on a
    # machine that does not set PYTHONDONTWRITEBYTECODE (the libraries' is written by pip)
    compileall.compile_dir(Path(smmplan.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        modules = plan_modules(fashion)
        source = floor_source(modules)
        floor_once(tmp, source)  # warm the disk cache
        build_one(fashion, tmp / "one")  # and this process's caches (templates, plotly.js)
        floors, plans = [], []
        for _ in range(args.runs):  # alternated, so that a slow spell hits both sides
            floors.append(floor_once(tmp, source))
            plans.append(timed(lambda: build_one(fashion, tmp / "one")))
        floor, plan = statistics.median(floors), statistics.median(plans)
        naive = naive_once(tmp, fashion)
        three = list(example_briefs())
        six = doubled_examples(tmp)
        j1, _ = batch_once(three, 1, tmp / "b1")
        j2, _ = batch_once(three, 2, tmp / "b2")
        pairs = [(batch_once(six, 1, tmp / "b3"), batch_once(six, 2, tmp / "b4"))
                 for _ in range(args.batch_runs)]  # alternated: slow spells hit both sides
        j1_runs, j2_runs = [p[0][0] for p in pairs], [p[1][0] for p in pairs]
        j1_six, j2_six = statistics.median(j1_runs), statistics.median(j2_runs)
        j1_cpu = statistics.median(p[0][1] for p in pairs)
        j2_cpu = statistics.median(p[1][1] for p in pairs)
        sizes = {p.parent.name: p.stat().st_size for p in sorted((tmp / "b2").glob("*/plan.html"))}
    print(f"floor (papermill, imports only: the {len(modules)} modules a plan loads), "
          f"median of {args.runs}: {floor:6.2f} s   runs: {_list(floors)}")
    print(f"one plan (build_one, fashion), median of {args.runs}:  {plan:6.2f} s"
          f"   runs: {_list(plans)}")
    print(f"one plan / floor (medians of runs alternated with the floor's): "
          f"{plan / floor:4.2f}  (goal <= 1.5)")
    print(f"naive pipeline (papermill CLI + nbconvert CLI per chapter): {naive:6.2f} s"
          f"   ({naive / plan:4.2f} x one plan)")
    print(f"batch of 3 examples: -j 1 {j1:6.2f} s, -j 2 {j2:6.2f} s, speed-up {j1 / j2:4.2f}"
          "  (3 plans on 2 workers: about 1.5 by scheduling alone; the goal is measured on 6)")
    print(f"batch of 6 briefs, medians of {args.batch_runs}: -j 1 {j1_six:6.2f} s, "
          f"-j 2 {j2_six:6.2f} s, speed-up {j1_six / j2_six:4.2f}  (goal >= 1.6)")
    print(f"  runs: -j 1 {_list(j1_runs)}; -j 2 {_list(j2_runs)}; speed-up by pair: "
          f"{_list([a / b for a, b in zip(j1_runs, j2_runs, strict=True)])}")
    cores = j1_cpu / j1_six  # a first plan is computed while its kernel starts
    print(f"  cores in use: -j 1 {cores:4.2f} ({j1_cpu:5.1f} s of CPU), -j 2 "
          f"{j2_cpu / j2_six:4.2f} ({j2_cpu:5.1f} s): with -j 1 already on {cores:4.2f} cores,"
          f" two cores give -j 2 at most {2 / cores:4.2f} x")
    for slug, size in sizes.items():
        print(f"plan.html size {slug}: {size / 1e6:5.2f} MB")


if __name__ == "__main__":
    main()
