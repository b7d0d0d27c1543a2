"""A client workspace for the lab: ``lab/`` beside the brief, with the workspace's own
copies of the chapter notebooks set on that brief (``smmplan lab BRIEF``).

JupyterLab opens on the brief's folder, so the brief, its data files, ``scenario.yaml``
and the notebooks are all in its file browser. The package's notebooks are only ever read;
a workspace notebook that exists is never rewritten (it holds the strategist's notes).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat

from .paths import NOTEBOOKS_DIR

WORKSPACE_DIR = "lab"
PARAMETERS = '''# Parameters: this client's brief. In the lab, the scenario kept beside it
# (scenario.yaml) applies; `smmplan build` gives its own values to these names.
from smmplan.lab import kept_scenario

brief_path = {brief!r}
scenario_path = kept_scenario(brief_path)
output_dir = None'''


def workspace_notebook(source: Path, brief_rel: str) -> nbformat.NotebookNode:
    """A chapter notebook for a workspace: its parameters cell set on the brief (and the
    kept scenario), without the brief picker (one workspace is one client), no outputs."""
    nb = nbformat.read(source, as_version=4)
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code":
            if "lab" in tags and "brief_picker" in cell.source:
                continue
            cell.outputs, cell.execution_count = [], None
            if "parameters" in tags:
                cell.source = PARAMETERS.format(brief=brief_rel)
        cells.append(cell)
    nb.cells = cells
    return nb


def create_workspace(brief_path: str | Path, notebooks_dir: Path = NOTEBOOKS_DIR) -> Path:
    """Create (or reopen) the workspace beside a brief: copies the chapter notebooks that
    are not there yet; returns the workspace folder. Existing notebooks are kept as they
    are."""
    from .build import chapter_notebooks

    brief_path = Path(brief_path).resolve()
    folder = brief_path.parent / WORKSPACE_DIR
    folder.mkdir(exist_ok=True)
    brief_rel = os.path.relpath(brief_path, folder)
    for source in chapter_notebooks(notebooks_dir):
        target = folder / source.name
        if target.exists():
            continue
        tmp = target.with_name(f".{target.name}.tmp")
        nbformat.write(workspace_notebook(source, brief_rel), tmp)
        os.replace(tmp, target)
    return folder


def lab_command(folder: Path) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command for a workspace and its environment: rooted at the brief's
    folder, opening the summary notebook, with this Python's environment first on PATH
    (so ``smmplan build`` works in the Lab's terminal)."""
    root = folder.parent
    first = sorted(folder.glob("0*.ipynb"))
    start = f"/lab/tree/{WORKSPACE_DIR}/{first[0].name}" if first else "/lab"
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}",
               f"--LabApp.default_url={start}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--ServerApp.allow_root=True")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")]),
           "VIRTUAL_ENV": sys.prefix}
    env.pop("SMMPLAN_STATIC", None)
    return command, env


def start_lab(folder: Path) -> int:
    """Run JupyterLab on a workspace until it stops; its exit code."""
    command, env = lab_command(folder)
    return subprocess.call(command, env=env, cwd=folder.parent)
