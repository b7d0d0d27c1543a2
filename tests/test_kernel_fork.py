"""A batch worker's first kernel is forked from the warm worker (``smmplan.kernel_fork``):
it is the process forked when the worker started, it runs in the environment and folder
jupyter_client gives a kernel, it has the worker's imports, and it is stopped and reaped
with the kept kernel; a waiting process that is not needed exits. Run in a subprocess, as
a fresh batch worker is: one thread, no ZeroMQ context."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from smmplan.build import chapter_notebooks
from smmplan.kernel_fork import ForkedProcess, KernelInWaiting
from smmplan.paths import NOTEBOOKS_DIR, example_briefs

from .conftest import run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork only")

_WORKER = r"""
import json, os, sys
from pathlib import Path
from jupyter_core.utils import run_sync
import smmplan.kernel_fork as kf
from smmplan import kernels
from smmplan.paths import PLAN_FILE_ENV

kf.MARK = "set in the worker before the fork"
waiting = kf.KernelInWaiting()
waiting_pid = waiting._process.pid
kf.MARK = "changed in the worker after the fork"
folder = sys.argv[1]
os.environ[PLAN_FILE_ENV] = os.path.join(folder, "plan.pkl")  # as build._compute_ahead does
kept = kernels.KeptKernel(waiting)
km = kept.manager("python3", Path(folder), [], 60, None)

CODE = '''import json, os, sys, smmplan.kernel_fork as kf
from ipykernel.kernelapp import IPKernelApp
poller = IPKernelApp.instance().poller
print(json.dumps({"pid": os.getpid(), "ppid": os.getppid(), "sid": os.getsid(0),
                  "watches": getattr(poller, "parent_pid", None),
                  "cwd": os.getcwd(), "mark": getattr(kf, "MARK", None),
                  "plan_file": os.environ.get(%r)}))''' % PLAN_FILE_ENV

async def run():
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=60)
    out = []
    def hook(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
    reply = await kc.execute_interactive(CODE, output_hook=hook, timeout=60)
    kc.stop_channels()
    return reply["content"]["status"], "".join(out)

status, text = run_sync(run)()
kept.discard()
try:
    os.kill(waiting_pid, 0)
    gone = False
except ProcessLookupError:
    gone = True
print(json.dumps({"status": status, "kernel": json.loads(text), "waiting_pid": waiting_pid,
                  "worker": os.getpid(), "gone": gone, "plan_file": os.environ[PLAN_FILE_ENV]}))
"""


def test_the_first_kernel_is_the_process_forked_from_the_worker(tmp_path):
    proc = subprocess.run([sys.executable, "-c", _WORKER, str(tmp_path)], capture_output=True,
                          text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    kernel = seen["kernel"]
    assert seen["status"] == "ok"
    assert kernel["pid"] == seen["waiting_pid"]  # the waiting process became the kernel
    assert kernel["ppid"] == seen["worker"]  # a child of the worker, as a started kernel is
    assert kernel["sid"] == kernel["pid"]  # in a session of its own: no Ctrl-C from a terminal
    assert kernel["watches"] == seen["worker"]  # and it stops if the worker is gone
    assert kernel["mark"] == "set in the worker before the fork"
    assert kernel["cwd"] == str(tmp_path)  # the folder and environment jupyter_client gave
    assert kernel["plan_file"] == seen["plan_file"]
    assert seen["gone"]  # stopped and reaped with the kept kernel


def test_a_waiting_process_not_needed_exits_when_dropped():
    waiting = KernelInWaiting()
    process = waiting._process
    assert process.poll() is None  # waiting
    waiting.discard()
    assert process.returncode == 0  # it exited on its own, and was reaped
    with pytest.raises(ProcessLookupError):
        os.kill(process.pid, 0)


@pytest.mark.parametrize("cmd", [
    ["/usr/bin/other-kernel", "--connection", "x.json"],  # another kernel
    ["/other/env/bin/python", "-m", "ipykernel_launcher", "-f", "x.json"],  # another Python
])
def test_another_kernel_spec_is_started_as_usual_and_the_waiting_process_reaped(cmd):
    waiting = KernelInWaiting()
    process = waiting._process
    assert waiting.launch(cmd, None, None) is None
    assert process.returncode == 0
    assert waiting.launch([sys.executable, "-m", "ipykernel_launcher", "-f", "x"], None,
                          None) is None  # used once at most


def test_a_waiting_process_that_died_leaves_the_kernel_to_start_as_usual():
    import signal

    waiting = KernelInWaiting()
    process = waiting._process
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert waiting.launch([sys.executable, "-m", "ipykernel_launcher", "-f", "x"], None,
                          None) is None


def test_a_forked_process_is_polled_waited_and_killed_like_popen():
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        import time

        time.sleep(60)
        os._exit(0)
    process = ForkedProcess(pid)
    assert process.poll() is None
    process.kill()
    assert process.wait() == -9  # killed by SIGKILL, as Popen reports it
    assert process.poll() == -9
    process.kill()  # gone: nothing to stop, no error


# The first cell after the parameters: says whether the kernel arrived with the plan's
# views imported (a new kernel process has not: its first cells import them), and its
# process.
PROBE = ("import os, sys\n"
         "print('kernel', os.getpid(), os.getppid(), 'smmplan.views' in sys.modules)")


def test_in_a_batch_each_worker_s_first_kernel_comes_with_the_worker_s_imports(tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, notebooks)
    first = chapter_notebooks(notebooks)[0]
    nb = nbformat.read(first, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(PROBE))  # before any import
    nbformat.write(nb, first)
    briefs = {p.parent.name: p for p in example_briefs()}
    out = tmp_path / "out"
    proc = run_cli("build", str(briefs["bakery"]), str(briefs["b2b-software"]), "-o", str(out),
                   "-j", "2", "-q", "--notebooks", str(notebooks))
    assert proc.returncode == 0, proc.stderr
    seen = []
    for slug in ("maison-fournil", "cloudline"):
        nb = nbformat.read(out / slug / "plan.ipynb", as_version=4)
        text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
        pid, ppid, warm = re.search(r"kernel (\d+) (\d+) (True|False)", text).groups()
        seen.append((pid, ppid, warm))
    assert [warm for _, _, warm in seen] == ["True", "True"]
    assert seen[0][0] != seen[1][0] and seen[0][1] != seen[1][1]  # one per worker
