"""The stop rule on the forecast's own basis (conversion_cost.py, views/stop_basis.py): the
conversion campaigns' cost per conversion, without awareness, beside the break-even the
rule stops an ad at."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from smmplan.conversion_cost import conversion_only, stop_thresholds


def _channel(platform, spend, awareness, conversions):
    return SimpleNamespace(platform=platform, spend=spend, awareness_spend=awareness,
                           conversion_spend=spend - awareness, conversions=conversions)


def _paid(channels, break_even=24.75, lead_values=None, basis="first_order"):
    conv = sum(c.conversions for c in channels)
    spent = sum(c.conversion_spend for c in channels if c.conversions)
    return SimpleNamespace(channels=channels, break_even_cpa=break_even,
                           lead_values=lead_values or {}, break_even_basis=basis,
                           margin=None, aov=None, by_target=[],
                           totals={"cpa": spent / conv if conv else None}, tests=[])


FOURNIL = [_channel("instagram", 1548, 540, 57.6), _channel("facebook", 252, 0, 7.86)]


def test_the_conversion_only_cost_leaves_awareness_out():
    c = conversion_only(_paid(FOURNIL))
    assert c["average"] == pytest.approx(1260 / (57.6 + 7.86))
    assert c["platforms"]["instagram"] == pytest.approx(1008 / 57.6)
    assert c["with_awareness"] == ["instagram"] and c["awareness"] == 540
    assert conversion_only(_paid([_channel("x", 100, 100, 0)])) is None


def test_each_platform_is_held_to_its_own_break_even_when_leads_differ():
    paid = _paid([_channel("linkedin", 166_000, 50_000, 308), _channel("x", 27_000, 27_000, 0)],
                 684.8, {"linkedin": {"break_even": 791.04}, "x": {"break_even": 153.6}})
    assert stop_thresholds(paid) == {"linkedin": 791.04, "x": 153.6}
    assert set(stop_thresholds(_paid(FOURNIL)).values()) == {24.75}


def _plan(paid, lang="fr", locale="fr_FR", currency="EUR"):
    from smmplan.i18n import Translator

    return SimpleNamespace(tr=Translator(lang, locale, currency), paid=paid,
                           conversion_only=conversion_only(paid))


@pytest.mark.parametrize("lang,locale,currency", [("fr", "fr_FR", "EUR"),
                                                  ("en", "en_GB", "GBP")])
def test_the_forecast_above_the_rule_shows_its_conversion_only_cost(lang, locale, currency):
    """One cost per conversion: the stop rule's sentence quotes the conversion spend's
    average and each platform's, never an all-in cost the awareness spend lifts."""
    from smmplan.views.stop_basis import stop_basis

    plan = _plan(_paid(FOURNIL), lang, locale, currency)
    tr = plan.tr
    text = " ".join(stop_basis(plan))
    assert tr.money(1260 / (57.6 + 7.86), 2) in text  # the average without awareness
    assert tr.money(1008 / 57.6, 2) in text
    assert tr.money(1548 / 57.6, 2) not in text and tr.money(1800 / 65.46, 2) not in text
    above = stop_basis(plan)[-1]
    assert "Facebook" in above and tr.money(252 / 7.86, 2) in above  # above 24.75 already
    assert "Instagram" not in above


def test_nothing_is_added_when_the_forecast_sits_under_the_rule():
    from smmplan.views.stop_basis import stop_basis

    assert stop_basis(_plan(_paid(FOURNIL, break_even=40.0))) == []


def test_a_forecast_above_break_even_is_not_called_profitable():
    from smmplan.views.stop_basis import stop_basis

    plan = _plan(_paid(FOURNIL, break_even=15.0))
    out = stop_basis(plan)
    assert out[-1] == plan.tr.t("agency.stop_over", cpa=plan.tr.money(1260 / 65.46, 2))


def test_more_budget_would_pay_is_followed_by_a_cost_only_when_it_is_over_break_even():
    """The cost per conversion shown above is already the conversion campaigns' own (one
    value): under break-even nothing is added (no second cost, no "awareness included");
    over it, the note says the budget does not pay as it stands."""
    from smmplan.views.stop_basis import conversion_only_note

    plan = _plan(_paid(FOURNIL))
    tr = plan.tr
    assert conversion_only_note(plan) == ""
    for lang in ("en", "fr"):
        from smmplan.i18n import catalogue

        cat = catalogue(lang)
        assert not any("awareness spend" in v or "part notoriété" in v for k, v in cat.items()
                       if k.startswith("budget.break_even_none"))
    over = _plan(_paid(FOURNIL, break_even=15.0))
    assert conversion_only_note(over).strip() == over.tr.t(
        "budget.conversion_only_over", cpa=tr.money(1260 / 65.46, 2),
        break_even=tr.money(15.0, 2))


def test_the_test_platform_is_compared_on_conversion_campaigns_and_flagged_above_break_even():
    from smmplan.views.trial_share import trial_share_notes

    from .test_sector_benchmarks import facebook_first

    brief = facebook_first()
    paid = _paid(FOURNIL)
    paid.history, paid.books = None, brief.targets.personas[0].offer
    for c in paid.channels:
        c.cpa = c.spend / c.conversions
    plan = _plan(paid)
    plan.brief = brief
    (text,) = trial_share_notes(plan)
    tr = plan.tr
    assert f"Instagram {tr.money(1008 / 57.6, 2)}" in text  # not its all-in 26.88
    assert tr.money(1548 / 57.6, 2) not in text
    assert text.endswith(tr.t("budget.test_share_above", cpa=tr.money(252 / 7.86, 2),
                              break_even=tr.money(24.75, 2)))


def test_the_scale_rule_compares_with_the_conversion_campaigns_cost_too():
    from smmplan.views.stop_basis import scale_basis

    plan = _plan(_paid(FOURNIL))
    value, text = scale_basis(plan)
    assert value == pytest.approx(1260 / 65.46)  # not the all-in 27.50
    assert text == plan.tr.money(value, 2)
    plain = _plan(_paid([_channel("facebook", 252, 0, 7.86)]))
    assert scale_basis(plain) == (pytest.approx(252 / 7.86), plain.tr.money(252 / 7.86, 2))


def test_the_plan_has_one_cost_per_conversion():
    """Cloudline's awareness spend is on LinkedIn: the plan's cost per lead (the summary's,
    the chapter's, the scale rule's) is conversion spend over leads, one figure, not an
    all-in $1,188.49 the awareness spend lifts above break-even beside a $713.09."""
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.plan import Plan
    from smmplan.validation import load_brief
    from smmplan.views.stop_basis import scale_basis

    plan = Plan(load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml"))
    paid, costs = plan.paid, plan.conversion_only
    assert costs["awareness"] > 0
    spent = sum(c.conversion_spend for c in paid.channels if c.conversions > 0)
    assert paid.totals["cpa"] == pytest.approx(spent / paid.totals["conversions"])
    assert paid.totals["cpa"] == pytest.approx(costs["average"])
    assert paid.scenarios["mid"]["cpa"] == pytest.approx(costs["average"], abs=0.01)
    for c in paid.channels:
        if c.conversions:
            assert c.cpa == pytest.approx(c.conversion_spend / c.conversions)
    forecast, shown = scale_basis(plan)
    assert forecast == pytest.approx(costs["average"])
    assert shown == plan.tr.money(costs["average"], 2)
