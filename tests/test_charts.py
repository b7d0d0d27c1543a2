"""Every chart is a valid plotly figure (validated by plotly.graph_objects here, once,
instead of in every plan kernel)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from smmplan import charts
from smmplan.plan import Plan

from .conftest import example_raw, standalone


@pytest.fixture(scope="module", params=["fashion", "bakery", "b2b-software"])
def plan(request, tmp_path_factory):
    from smmplan.brief import parse_brief

    raw = standalone(example_raw(request.param))
    return Plan(parse_brief(raw, tmp_path_factory.mktemp("b") / "brief.yaml"))


def _all_figures(plan):
    ident, tr, th = plan.identity, plan.tr, plan.theme
    figs = [charts.problems_chart(ident.diagnosis, tr, th),
            charts.maturity_chart(ident.maturity, tr, th)]
    bench = ident.competitors
    figs += [f(bench, tr, th) for f in (charts.followers_chart, charts.engagement_chart,
                                         charts.frequency_chart, charts.share_of_voice_chart,
                                         charts.positioning_chart)]
    return figs


def test_every_chart_is_valid_plotly(plan):
    for spec in _all_figures(plan):
        fig = go.Figure(spec)  # raises on any invalid property
        assert fig.layout.title.text
        assert fig.layout.separators == plan.theme.separators


def test_client_is_drawn_in_the_brand_colour(plan):
    spec = charts.engagement_chart(plan.identity.competitors, plan.tr, plan.theme)
    colours = spec["data"][0]["marker"]["color"]
    assert colours[0] == plan.brief.brand.visual_identity.primary_color
    assert set(colours[1:]) == {"#9E9E9E"}


def test_french_charts_use_french_separators():
    from smmplan.brief import parse_brief

    plan = Plan(parse_brief(standalone(example_raw("bakery")), __import__("pathlib").Path("b")))
    assert plan.theme.separators == ",\u202f"


def test_scenario_chart_switches_without_a_kernel(plan):
    paid = plan.paid
    funded = [c for c in paid.channels if c.conversion_spend > 0]
    spec = charts.scenario_chart([c.platform for c in funded],
                                 {"low": [1] * len(funded), "mid": [2] * len(funded),
                                  "high": [3] * len(funded)},
                                 {"low": "L", "mid": "M", "high": "H"}, plan.tr, plan.theme)
    fig = go.Figure(spec)
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == ["L", "M", "H"]
    assert [t.visible for t in fig.data] == [False, True, False]
    assert menu.buttons[2].args[0]["visible"] == [False, False, True]
