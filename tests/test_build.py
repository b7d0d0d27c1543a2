"""End-to-end builds: every example plan, the deliverable's promises, batch failures."""

from __future__ import annotations

import csv
import re
import shutil

import nbformat
import pytest

from smmplan.build import BuildOptions, build_one, stitch
from smmplan.export import plotly_js
from smmplan.paths import example_briefs

from .conftest import XSS, example_raw, fault_notebooks, plan_json, run_cli, standalone, write_brief

EXPECTED_KEYS = {"schema_version", "client", "provenance", "summary", "identity", "targets",
                 "objectives", "kpis", "channels", "calendar", "community", "budget", "creators",
                 "team", "figures", "tables", "checks"}


def test_every_example_is_built(built):
    assert set(built["plans"]) == {"maison-fournil", "cloudline", "maison-lune",
                                   "script-alert-1-script"}
    for folder in built["plans"].values():
        for name in ("plan.html", "plan.ipynb", "plan.json"):
            assert (folder / name).is_file(), folder / name
        assert list((folder / "tables").glob("*.csv"))
        assert not (folder / "failed.ipynb").exists()
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    assert "4 built, 0 failed" in built["stdout"]


def test_plan_json_matches_what_the_html_shows(built):
    for folder in built["plans"].values():
        data = plan_json(folder)
        assert set(data) == EXPECTED_KEYS
        html = (folder / "plan.html").read_text(encoding="utf-8")
        shown = set(re.findall(r'<div class="smm-figure" data-key="([a-z_]+)"', html))
        assert shown == set(data["figures"])
        tables = {re.search(r'data-key="([a-z_]+)"', tag).group(1)
                  for tag in re.findall(r'<figure class="smm-table"[^>]*>', html)}
        assert tables == set(data["tables"])
        for key, table in data["tables"].items():
            with (folder / "tables" / f"{key}.csv").open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            assert len(rows) == len(table["rows"])
            assert list(rows[0]) == [c["key"] for c in table["columns"]]


def test_provenance_hashes_the_brief_and_data_files(built):
    import hashlib

    data = plan_json(built["plans"]["maison-lune"])
    prov = data["provenance"]
    brief = next(p for p in example_briefs() if p.parent.name == "fashion")
    assert prov["brief"]["sha256"] == hashlib.sha256(brief.read_bytes()).hexdigest()
    assert {f["kind"] for f in prov["data_files"]} == {"audience", "posts", "ads"}
    assert prov["smmplan_version"]
    # provenance is verifiable from plan.json: each data file's hash is its file's
    for f in prov["data_files"]:
        assert f["sha256"] == hashlib.sha256((brief.parent / f["name"]).read_bytes()).hexdigest()
    # and kept out of the client's HTML: no hashes, no tool version line
    html = (built["plans"]["maison-lune"] / "plan.html").read_text(encoding="utf-8")
    for f in [prov["brief"], *prov["data_files"]]:
        assert f["sha256"] not in html
    from .plantext import plan_text

    text = plan_text(built["plans"]["maison-lune"] / "plan.html")  # what the client reads
    assert "smmplan" not in text and prov["brief"]["name"] not in text


def test_deliverable_has_no_code_cdn_or_traceback(built):
    for folder in built["plans"].values():
        html = (folder / "plan.html").read_text(encoding="utf-8")
        assert html.count(plotly_js()) == 1  # plotly.js embedded once, inline
        ours = html.replace(plotly_js(), "")
        # the emptied head script, then one script per chart and nothing else
        assert ours.count("<script") == 1 + ours.count("Plotly.newPlot(")
        lowered = ours.lower()
        for bad in ("require.js", "mathjax", "cdn.", "<script src", "traceback",
                    "load_plan", "brief_path", "jp-inputarea", "papermill", "import smmplan",
                    "from smmplan", "plan = "):
            assert bad not in lowered, (folder.name, bad)
        assert re.search(r'<nav[^>]*class="smm-toc"[^>]*>.*?<ol>', html, re.S)


def _ours(folder) -> str:
    """The plan's HTML without the embedded plotly.js library."""
    return (folder / "plan.html").read_text(encoding="utf-8").replace(plotly_js(), "")


def test_french_plan_is_in_french(built):
    html = _ours(built["plans"]["maison-fournil"])
    assert '<html lang="fr">' in html
    for words in ("Synthèse", "Identité de marque et diagnostic", "Part de voix", "Sommaire",
                  "1er janvier 2027"):
        assert words in html
    for english in ("Executive summary", "Share of voice", "Contents"):
        assert english not in html
    data = plan_json(built["plans"]["maison-fournil"])
    assert data["client"]["locale"] == "fr_FR"
    assert '"separators":",\\u202f"' in html or '"separators": ",\\u202f"' in html


def test_xss_strings_are_escaped(built):
    html = _ours(built["plans"]["script-alert-1-script"])
    assert XSS not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src=x onerror="alert(2)">' not in html
    assert "<b>bold</b>" not in html
    assert "alert(3)</script>" not in html


def test_stitched_plan_has_one_parameters_cell():
    nb = stitch()
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert sum("parameters" in t for t in tags) == 1
    assert nb.metadata.kernelspec.name == "python3"


def test_stitching_keeps_every_statement_with_fewer_cells():
    """Later chapters' setup cells run at the top of their next code cell: every chapter's
    statements are still there, in order, and each chapter's first view still shows; the
    JupyterLab-only widget cells are left out."""
    import nbformat

    from smmplan.build import chapter_notebooks

    nb = stitch()
    code = [c for c in nb.cells if c.cell_type == "code"]
    books = [nbformat.read(p, as_version=4) for p in chapter_notebooks()]
    setups = [c for b in books for c in b.cells if "setup" in c.metadata.get("tags", [])]
    assert len(setups) == len(books)  # each chapter runs alone in JupyterLab
    assert sum("setup" in c.metadata.get("tags", []) for c in code) == 1
    assert sum(c.source.count("load_plan(brief_path") for c in code) == len(books)
    chapter_code = sum(c.cell_type == "code" and not {"parameters", "lab"} & set(
        c.metadata.get("tags", [])) for b in books for c in b.cells)
    # + parameters, the cell that starts the calendar files, appendix heading, footer, save
    assert len(code) == 1 + chapter_code - (len(books) - 1) + 4
    assert [c.source for c in code].index("plan.prepare_files()") == sum(
        c.cell_type == "code" and "lab" not in c.metadata.get("tags", [])
        for c in books[0].cells)  # right after the first chapter (its summary computes all)
    assert not any("lab." in c.source for c in code)  # widgets are for JupyterLab only
    merged = [c.source for c in code if "load_plan(" in c.source][1:]
    assert all(s.rstrip().splitlines()[-1].startswith("v.") for s in merged)


def test_method_and_detail_cells_are_gathered_in_an_appendix_after_the_last_chapter():
    """Cells tagged ``appendix`` leave their chapter for the appendix, in chapter order,
    after the last chapter's cells and before the footer: decisions first in each chapter,
    method and detail for whoever checks them."""
    import nbformat

    from smmplan.build import APPENDIX_CELL, FOOTER_CELL, chapter_notebooks

    books = [nbformat.read(p, as_version=4) for p in chapter_notebooks()]
    tagged = [c.source for b in books for c in b.cells
              if "appendix" in c.metadata.get("tags", []) and c.cell_type == "code"]
    assert len(tagged) >= 3  # targets, channels, budget at least
    code = [c.source for c in stitch().cells if c.cell_type == "code"]
    start = code.index(APPENDIX_CELL)
    assert code[start + 1:start + 1 + len(tagged)] == tagged
    assert code.index(FOOTER_CELL) == start + 1 + len(tagged)
    last_chapter = [i for i, s in enumerate(code) if s.startswith("v.team")]
    assert last_chapter and max(last_chapter) < start


@pytest.mark.parametrize("jobs", ["1", "2"])  # at -j 2 the briefs are checked in the workers
def test_invalid_brief_stops_before_any_kernel(tmp_path, jobs):
    raw = standalone(example_raw())
    raw["client"]["currency"] = "ZZZ"
    bad = write_brief(tmp_path, raw)
    good = next(iter(example_briefs()))
    res = run_cli("build", str(good), str(bad), "-o", str(tmp_path / "out"), "-q", "-j", jobs)
    assert res.returncode == 2
    assert f"{bad}: client.currency: unknown currency code 'ZZZ'" in res.stderr
    assert not (tmp_path / "out").exists()
    assert "Traceback" not in res.stderr


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    """A batch with a good brief, one whose build fails and one that hangs."""
    root = tmp_path_factory.mktemp("faults")
    notebooks = fault_notebooks(root / "notebooks")
    out = root / "out"
    raw = standalone(example_raw("bakery"))
    raw["client"]["name"] = "Broken Client"
    broken = write_brief(root / "broken", raw)
    raw["client"]["name"] = "Slow Client"
    slow = write_brief(root / "slow", raw)
    good = next(p for p in example_briefs() if p.parent.name == "bakery")
    # A previous good plan of the client that is about to fail.
    first = run_cli("build", str(broken), "-o", str(out), "-q")
    assert first.returncode == 0, first.stderr
    before = (out / "broken-client" / "plan.html").read_bytes()
    res = run_cli("build", str(good), str(broken), str(slow), "-o", str(out), "-j", "2", "-q",
                  "--timeout", "8", "--notebooks", str(notebooks))
    return {"out": out, "res": res, "before": before}


def test_failed_build_in_a_batch(faults):
    res, out = faults["res"], faults["out"]
    assert res.returncode == 1
    assert "1 built, 2 failed" in res.stdout
    assert (out / "maison-fournil" / "plan.html").is_file()
    broken = out / "broken-client"
    assert (broken / "failed.ipynb").is_file()
    assert "RuntimeError: injected failure" in res.stdout
    nb = nbformat.read(broken / "failed.ipynb", as_version=4)
    assert any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
    # the previous good plan is untouched
    assert (broken / "plan.html").read_bytes() == faults["before"]
    assert not [p for p in broken.iterdir() if p.name.startswith(".staging")]


def test_hanging_cell_hits_the_timeout(faults):
    res, out = faults["res"], faults["out"]
    assert "timed out" in res.stdout.lower() or "timeout" in res.stdout.lower()
    assert (out / "slow-client" / "failed.ipynb").is_file()
    assert not (out / "slow-client" / "plan.html").exists()


def test_kernel_that_fails_to_start_is_retried_once_and_reported(tmp_path):
    good = next(p for p in example_briefs() if p.parent.name == "bakery")
    result = build_one(good, tmp_path, BuildOptions(kernel_name="no-such-kernel"))
    assert not result.ok
    assert result.attempts == 2
    assert "no-such-kernel" in result.message
    assert not (tmp_path / "maison-fournil" / "plan.html").exists()


def test_rebuild_replaces_the_plan(tmp_path, built):
    src = built["plans"]["cloudline"]
    target = tmp_path / "cloudline"
    shutil.copytree(src, target)
    (target / "tables" / "stale.csv").write_text("x\n")
    brief = next(p for p in example_briefs() if p.parent.name == "b2b-software")
    result = build_one(brief, tmp_path)
    assert result.ok, result.message
    assert not (target / "tables" / "stale.csv").exists()
    assert (target / "plan.html").stat().st_size > 100_000
    # the plan computed ahead for the kernel is a tool internal, not a deliverable
    for folder in [target, *built["plans"].values()]:
        assert (folder / "plan.html").is_file() and not list(folder.glob("*.pickle*"))


def test_no_row_level_personal_data_in_the_deliverable(built):
    from smmplan.exports.table import read_table
    from smmplan.paths import EXAMPLES_DIR

    folder = built["plans"]["maison-lune"]
    raw = read_table(EXAMPLES_DIR / "fashion" / "audience.csv")
    segments = (folder / "audience_segments.csv").read_text(encoding="utf-8").splitlines()
    assert segments[0] == "key,target,sub_target" and len(segments) == len(raw) + 1
    texts = [_ours(folder), (folder / "plan.json").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (folder / "tables").glob("*.csv")]
    for col in ("Customer ID", "Email", "Phone", "Last Name"):
        for value in raw[col].dropna().head(200):
            assert not any(str(value) in text for text in texts), (col, value)
    data = plan_json(folder)
    assert data["targets"]["k"] == len(data["targets"]["personas"]) >= 2
    assert {"k_selection", "segment_sizes", "segment_profiles", "segment_map"} <= set(
        data["figures"])
    assert (folder / "tables" / "segments.csv").is_file()


def test_a_missing_brief_in_a_batch_is_said_before_any_worker(tmp_path):
    good = next(iter(example_briefs()))
    missing = tmp_path / "nope" / "brief.yaml"
    res = run_cli("build", str(good), str(missing), "-o", str(tmp_path / "out"), "-q",
                  "-j", "2")
    assert res.returncode == 2 and str(missing) in res.stderr
    assert "Traceback" not in res.stderr and not (tmp_path / "out").exists()
