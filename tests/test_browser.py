"""Each built plan opened in the system Chromium with the network blocked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smmplan.paths import ROOT

from .conftest import browser_required, plan_json

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if browser_required():
            pytest.fail("Chromium is required (SMMPLAN_REQUIRE_BROWSER=1) but not installed")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _open(browser, path: Path, width: int = 1200):
    page = browser.new_page(viewport={"width": width, "height": 900})
    seen = {"blocked": [], "errors": [], "dialogs": []}

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:
            seen["blocked"].append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n || n === 0",
        arg=1, timeout=30_000)
    page.wait_for_timeout(500)
    return page, seen


def test_every_plan_renders_offline(browser, built):
    ARTIFACTS.mkdir(exist_ok=True)
    for slug, folder in built["plans"].items():
        page, seen = _open(browser, folder / "plan.html")
        figures = plan_json(folder)["figures"]
        rendered = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot')]"
            ".filter(d => d.querySelector('.main-svg')).length")
        assert rendered == len(figures) > 0, slug
        # each trace drawn as its own type (plotly.js draws a type missing from its bundle
        # as an empty scatter, silently)
        drawn = page.evaluate(
            "() => Object.fromEntries([...document.querySelectorAll('.js-plotly-plot')]"
            ".map(d => [d.id.slice(4), d._fullData.map(t => t.type)]))")
        assert drawn == {key: [t.get("type", "scatter") for t in fig["plotly"]["data"]]
                         for key, fig in figures.items()}, slug
        assert seen["blocked"] == [], (slug, seen["blocked"])
        assert seen["errors"] == [], (slug, seen["errors"])
        assert seen["dialogs"] == [], (slug, seen["dialogs"])
        links = page.eval_on_selector_all(
            "nav.smm-toc a", "as => as.map(a => a.getAttribute('href'))")
        assert len(links) >= 7
        for href in links:
            assert href.startswith("#")
            assert page.evaluate("id => !!document.getElementById(id)", href[1:]), (slug, href)
        page.screenshot(path=str(ARTIFACTS / f"{slug}.png"), full_page=False)
        page.close()


def test_xss_brief_shows_text_and_runs_nothing(browser, built):
    page, seen = _open(browser, built["plans"]["script-alert-1-script"] / "plan.html")
    assert page.inner_text("h1.smm-cover-title") == "<script>alert(1)</script>"
    assert "<img src=x" in page.inner_text(".smm-cards")
    assert seen["dialogs"] == []
    page.close()


def test_print_layout_is_a4(browser, built, tmp_path):
    page, _ = _open(browser, built["plans"]["maison-fournil"] / "plan.html")
    pdf = page.pdf(path=str(tmp_path / "plan.pdf"), prefer_css_page_size=True)
    assert pdf[:4] == b"%PDF"
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") >= 3
    page.close()


def test_budget_scenario_buttons_work_without_a_kernel(browser, built):
    page, seen = _open(browser, built["plans"]["maison-lune"] / "plan.html")
    visible = "() => document.getElementById('fig-budget_scenarios').data.map(t => t.visible)"
    assert page.evaluate(visible) == [False, True, False]
    page.locator("#fig-budget_scenarios .updatemenu-button").nth(2).click()
    page.wait_for_timeout(300)
    assert page.evaluate(visible) == [False, False, True]
    assert seen["errors"] == []
    page.close()


# Every chart's layout boxes: title, controls (scenario buttons, legend), axis titles and
# their tick labels, in page coordinates.
_CHART_BOXES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(div => {
  const box = e => {
    const r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const title = div.querySelector('.gtitle');
  const axes = [...div.querySelectorAll('text')]
    .filter(t => /^[xy]\\d*title$/.test(t.getAttribute('class') || '') && shown(t))
    .map(t => {
      const axis = t.getAttribute('class').replace('title', '');
      const ticks = [...div.querySelectorAll('g.' + axis + 'tick text')]
        .filter(e => e.textContent && shown(e)).map(box);
      return {axis, text: t.textContent, box: box(t), ticks};
    });
  return {id: div.id, svg: box(div.querySelector('.main-svg')),
          title: title && shown(title) ? box(title) : null,
          buttons: [...div.querySelectorAll('.updatemenu-button')].filter(shown).map(box),
          legend: [...div.querySelectorAll('.legend')].filter(shown).map(box), axes};
})"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(a, outer) -> bool:
    return (a[0] >= outer[0] - 0.5 and a[1] >= outer[1] - 0.5 and a[2] <= outer[2] + 0.5
            and a[3] <= outer[3] + 0.5)


@pytest.mark.parametrize("width", [1200, 700])
def test_chart_controls_and_axis_titles_fit(browser, built, width):
    """On every chart, on a wide and a narrow page: scenario buttons and legends never
    cover the title; axis titles and tick labels lie inside the chart, and an axis title
    never covers its tick labels."""
    checked = {"buttons": 0, "axes": 0}
    for slug, folder in built["plans"].items():
        page, _ = _open(browser, folder / "plan.html", width)
        n = len(plan_json(folder)["figures"])
        page.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=n,
            timeout=30_000)
        charts = page.evaluate(_CHART_BOXES)
        assert len(charts) == n, slug
        for chart in charts:
            where = (slug, chart["id"])
            assert chart["title"], where
            for control in chart["buttons"] + chart["legend"]:
                assert not _overlap(control, chart["title"]), (where, control, chart["title"])
            checked["buttons"] += len(chart["buttons"])
            for axis in chart["axes"]:
                assert _inside(axis["box"], chart["svg"]), (where, axis["text"])
                for tick in axis["ticks"]:
                    assert _inside(tick, chart["svg"]), (where, axis["axis"], tick)
                    assert not _overlap(tick, axis["box"]), (where, axis["text"], tick)
                checked["axes"] += 1
        page.close()
    assert checked["buttons"] >= 3 * len(built["plans"]) - 3  # the scenario charts
    assert checked["axes"] > 20


def _load_script(browser, script: str):
    page = browser.new_page()
    page.route("**/*", lambda r: r.abort())
    page.set_content("<!DOCTYPE html><html><body></body></html>")
    page.add_script_tag(content=script)
    return page


def test_vendored_plotly_bundle_draws_the_trace_types_it_claims(browser):
    from smmplan.export import partial_bundle, plotly_js

    page = _load_script(browser, plotly_js())
    version, traces = page.evaluate(
        "() => [Plotly.version, Object.keys(Plotly.PlotSchema.get().traces).sort()]")
    assert version == partial_bundle()["version"]
    assert traces == sorted(partial_bundle()["traces"])
    page.close()


@pytest.mark.parametrize("trace_type", ["bar", "pie", "heatmap", "sankey", "scatterpolar"])
def test_exported_notebook_draws_offline_with_the_bundle_it_embeds(browser, tmp_path,
                                                                   monkeypatch, trace_type):
    """A small notebook: cartesian traces with the partial bundle, others (a custom
    notebook's sankey or polar chart) with the full plotly.js fallback."""
    import nbformat

    from smmplan.export import export_file
    from smmplan.report import FigureBlock

    monkeypatch.setenv("SMMPLAN_STATIC", "1")
    trace = {"type": trace_type}
    if trace_type == "sankey":
        trace.update(node={"label": ["a", "b"]}, link={"source": [0], "target": [1], "value": [1]})
    elif trace_type == "scatterpolar":
        trace.update(r=[1, 2, 3], theta=[0, 90, 180])
    elif trace_type == "heatmap":
        trace.update(z=[[1, 2], [3, 4]])
    elif trace_type == "pie":
        trace.update(labels=["a", "b"], values=[1, 2])
    else:
        trace.update(x=["a", "b"], y=[1, 2])
    block = FigureBlock("k", {"data": [trace], "layout": {"title": {"text": "t"}}})
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", data=block._repr_mimebundle_())])]
    export_file(nb, tmp_path / "plan.html", title="t", language="en")
    page, seen = _open(browser, tmp_path / "plan.html")
    # plotly.js draws an unknown trace type as an empty scatter, without an error
    assert page.evaluate("() => document.getElementById('fig-k')._fullData.map(t => t.type)"
                         ) == [trace_type]
    assert seen["errors"] == [] and seen["blocked"] == []
    page.close()
