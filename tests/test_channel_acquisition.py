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

    plan = _plan("b2b-software")
    assert all(c.acquired is None for c in plan.channels.choices)
    html = channel_choice(plan).html()
    assert "Customers who came through it" not in html and "Targets who use it" in html
