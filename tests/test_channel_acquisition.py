"""The channel choice weighs the client's own acquisition data, the channels table says
what each percentage measures, and one platform holds the conversion role when it carries
most of the paid conversion spend."""

from __future__ import annotations

import pytest

from smmplan.channel_choice import audience_term
from smmplan.paths import example_briefs
from smmplan.validation import load_brief


def _plan(name):
    from smmplan.plan import Plan

    return Plan(next(load_brief(p) for p in example_briefs() if p.parent.name == name))


def test_audience_term_weighs_acquisition_for_platforms_the_client_runs():
    acquired = {"instagram": 40.0, "facebook": 10.0}
    assert audience_term(0.7, "instagram", acquired, runs=True) == pytest.approx(0.85)
    assert audience_term(0.7, "facebook", acquired, runs=True) == pytest.approx(0.475)
    assert audience_term(0.5, "pinterest", acquired, runs=True) == pytest.approx(0.25)
    assert audience_term(0.9, "youtube", acquired, runs=False) == 0.9  # not run: no data
    assert audience_term(0.7, "facebook", None, runs=True) == 0.7


def test_maison_lune_channels_weigh_where_its_customers_came_from():
    from smmplan.channels import paid_conversion_lead
    from smmplan.views.channels import channel_choice

    plan = _plan("fashion")
    by = {c.platform: c for c in plan.channels.choices}
    assert by["facebook"].acquired == pytest.approx(9.9)
    assert by["instagram"].acquired == pytest.approx(40.9)
    assert by["youtube"].acquired is None  # not run: nothing to read
    # Facebook: most targets use it (74%) but few customers came through it
    assert by["facebook"].audience_fit > by["instagram"].audience_fit
    assert by["facebook"].score < by["instagram"].score
    assert by["facebook"].score < by["tiktok"].score
    # one conversion channel: the one carrying most of the paid conversion spend
    kept = [c for c in plan.channels.choices if c.kept]
    spend = {c.platform: c.conversion_spend for c in plan.paid.channels}
    lead = paid_conversion_lead(kept, spend)
    assert lead is not None and lead.platform == "instagram"
    assert [c.platform for c in kept if c.role == "conversion"] == ["instagram"]
    html = channel_choice(plan).html()
    assert "Targets who use it" in html and "Customers who came through it" in html
    assert "Two different measures" in html


def test_without_acquisition_data_the_table_has_no_acquisition_column():
    from smmplan.views.channels import channel_choice

    plan = _plan("bakery")  # no customer table, no web analytics
    assert plan.channels.acquired_from is None
    assert all(c.acquired is None for c in plan.channels.choices)
    html = channel_choice(plan).html()
    assert "Clients venus par elle" not in html and "Part dans vos" not in html
    assert "Cibles qui l’utilisent" in html


def _web_shares(path) -> dict[str, float]:
    """Demo requests (key events on /demo pages) from unpaid social visits, by platform,
    as % of them all: worked out here with pandas on the export as it is."""
    import pandas as pd

    web = pd.read_csv(path, comment="#")
    web = web[web["Landing page"].str.contains("demo", case=False)]
    source = web["Session source / medium"].str.lower()
    social = web[source.str.endswith("/ social") | source.str.endswith("/ referral")]
    first = social["Session source / medium"].str.split("/").str[0].str.strip().str.lower()
    platform = first.map({"linkedin": "linkedin", "linkedin.com": "linkedin",
                          "lnkd.in": "linkedin", "x": "x", "t.co": "x", "twitter": "x",
                          "x.com": "x", "youtube": "youtube", "youtube.com": "youtube"})
    events = social["Key events"].groupby(platform).sum()
    return (events / social["Key events"].sum() * 100).round(1).to_dict()


def test_without_a_customer_table_the_web_conversions_say_where_results_come_from():
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.views.channels import channel_choice

    plan = _plan("b2b-software")
    expected = _web_shares(EXAMPLES_DIR / "b2b-software" / "web_analytics.csv")
    by = {c.platform: c for c in plan.channels.choices}
    assert {p: by[p].acquired for p in expected} == pytest.approx(expected, abs=0.05)
    assert plan.channels.acquired_from == {"basis": "web", "event": "demo",
                                           "conversions": 27.0}
    # the platform that brings most demo requests is never cut to a maintenance cadence
    # nor held to its score, although its engagement is low
    top = max(expected, key=expected.get)
    assert not by[top].maintenance and not by[top].held
    html = channel_choice(plan).html()
    assert f"it brings {expected[top]:.1f}% of your demo requests from social" in html
    assert "Share of your demo requests from social" in html
    assert "Customers who came through it" not in html
    assert "of the 27 demo requests your web analytics records" in html


def test_too_few_web_conversions_say_nothing(tmp_path):
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.web_results import web_results

    from .conftest import example_raw, write_brief

    raw = example_raw("b2b-software")
    text = (EXAMPLES_DIR / "b2b-software" / "web_analytics.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Landing page"))
    kept = [line for line in lines[head + 1:] if line and "/demo" not in line]
    (tmp_path / "web_analytics.csv").write_text(
        "\n".join(lines[:head + 1] + kept + ["/demo,x / social,100,50,0.5,9"]) + "\n",
        encoding="utf-8")
    raw["data"] = {"web_analytics": {"path": "web_analytics.csv"}}
    raw["brand"]["visual_identity"].pop("logo", None)
    brief = load_brief(write_brief(tmp_path, raw))
    assert web_results(brief) is None  # 9 demo requests: fewer than min_web_results (10)
