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


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
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
