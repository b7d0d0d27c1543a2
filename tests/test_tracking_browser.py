"""The tracking report opened in the system Chromium with the network blocked: every
chart drawn from the inlined plotly.js, no error."""

from __future__ import annotations

import pytest

from smmplan.paths import EXAMPLES_DIR

from .conftest import run_cli
from .test_browser import _open, browser  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


def test_report_draws_offline(browser, tmp_path):  # noqa: F811
    res = run_cli("track", str(EXAMPLES_DIR / "fashion" / "brief.yaml"), "--actuals",
                  str(EXAMPLES_DIR / "fashion" / "actuals"), "-o", str(tmp_path))
    assert res.returncode == 0, res.stderr
    page, seen = _open(browser, tmp_path / "maison-lune" / "report.html")
    figures = page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length")
    drawn = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                          ".filter(d => d.querySelector('.main-svg')).length")
    assert drawn == figures >= 4
    types = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                          ".flatMap(d => d._fullData.map(t => t.type))")
    assert "waterfall" in types and "bar" in types
    assert seen == {"blocked": [], "errors": [], "dialogs": []}
    assert page.inner_text(".smm-cover-facts dt") == "Actuals"
    page.close()
