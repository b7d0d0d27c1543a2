"""The plotly.js a plan embeds: the vendored partial bundle, or the full one as a fallback."""

from __future__ import annotations

import hashlib

import nbformat
import plotly.io as pio
import pytest
from plotly.offline import get_plotlyjs, get_plotlyjs_version

from smmplan import export
from smmplan.report import FigureBlock

MAX_PLAN_BYTES = 2_000_000


def _bundle_text() -> str:
    return (export.PLOTLY_BUNDLE_DIR / export.partial_bundle()["file"]).read_text("utf-8")


def test_vendored_bundle_is_the_installed_plotly_js_version():
    bundle = export.partial_bundle()
    # fails when plotly is upgraded without the bundle: see templates/plan/static/plotly
    assert bundle["version"] == get_plotlyjs_version()
    text = _bundle_text()
    assert f"plotly.js (cartesian - minified) v{bundle['version']}" in text[:200]
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == bundle["sha256"]
    assert (export.PLOTLY_BUNDLE_DIR / "LICENSE").read_text("utf-8").startswith("MIT License")
    assert "</script" not in text.lower()  # inlined in a <script> element


def test_partial_bundle_is_much_smaller_than_the_full_one():
    assert len(export.plotly_js()) == len(_bundle_text()) < 1_500_000
    assert len(get_plotlyjs()) > 3 * 1_000_000


def _notebook(*outputs: dict) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", data=data) for data in outputs])]
    return nb


def _figure(trace_type: str) -> dict:
    block = FigureBlock("k", {"data": [{"type": trace_type, "x": [1], "y": [2]}],
                              "layout": {"title": {"text": "t"}}})
    return block._repr_mimebundle_()


def test_trace_types_read_from_figure_outputs(monkeypatch):
    monkeypatch.setenv("SMMPLAN_STATIC", "1")
    nb = _notebook(_figure("bar"), {"text/html": "<p>a table</p>"}, _figure("pie"))
    assert export.trace_types(nb) == {"bar", "pie"}
    untyped = FigureBlock("u", {"data": [{"x": [1], "y": [1]}], "layout": {}})
    assert export.trace_types(_notebook(untyped._repr_mimebundle_())) == {"scatter"}
    assert export.trace_types(_notebook({"text/html": "<p>no chart</p>"})) == frozenset()


def test_trace_types_from_plotly_own_html_and_mime_type():
    sankey = {"data": [{"type": "sankey", "node": {"label": ["a", "b"]},
                        "link": {"source": [0], "target": [1], "value": [1]}}], "layout": {}}
    html = pio.to_html(sankey, include_plotlyjs=False, full_html=False)
    assert export.trace_types(_notebook({"text/html": html})) == {"sankey"}
    mime = {"application/vnd.plotly.v1+json": {"data": [{"type": "violin"}], "layout": {}}}
    assert export.trace_types(_notebook(mime)) == {"violin"}


def test_unreadable_figure_means_unknown():
    nb = _notebook({"text/html": "<script>Plotly.newPlot('d', window.traces)</script>"})
    assert export.trace_types(nb) is None
    assert export.plotly_js(None) == get_plotlyjs()


def test_partial_bundle_only_when_it_covers_every_trace():
    assert export.plotly_js(frozenset({"bar", "scatter", "pie", "heatmap"})) == _bundle_text()
    assert export.plotly_js(frozenset({"bar", "scatterpolar"})) == get_plotlyjs()
    assert export.plotly_js(frozenset({"scattergl"})) == get_plotlyjs()


@pytest.mark.parametrize("trace_type, full", [("bar", False), ("sankey", True),
                                              ("scatterpolar", True)])
def test_export_embeds_the_bundle_the_figures_need(monkeypatch, trace_type, full):
    monkeypatch.setenv("SMMPLAN_STATIC", "1")
    html = export.export_html(_notebook(_figure(trace_type)), title="t", language="en")
    assert html.count(get_plotlyjs()) == int(full)
    assert html.count(_bundle_text()) == int(not full)
    assert f'"type":"{trace_type}"' in html


def test_version_mismatch_falls_back_to_the_full_bundle(monkeypatch):
    import plotly.offline

    monkeypatch.setattr(plotly.offline, "get_plotlyjs_version", lambda: "0.0.1")
    export.plotly_js.cache_clear()
    try:
        assert not export.partial_bundle_covers(frozenset({"bar"}))
        assert export.plotly_js(frozenset({"bar"})) == get_plotlyjs()
    finally:
        export.plotly_js.cache_clear()


def test_every_example_plan_is_at_most_2_mb(built):
    sizes = {slug: (folder / "plan.html").stat().st_size
             for slug, folder in built["plans"].items()}
    assert len(sizes) >= 3
    assert all(size <= MAX_PLAN_BYTES for size in sizes.values()), sizes
    for folder in built["plans"].values():
        assert _bundle_text() in (folder / "plan.html").read_text(encoding="utf-8")
