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


# --- legibility: contrast and distinct series ----------------------------------------------

def test_contrast_ratio_known_values():
    assert charts.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert charts.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert charts.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert charts.contrast_ratio("#F3E3C3", "#FFFFFF") == pytest.approx(1.27, abs=0.01)
    assert charts.relative_luminance("#FF0000") == pytest.approx(0.2126)


def test_light_brand_colour_is_darkened_for_lines_only_as_much_as_needed():
    dark = charts.readable("#F3E3C3")
    assert charts.contrast_ratio("#F3E3C3", "#FFFFFF") < charts.MIN_CONTRAST
    assert charts.contrast_ratio(dark, "#FFFFFF") >= charts.MIN_CONTRAST
    assert charts.contrast_ratio(dark, "#FFFFFF") < charts.MIN_CONTRAST + 0.1
    r, g, b = (int(dark[i:i + 2], 16) for i in (1, 3, 5))
    assert r > g > b  # same hue: a darker beige, not grey
    assert charts.readable("#2B2D42") == "#2B2D42"  # passing colours are kept
    theme = charts.Theme("#F3E3C3", "#7A4A21")
    assert theme.palette(2)[0] == "#F3E3C3"  # fills keep the brand colour
    assert theme.line_palette(2)[0] == dark


def test_bad_colour_is_a_usage_error():
    from smmplan.errors import UsageError

    with pytest.raises(UsageError, match="#RRGGBB"):
        charts.contrast_ratio("red", "#FFFFFF")


def test_delta_e_known_values():
    assert charts.delta_e("#000000", "#FFFFFF") == pytest.approx(100.0, abs=0.01)
    assert charts.delta_e("#2B2D42", "#2B2D42") == 0
    assert charts.delta_e("#2B2D42", "#4D4D4D") == pytest.approx(19.8, abs=0.1)


def test_series_colours_too_close_are_replaced():
    # the fashion example: navy brand colour and the first grey were one colour on screen
    kept = charts.distinct_colours(["#2B2D42", "#EF8354", "#4D4D4D"], ["#4D4D4D", "#8C8C8C"])
    assert kept == ["#2B2D42", "#EF8354", "#8C8C8C"]
    assert charts.distinct_colours(["#111111", "#121212"], []) == ["#111111", "#121212"]


@pytest.mark.parametrize("primary, secondary", [("#2B2D42", "#EF8354"), ("#1D4ED8", "#F59E0B"),
                                                ("#7A4A21", "#F3E3C3"), ("#F3E3C3", "#F2E2C2"),
                                                ("#FFFFFF", "#EEEEEE")])
def test_palettes_are_distinct_and_lines_readable(primary, secondary):
    theme = charts.Theme(primary, secondary)
    for colours in (theme.palette(8), theme.line_palette(8)):
        for i, a in enumerate(colours):
            for b in colours[:i]:
                assert charts.delta_e(a, b) >= charts.MIN_DELTA_E, (colours, a, b)
    assert all(charts.contrast_ratio(c, "#FFFFFF") >= charts.MIN_CONTRAST
               for c in theme.line_palette(8))
    assert theme.palette(1) == [primary]


def _line_and_marker_colours(spec: dict) -> list[str]:
    out = []
    for trace in spec["data"]:
        if trace["type"] == "scatter":
            out.append(trace.get("line", {}).get("color"))
            colour = trace.get("marker", {}).get("color")
            out += colour if isinstance(colour, list) else [colour]
    return [c for c in out if c]


def test_lines_and_markers_of_a_light_brand_are_readable(plan):
    theme = charts.Theme("#F3E3C3", "#FAF0E0", plan.theme.separators)
    tr, paid = plan.tr, plan.paid
    figs = [charts.positioning_chart(plan.identity.competitors, tr, theme),
            charts.sweep_chart(paid.sweep, paid.break_even_cpa, 1000.0, tr, theme),
            charts.trajectory_chart(["2027-01", "2027-02"], [("a", [1, 2], 1), ("b", [2, 3], 2)],
                                    tr, theme),
            charts.k_selection_chart([{"k": 2, "silhouette": 0.3, "davies_bouldin": 1.0,
                                       "admissible": True}], 2, tr, theme)]
    for spec in figs:
        colours = _line_and_marker_colours(spec)
        assert colours, spec["layout"]["title"]
        for colour in colours:
            assert charts.contrast_ratio(colour, "#FFFFFF") >= charts.MIN_CONTRAST, colour
        go.Figure(spec)


def test_a_grey_brand_still_stands_out_from_the_grey_rest(plan):
    theme = charts.Theme("#9A9A9A", "#EF8354")
    spec = charts.engagement_chart(plan.identity.competitors, plan.tr, theme)
    colours = spec["data"][0]["marker"]["color"]
    assert colours[0] == "#9A9A9A"
    assert charts.delta_e(colours[0], colours[1]) >= charts.MIN_DELTA_E
    assert charts.Theme("#2B2D42", "#EF8354").highlight("#9E9E9E") == ("#2B2D42", "#9E9E9E")


def test_every_axis_makes_room_for_its_title(plan):
    paid = plan.paid
    spec = charts.sweep_chart(paid.sweep, paid.break_even_cpa, 1000.0, plan.tr, plan.theme)
    for key in ("xaxis", "yaxis", "yaxis2"):
        assert spec["layout"][key]["automargin"] is True


def test_scenario_buttons_sit_between_title_and_plot(plan):
    spec = charts.scenario_chart(["instagram"], {"low": [1], "mid": [2], "high": [3]},
                                 {"low": "L", "mid": "M", "high": "H"}, plan.tr, plan.theme)
    layout = spec["layout"]
    menu = layout["updatemenus"][0]
    assert menu["yanchor"] == "bottom" and 1 <= menu["y"] < 1.1  # just above the plot
    assert layout["title"]["yref"] == "container" and layout["title"]["yanchor"] == "top"
    assert layout["margin"]["t"] >= 80  # room for both lines
    go.Figure(spec)
    paid = plan.paid
    sweep = charts.sweep_chart(paid.sweep, paid.break_even_cpa, 1000.0, plan.tr, plan.theme)
    assert sweep["layout"]["legend"]["yanchor"] == "bottom"  # a legend above the plot
    assert sweep["layout"]["title"]["yref"] == "container"  # under the title
