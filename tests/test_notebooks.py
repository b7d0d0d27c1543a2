"""Committed notebooks: no outputs, a parameters cell, a kernelspec; each runs on its own."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from smmplan.build import chapter_notebooks
from smmplan.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name}: outputs committed"
            assert cell.execution_count is None, f"{path.name}: execution count committed"
    assert nb.metadata.kernelspec.name == "python3"
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and "brief_path" in params[0].source


def test_chapter_notebooks_are_thin():
    for path in chapter_notebooks():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert len(cell.source.splitlines()) <= 6, (path.name, cell.source)


def test_a_chapter_runs_alone_with_plain_papermill(tmp_path):
    out = tmp_path / "identity.ipynb"
    proc = subprocess.run(
        [sys.executable, "-m", "papermill", str(NOTEBOOKS_DIR / "01_identity.ipynb"), str(out),
         "-p", "brief_path", "../data/examples/bakery/brief.yaml", "--cwd", str(NOTEBOOKS_DIR)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    nb = nbformat.read(out, as_version=4)
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells
                   for o in c.get("outputs", []))
    assert "Identité de marque et diagnostic" in html
