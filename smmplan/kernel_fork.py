"""A batch worker's first kernel, forked from the warm worker instead of started anew.

A new kernel process imports ipykernel, then, in the plan's first cell, pandas, plotly,
scikit-learn and ``smmplan.views``: about 1 s of CPU. At ``-j 1`` that start overlaps the
plan's computation on the machine's other core and costs nothing; at ``-j 2`` both cores
already work, and each worker's kernel start is that much longer a batch. A batch worker
has those modules imported already (``build.warm_up``, before the workers are forked), so
at its start, while it still runs one thread and holds no ZeroMQ context, it forks a
process that waits (``KernelInWaiting``). When the worker's kept kernel starts
(``kernels.KeptKernel``), that process is given the kernel's command line, environment and
folder and becomes the kernel, with every import done. Anything else (a kernel spec other
than ipykernel's on this very Python, a waiting process that is gone or could not be
forked, a second kernel after a failed plan) starts a kernel as jupyter_client always does.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jupyter_client.manager import AsyncKernelManager

# What jupyter_client runs for this Python's own kernel spec: python -m ipykernel_launcher
_LAUNCHER = ["-m", "ipykernel_launcher"]


class ForkedProcess:
    """The kernel process, for jupyter_client's ``LocalProvisioner``: the part of
    ``subprocess.Popen`` it uses (poll, wait, kill, terminate, send_signal)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """The exit code, or None while the process runs."""
        return self._wait(os.WNOHANG)

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the process to end; its exit code."""
        code = self._wait(0)
        return code if code is not None else -1

    def _wait(self, flags: int) -> int | None:
        if self.returncode is not None:
            return self.returncode
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:  # reaped already: gone
            self.returncode = -1
            return self.returncode
        if pid == 0:
            return None
        self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        """Send a signal to the process, if it still runs."""
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def kill(self) -> None:
        """Stop the process now."""
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        """Ask the process to stop."""
        self.send_signal(signal.SIGTERM)


class KernelInWaiting:
    """A process forked now, which becomes a kernel when ``launch`` gives it a kernel's
    command line, or exits when this process drops it (``discard``) or ends."""

    def __init__(self) -> None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()  # nothing buffered here is written twice by the child
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the waiting process: never returns
            os.close(write_end)
            _wait_then_run_kernel(read_end)
        os.close(read_end)
        self._process: ForkedProcess | None = ForkedProcess(pid)
        self._pipe: int | None = write_end

    def launch(self, cmd: list[str], env: dict[str, str] | None, cwd: str | None,
               independent: bool = False) -> ForkedProcess | None:
        """Make the waiting process the kernel that ``cmd`` (``python -m
        ipykernel_launcher -f <connection file> ...``) would start, in ``env`` and ``cwd``
        (stopping when this process is gone unless ``independent``, as jupyter_client's
        kernels); None, and nothing started, when this cannot be done (another kernel spec,
        or the waiting process is gone)."""
        process, pipe = self._process, self._pipe
        if process is None or pipe is None or not _this_python(cmd) \
                or process.poll() is not None:
            self.discard()
            return None
        env = dict(env if env is not None else os.environ)
        if not independent:  # as jupyter_client's launcher: the kernel watches its parent
            env["JPY_PARENT_PID"] = str(os.getpid())
        message = json.dumps({"argv": cmd[3:], "env": env, "cwd": cwd or os.getcwd()}).encode()
        self._process = self._pipe = None
        try:
            with os.fdopen(pipe, "wb") as stream:  # closed: the child reads to the end
                stream.write(message)
        except BaseException as exc:  # a broken pipe, or Ctrl-C: no half-told kernel left
            process.kill()
            process.wait()
            if isinstance(exc, OSError):
                return None
            raise
        return process

    def discard(self) -> None:
        """Let the waiting process go (it exits when its pipe closes), and reap it."""
        process, pipe = self._process, self._pipe
        self._process = self._pipe = None
        if pipe is not None:
            os.close(pipe)
        if process is not None:
            process.wait()


def _this_python(cmd: list[str]) -> bool:
    """Whether ``cmd`` starts ipykernel with this very interpreter (``python -m
    ipykernel_launcher``, which jupyter_client writes with this Python's path): a kernel
    spec of another Python, or another kernel, is started as usual."""
    if cmd[1:3] != _LAUNCHER:
        return False
    try:
        return os.path.samefile(cmd[0], sys.executable)
    except OSError:
        return False


def _wait_then_run_kernel(pipe: int) -> None:
    """In the forked process: wait for a kernel's command line, then be that kernel; exit
    (never return to the worker's code) whatever happens."""
    code = 1
    try:
        os.setsid()  # as jupyter_client starts kernels: no Ctrl-C from the terminal
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        chunks = []
        while chunk := os.read(pipe, 65536):
            chunks.append(chunk)
        os.close(pipe)
        if not chunks:  # dropped before any kernel was asked for
            code = 0
            return
        _run_kernel(json.loads(b"".join(chunks)))
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # noqa: BLE001 - shown on the worker's stderr, as a kernel's
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)  # no atexit handler or finalizer of the worker runs twice


def _run_kernel(request: dict[str, Any]) -> None:
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)  # a kernel reads nothing from the worker's stdin
    os.close(devnull)
    argv = request["argv"]
    # ipykernel reads its parent from the environment when it is imported, and it was
    # imported in the worker, before jupyter_client set JPY_PARENT_PID: given here, so that
    # the kernel stops when the worker is gone, as a kernel started anew does
    if request["env"].get("JPY_PARENT_PID", "").isdigit():
        argv = [*argv, f"--IPKernelApp.parent_handle={request['env']['JPY_PARENT_PID']}"]
    sys.argv = [sys.argv[0], *argv]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


def forking_manager(in_waiting: KernelInWaiting | None, **kwargs: Any) -> AsyncKernelManager:
    """A kernel manager whose kernel, when it starts, is ``in_waiting`` (if it can be:
    ``KernelInWaiting.launch``), else a new process as usual."""
    from jupyter_client.manager import AsyncKernelManager

    class ForkingKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            waiting, self._waiting = self._waiting, None
            process = (waiting.launch(kernel_cmd, kw.get("env"), kw.get("cwd"),
                                      bool(kw.get("independent")))
                       if waiting is not None else None)
            if process is None:
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            provisioner = self.provisioner  # jupyter_client's LocalProvisioner
            provisioner.process = process
            provisioner.pid = provisioner.pgid = process.pid  # its own session: setsid
            provisioner.cwd = kw.get("cwd")
            self._reconcile_connection_info(provisioner.connection_info)
            return None

    manager = ForkingKernelManager(**kwargs)
    manager._waiting = in_waiting
    return manager
