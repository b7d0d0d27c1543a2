"""A kernel kept across a batch's plans.

A fresh kernel per plan costs a kernel start and the import of every library a plan uses
(pandas, plotly, scikit-learn, smmplan): about 2 s of CPU, most of a short plan's. In a
batch (``build_many``: each worker process, or the one process at ``-j 1``) the first plan
starts a kernel and the next plans reuse it, after a reset that leaves nothing of the
previous plan: the user namespace and IPython's history are dropped (``reset(new_session=
True)``: execution counts start at 1 again) and the plans cached in ``smmplan.plan`` are
forgotten. Imported modules stay: that is the saving. A plan that failed, for whatever
reason (a cell error, a timeout, a dead kernel), discards the kernel: the next plan gets
a new one, as a single build always does.
"""

from __future__ import annotations

import multiprocessing.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BuildError
from .paths import PLAN_FILE_ENV

if TYPE_CHECKING:
    from jupyter_client.manager import AsyncKernelManager

    from .kernel_fork import KernelInWaiting

HISTORY_IN_MEMORY = "--HistoryManager.hist_file=:memory:"
# a Unix socket's path holds at most 107 bytes on Linux (sun_path), fewer elsewhere
MAX_SOCKET_PATH = 100
SOCKETS_PREFIX = "smmplan-kernel-"  # + the process id, then a random part

# Run in the kept kernel before each plan, outside the notebook (never in plan.ipynb).
_RESET = """\
get_ipython().reset(new_session=True)
from smmplan.kernels import between_plans as _between
_between({plan_file!r}, {cwd!r})
del _between
"""


def between_plans(plan_file: str | None, cwd: str) -> None:
    """In a kept kernel, after its namespace was reset: forget the previous plan (the plans
    ``load_plan`` cached, the data tables read for it), point ``load_plan`` at the next
    plan's file and go back to the notebooks' folder."""
    import gc
    import os
    import sys

    from .exports import table

    plan = sys.modules.get("smmplan.plan")
    if plan is not None:
        plan._CACHE.clear()
    table._read_cached.cache_clear()
    table._parsed.cache_clear()
    if plan_file:
        os.environ[PLAN_FILE_ENV] = plan_file
    else:
        os.environ.pop(PLAN_FILE_ENV, None)
    os.chdir(cwd)
    gc.collect()


class KeptKernel:
    """One kernel started on first use and kept until ``discard``; the first one from
    ``in_waiting`` when given (a process forked from a warm batch worker:
    ``kernel_fork``)."""

    def __init__(self, in_waiting: KernelInWaiting | None = None) -> None:
        self._km = None
        self._folder: str | None = None  # the kernel's sockets (``_sockets``)
        self._in_waiting = in_waiting

    def manager(self, kernel_name: str, cwd: Path, extra_arguments: list[str],
                start_timeout: int, plan_file: str | None) -> AsyncKernelManager:
        """The kernel manager of a live kernel ready for a new plan (started if there is
        none; reset if it ran a plan before, or replaced by a new one when the reset
        fails), for ``papermill.execute_notebook(km=...)``."""
        from jupyter_core.utils import run_sync

        if self._km is not None and not run_sync(self._km.is_alive)():
            self.discard()
        if self._km is not None:
            try:
                run_sync(self._reset)(plan_file, cwd, start_timeout)
                return self._km
            except Exception:  # noqa: BLE001 - a kernel that cannot be reset is replaced
                self.discard()
        from .kernel_fork import forking_manager

        waiting, self._in_waiting = self._in_waiting, None
        km = forking_manager(waiting, kernel_name=kernel_name, **self._sockets())
        try:
            # history in memory, as nbclient gives the kernels it starts: no cell of a
            # client's plan in the user's IPython history file, no lock shared between
            # workers' kernels
            run_sync(km.start_kernel)(extra_arguments=[*extra_arguments, HISTORY_IN_MEMORY],
                                      cwd=str(cwd))
        except BaseException:  # the waiting process, if the start never reached it, goes
            if waiting is not None:
                waiting.discard()
            raise
        self._km = km
        return km  # fresh: it inherited this process's environment (the plan file)

    async def _reset(self, plan_file: str | None, cwd: Path, timeout: int) -> None:
        kc = self._km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=timeout)
            code = _RESET.format(plan_file=plan_file, cwd=str(cwd))
            reply = await kc.execute_interactive(code, store_history=False, silent=True,
                                                 timeout=timeout)
            if reply["content"]["status"] != "ok":
                raise BuildError(f"the kept kernel could not be reset: "
                                 f"{reply['content'].get('ename', '?')}")
        finally:
            kc.stop_channels()

    def _sockets(self) -> dict[str, str]:
        """Where the kernel listens: Unix sockets in a folder of this process's own (mode
        0700), so that kernels started at the same moment by a batch's workers never race
        for the same TCP port ("Address already in use"), and no other user of the machine
        can connect. TCP on localhost when the folder's path is too long for a socket."""
        _remove_stale_sockets()
        folder = tempfile.mkdtemp(prefix=f"{SOCKETS_PREFIX}{os.getpid()}-")
        if len(os.path.join(folder, "kernel-00")) > MAX_SOCKET_PATH:
            os.rmdir(folder)
            return {}
        self._folder = folder
        return {"transport": "ipc", "ip": os.path.join(folder, "kernel")}

    def discard(self) -> None:
        """Stop the kernel now (its plan failed, or the batch is over)."""
        km, self._km = self._km, None
        folder, self._folder = self._folder, None
        waiting, self._in_waiting = self._in_waiting, None
        if waiting is not None:
            waiting.discard()
        if km is not None:
            from jupyter_core.utils import run_sync

            try:
                run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - already gone: nothing left to stop
                pass
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _remove_stale_sockets() -> None:
    """Remove the socket folders of batch processes that no longer run (a worker stopped
    by force never removes its own: ``build._stop_workers``)."""
    root = tempfile.gettempdir()
    for name in os.listdir(root):
        if not name.startswith(SOCKETS_PREFIX):
            continue
        pid = name[len(SOCKETS_PREFIX):].split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
        except OSError:  # another user's process: alive, not ours to remove
            continue


_KEPT: KeptKernel | None = None


def kept() -> KeptKernel | None:
    """The kernel this process keeps across plans; None outside a batch."""
    return _KEPT


def keep_in_worker() -> None:
    """A batch worker's initializer: keep one kernel for the worker's plans, stopped when
    the worker exits; the first forked from this warm worker now, while it runs one thread
    (``kernel_fork``)."""
    global _KEPT
    from .kernel_fork import KernelInWaiting

    try:
        waiting = KernelInWaiting() if hasattr(os, "fork") else None
    except OSError:  # no process or pipe to spare (a limit, memory): kernels start anew
        waiting = None
    _KEPT = KeptKernel(waiting)
    multiprocessing.util.Finalize(None, _KEPT.discard, exitpriority=10)


@contextmanager
def keeping() -> Iterator[None]:
    """Keep one kernel in this process for the plans built inside (a ``-j 1`` batch)."""
    global _KEPT
    outer, _KEPT = _KEPT, KeptKernel()
    try:
        yield
    finally:
        _KEPT.discard()
        _KEPT = outer
