"""Build plans: stitch the chapter notebooks into one, run it with papermill in one
kernel, export the client HTML, and replace the previous outputs atomically.

Batch builds run briefs in worker processes; one failing brief never stops the others.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

from . import kernels
from .brief import Brief
from .errors import BriefError, SmmplanError, UsageError
from .paths import NOTEBOOKS_DIR, PLAN_FILE_ENV
from .safety import folder_lock, remove_leftovers
from .validation import load_brief

# the kernel's start-up warnings are not the strategist's business
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]
HANDOVER = "plan.pickle"  # the plan computed ahead, for the kernel; removed once it ran

FOOTER_CELL = "v.footer(plan)"
# The appendix: the chapters' cells tagged ``appendix`` (method tables, sources, detail a
# client can skip), gathered after the last chapter under this heading, in chapter order.
APPENDIX_CELL = "v.appendix_heading(plan)"
# After the first chapter (whose executive summary computes every chapter): the calendar
# files are built in the background while the other chapters are shown.
PREPARE_CELL = "plan.prepare_files()"
SAVE_CELL = "if output_dir:\n    plan.save(output_dir)"


def _register_engine() -> str:
    """Register papermill's nbclient engine variant that saves the output notebook once,
    at the end (papermill saves the whole notebook before and after every cell, which
    dominates the time of a short plan). On failure papermill still writes the notebook
    with the error."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
    from papermill.iorw import write_ipynb
    from papermill.log import logger

    class KeptKernelClient(PapermillNotebookClient):
        """Stops its channels at the end of the plan even when the kernel is not its own
        (a kept kernel, ``kernels.KeptKernel``: nbclient would leave them open)."""

        @contextmanager
        def setup_kernel(self, **kwargs):
            with super().setup_kernel(**kwargs):
                try:
                    yield
                finally:
                    if not self.owns_km and self.kc is not None:
                        self.kc.stop_channels()
                        self.kc = None

    class QuietEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     start_timeout=60, execution_timeout=None, **kwargs):
            for name in ("input_path", "timeout", "startup_timeout"):
                kwargs.pop(name, None)
            return KeptKernelClient(nb_man, timeout=execution_timeout,
                                    startup_timeout=start_timeout, kernel_name=kernel_name,
                                    log=logger, log_output=log_output, **kwargs).execute()

        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True,
                             log_output=False, autosave_cell_every=30, **kwargs):
            manager = NotebookExecutionManager(nb, output_path=None, progress_bar=False,
                                               log_output=log_output)
            manager.notebook_start()
            failed = True
            try:
                cls.execute_managed_notebook(manager, kernel_name, log_output=log_output,
                                             **kwargs)
                failed = False
            finally:
                manager.cleanup_pbar()
                manager.notebook_complete()
                # papermill writes the notebook it gets back (with a cell's error too);
                # an exception from the client (a timeout, a dead kernel) is written here.
                if failed and output_path:
                    write_ipynb(manager.nb, output_path)
            return manager.nb

    papermill_engines.register("smmplan", QuietEngine)
    return "smmplan"


@dataclass
class BuildOptions:
    cell_timeout: int = 600  # seconds a single cell may run
    start_timeout: int = 60  # seconds for the kernel to start
    kernel_name: str = "python3"
    notebooks_dir: Path = NOTEBOOKS_DIR
    actuals: Path | None = None  # set: build the tracking report instead of the plan
    scenario: Path | None = None  # choices kept in the lab, applied to the brief


@dataclass
class BuildResult:
    brief: str
    client: str
    slug: str
    ok: bool
    seconds: float
    out_dir: str
    message: str = ""
    attempts: int = 1


def chapter_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The chapter notebooks, in plan order (``NN_name.ipynb``)."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def stitch(folder: Path = NOTEBOOKS_DIR) -> nbformat.NotebookNode:
    """One notebook from all chapters: the first parameters cell, every chapter's cells,
    then the provenance footer and the cell that writes plan.json and tables. After the
    first chapter, a chapter's ``setup`` cell (imports and ``load_plan``, which returns the
    plan already loaded) runs at the top of the chapter's next code cell: one kernel round
    trip less per chapter, same statements."""
    books = chapter_notebooks(folder)
    if not books:
        raise BriefError([f"{folder}: no chapter notebooks (NN_name.ipynb) found"])
    plan_nb = nbformat.read(books[0], as_version=4)
    appendix = [c for c in plan_nb.cells if "appendix" in c.metadata.get("tags", [])]
    cells = [c for c in plan_nb.cells
             if not {"lab", "appendix"} & set(c.metadata.get("tags", []))]
    cells.append(new_code_cell(PREPARE_CELL, metadata={"tags": ["remove"]}))
    for path in books[1:]:
        chapter = nbformat.read(path, as_version=4)
        pending = ""
        for cell in chapter.cells:
            tags = cell.metadata.get("tags", [])
            if "parameters" in tags or "lab" in tags:  # lab: widgets, JupyterLab only
                continue
            if "appendix" in tags:  # shown after the last chapter (APPENDIX_CELL)
                appendix.append(cell)
                continue
            if "setup" in tags and cell.cell_type == "code":
                pending += cell.source.rstrip() + "\n\n"
                continue
            if pending and cell.cell_type == "code":
                cell.source, pending = pending + cell.source, ""
            cells.append(cell)
        if pending:
            cells.append(new_code_cell(pending.rstrip()))
    if any(c.cell_type == "code" for c in appendix):
        cells.append(new_code_cell(APPENDIX_CELL))
        cells += appendix
    cells.append(new_code_cell(FOOTER_CELL, metadata={"tags": ["footer"]}))
    cells.append(new_code_cell(SAVE_CELL, metadata={"tags": ["remove"]}))
    for i, cell in enumerate(cells):
        cell.id = f"c{i:03d}"
    plan_nb.cells = cells
    return plan_nb


REPORT_CELLS = ("from smmplan.views.tracking import tracking_footer\n\ntracking_footer(plan)",
                "if output_dir:\n    from smmplan.plan import save_report\n\n"
                "    save_report(plan, report, output_dir)")


def stitch_report(folder: Path = NOTEBOOKS_DIR) -> nbformat.NotebookNode:
    """The tracking notebook with the footer and the cell that writes report.json."""
    nb = nbformat.read(folder / "tracking.ipynb", as_version=4)
    nb.cells.append(new_code_cell(REPORT_CELLS[0], metadata={"tags": ["footer"]}))
    nb.cells.append(new_code_cell(REPORT_CELLS[1], metadata={"tags": ["remove"]}))
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i:03d}"
    return nb


def _replace_atomically(staging: Path, target: Path) -> None:
    """Move every output from ``staging`` into ``target``; ``plan.html`` goes last so a
    previous good plan stays in place until a complete new one replaces it."""
    names = sorted(p.name for p in staging.iterdir())
    names.sort(key=lambda n: n in ("plan.html", "report.html"))
    for name in names:
        src, dst = staging / name, target / name
        if src.is_dir():
            old = target / f".old-{name}-{os.getpid()}"
            if dst.exists():
                os.replace(dst, old)
            os.replace(src, dst)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(src, dst)
    for stale in ("failed.ipynb", "failed.txt"):
        (target / stale).unlink(missing_ok=True)


def _is_kernel_start_failure(exc: BaseException) -> bool:
    text = f"{type(exc).__name__}: {exc}".lower()
    return any(s in text for s in ("kernel didn't respond", "zmqerror", "address already in use",
                                   "kernel died", "no such kernel", "failed to start"))


def _ran_any(notebook_path: Path) -> bool:
    """Whether any cell of a (partly) executed notebook ran, i.e. the kernel had started."""
    if not notebook_path.exists():
        return False
    nb = nbformat.read(notebook_path, as_version=4)
    return any(c.get("execution_count") for c in nb.cells if c.cell_type == "code")


def _subclasses(cls: type) -> set[str]:
    return {cls.__name__}.union(*(_subclasses(c) for c in cls.__subclasses__()))


# errors raised in a kernel that name the file, field or column: shown as they are
_USER_ERRORS = _subclasses(SmmplanError)


def output_folder(out_root: str | Path, brief: Brief, tracking: bool = False) -> Path:
    """Where a brief's plan (``OUT/<slug>``) or tracking report goes. A tracking report
    never goes into a plan's folder: UsageError if ``OUT/<slug>`` holds a plan."""
    target = Path(out_root).resolve() / brief.slug
    if tracking and ((target / "plan.json").exists() or (target / "plan.html").exists()):
        raise UsageError(f"{target}: this folder holds a plan; write tracking reports to "
                         "another folder (e.g. -o reports)")
    return target


def _describe(exc: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        if exc.ename in _USER_ERRORS:  # a user's data or brief: its message says it all
            return exc.evalue
        return f"cell {exc.cell_index} ({exc.exec_count}): {exc.ename}: {exc.evalue}"
    name = type(exc).__name__
    if "Timeout" in name:
        return f"timed out: {exc}".splitlines()[0]
    return f"{name}: {exc}".splitlines()[0]


def build_one(brief_path: str | Path, out_root: str | Path,
              options: BuildOptions | None = None) -> BuildResult:
    """Build one plan into ``out_root/<slug>/``; never raises for a failing plan."""
    options = options or BuildOptions()
    t0 = time.perf_counter()
    brief_path = Path(brief_path).resolve()
    try:
        brief: Brief = load_brief(brief_path, scenario=options.scenario)
    except BriefError as exc:
        return BuildResult(str(brief_path), "?", "?", False, 0.0, "", "; ".join(exc.lines()))
    result = BuildResult(str(brief_path), brief.client.name, brief.slug, False, 0.0, "")
    try:
        target = output_folder(out_root, brief, tracking=options.actuals is not None)
        target.mkdir(parents=True, exist_ok=True)
        result.out_dir = str(target)
        with folder_lock(target):  # one build at a time writes into a folder
            remove_leftovers(target)  # what killed builds left (no live build owns it)
            _build_locked(brief, brief_path, target, options, result)
    except UsageError as exc:  # another build holds the folder, or a plan is there
        result.message = str(exc)
    finally:
        result.seconds = round(time.perf_counter() - t0, 2)
    return result


def _build_locked(brief: Brief, brief_path: Path, target: Path, options: BuildOptions,
                  result: BuildResult) -> None:
    """Run, export and install one plan or report into ``target`` (its lock held)."""
    import papermill as pm

    from .export import export_file, page_title

    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target))
    stem = "report" if options.actuals else "plan"
    executed = staging / f"{stem}.ipynb"
    ahead: Future | None = None
    try:
        parameters = {"brief_path": str(brief_path), "output_dir": str(staging)}
        if not options.actuals:  # always given: one saved in a notebook is never used
            parameters["scenario_path"] = str(Path(options.scenario).resolve()) \
                if options.scenario else None
        if options.actuals:
            notebook = stitch_report(options.notebooks_dir)
            parameters["actuals_dir"] = str(Path(options.actuals).resolve())
        else:
            notebook = stitch(options.notebooks_dir)
        engine = _register_engine()
        os.environ["SMMPLAN_STATIC"] = "1"  # inherited by the kernel: HTML outputs only
        if not options.actuals:  # the plan is computed here while the kernel starts
            ahead = _compute_ahead(brief, brief_path, options, staging)
        kept = kernels.kept()
        for attempt in (1, 2):
            result.attempts = attempt
            try:
                # in a batch, the kernel of the previous plan, reset (``kernels``)
                km = kept.manager(options.kernel_name, options.notebooks_dir, KERNEL_ARGS,
                                  options.start_timeout, os.environ.get(PLAN_FILE_ENV)) \
                    if kept is not None else None
                executed_nb = pm.execute_notebook(
                    notebook, str(executed),
                    parameters=parameters,
                    kernel_name=options.kernel_name,
                    engine_name=engine,
                    cwd=str(options.notebooks_dir),
                    progress_bar=False,
                    log_output=False,
                    start_timeout=options.start_timeout,
                    execution_timeout=options.cell_timeout,
                    extra_arguments=KERNEL_ARGS,
                    km=km,
                    # Every output is in (each cell's, collected when it finished) and the
                    # last cell wrote the files: the kernel is stopped at once rather than
                    # given time to exit (0.5-0.7 s of interpreter teardown per plan here).
                    shutdown_kernel="immediate",
                )
                break
            except BaseException as exc:  # retry a kernel that failed to start, once
                if kept is not None:  # a failed or interrupted plan (Ctrl-C) never leaves
                    kept.discard()  # its kernel, maybe still busy, to the next one
                if not isinstance(exc, Exception):
                    raise
                if attempt == 1 and _is_kernel_start_failure(exc) and not _ran_any(executed):
                    continue
                raise
        if ahead is not None:  # the kernel has taken the computed plan: not a deliverable
            ahead.result()
            for handover in staging.glob(f"{HANDOVER}*"):
                handover.unlink()
        export_file(executed_nb, staging / f"{stem}.html",
                    title=page_title(brief.client.name, brief.client.language, stem),
                    language=brief.client.language)
        _replace_atomically(staging, target)
        result.ok = True
    except Exception as exc:  # a failed plan is reported, kept, and never hides the others
        result.message = _describe(exc)
        if executed.exists():
            os.replace(executed, target / "failed.ipynb")
        (target / "failed.txt").write_text(
            result.message + "\n\n" + traceback.format_exc(), encoding="utf-8"
        )
    finally:
        if ahead is not None:
            os.environ.pop(PLAN_FILE_ENV, None)
            ahead.result()  # the thread has written its file (or its failure) and ended
        shutil.rmtree(staging, ignore_errors=True)


def _compute_ahead(brief: Brief, brief_path: Path, options: BuildOptions,
                   staging: Path) -> Future:
    """Start computing the plan in a thread of this process (``plan.compute_ahead``) and
    tell the kernel, through its environment, where to find it. The kernel spends its
    first seconds starting and importing its libraries, while this process only waits for
    it: the plan's chapters are computed in that time instead of after it."""
    from .plan import compute_ahead

    target = staging / HANDOVER
    os.environ[PLAN_FILE_ENV] = str(target)
    scenario = Path(options.scenario).resolve() if options.scenario else None
    pool = ThreadPoolExecutor(max_workers=1)
    future = pool.submit(compute_ahead, brief, brief_path, scenario, target)
    pool.shutdown(wait=False)  # the thread ends with its one task
    return future


def warm_up() -> None:
    """Import and cache what every build needs (papermill, nbconvert and its templates,
    plotly.js, the plan's own modules and the libraries they load, and what a plan's
    kernel imports), once, before worker processes are forked."""
    # what a plan's kernel imports too: a worker's first kernel is forked (kernel_fork)
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401
    import papermill  # noqa: F401
    import scipy.optimize  # noqa: F401 - imported by the plan's modules only when they compute

    # the briefs' checks, the plan's chapters and views, and their clustering (scikit-learn)
    from . import plan, preflight, segments, views  # noqa: F401
    from .export import export_html, plotly_js

    plotly_js()
    export_html(nbformat.v4.new_notebook(), title="warm-up", language="en")
    _register_engine()


def _expected_cost(brief_path: Path) -> int:
    """Bytes of data beside a brief: a proxy for its build time. Workers take the largest
    briefs first (longest-processing-time-first), so a big plan does not start last and
    keep the batch waiting while the other workers sit idle."""
    try:
        brief = load_brief(brief_path, check_files=False)
        files = [brief.resolve(spec.path) for spec in brief.data_files().values()]
        return sum(f.stat().st_size for f in files if f.is_file())
    except (BriefError, OSError):
        return 0


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Ctrl-C in a batch: no brief starts any more, and each worker is interrupted so that
    its build removes its staging folder and lock; one still running after 5 s is
    terminated (its leftovers are removed by the next build into that folder). A second
    Ctrl-C meanwhile is ignored: it would end this process with workers still running,
    which nothing would then stop."""
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:
        workers = list(pool._processes.values())  # the executor has no public handle
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            if worker.is_alive():
                os.kill(worker.pid, signal.SIGINT)
        for worker in workers:
            worker.join(5)
            if worker.is_alive():
                worker.terminate()
    finally:
        if main_thread:  # None: a handler set outside Python
            signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


@contextmanager
def batch_workers(jobs: int, count: int) -> Iterator[ProcessPoolExecutor | None]:
    """The worker processes of a batch of ``count`` briefs at ``jobs`` (None: one brief at
    a time, in this process): warm (``warm_up``) and forked, so that they take the briefs'
    checks left (``shared_checks``) and then build the plans, ``jobs`` at a time. Ctrl-C
    stops them."""
    jobs = max(1, min(jobs, count))
    if jobs == 1:
        yield None
        return
    # One BLAS/OpenMP thread per kernel: with a kernel per worker, more threads only
    # fight over the same cores (inherited by the forked workers and their kernels).
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    warm_up()
    # Forked workers inherit the warm imports and caches. Safe here: this process
    # holds no kernel, no ZeroMQ context, and no thread yet (tqdm's comes after).
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=kernels.keep_in_worker)
    try:
        yield pool
    except KeyboardInterrupt:
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown()


def build_many(brief_paths: list[Path], out_root: Path, jobs: int = 1,
               options: BuildOptions | None = None, progress: bool = True,
               pool: ProcessPoolExecutor | None = None) -> list[BuildResult]:
    """Build several plans with ``jobs`` worker processes (``pool``: the batch's own, from
    ``batch_workers``) and a progress bar."""
    if pool is None and min(jobs, len(brief_paths)) > 1:
        with batch_workers(jobs, len(brief_paths)) as workers:
            return build_many(brief_paths, out_root, jobs, options, progress, workers)
    from tqdm import tqdm

    options = options or BuildOptions()
    results: list[BuildResult] = []
    bar = tqdm(total=len(brief_paths), desc="plans", unit="plan", disable=not progress)
    if pool is None:
        with kernels.keeping() if len(brief_paths) > 1 else nullcontext():
            for path in brief_paths:
                bar.set_postfix_str(Path(path).parent.name)
                results.append(build_one(path, out_root, options))
                bar.update()
    else:
        futures = {pool.submit(build_one, p, out_root, options): p
                   for p in sorted(brief_paths, key=_expected_cost, reverse=True)}
        for future in as_completed(futures):
            try:
                results.append(future.result())
            except Exception as exc:  # a worker that died
                path = futures[future]
                results.append(BuildResult(str(path), "?", "?", False, 0.0, "",
                                           f"worker failed: {_describe(exc)}"))
            bar.update()
    bar.close()
    order = {str(Path(p).resolve()): i for i, p in enumerate(brief_paths)}
    return sorted(results, key=lambda r: order.get(r.brief, len(order)))
