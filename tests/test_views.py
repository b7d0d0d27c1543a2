"""Every view on small briefs, without a kernel: each returns a section with content, in
the plan's language, and records what it shows (the plan.json the HTML comes from)."""

from __future__ import annotations

import pytest

from smmplan import views as v
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief

from .conftest import example_raw, standalone, write_brief

SECTIONS = ["cover", "executive_summary", "identity_canvas", "tone_of_voice", "diagnosis",
            "maturity", "swot", "competitors", "targets_intro", "target_selection",
            "target_personas", "target_map", "sub_targets", "objectives_smart",
            "objectives_measurement", "channel_choice", "content_plan", "calendar_view",
            "community_playbook", "crisis_playbook", "budget_allocation", "budget_scenarios",
            "budget_forecast", "team_roles", "team_costs", "footer"]
DECISIONS = ["identity_decisions", "targets_decisions", "objectives_decisions",
             "channels_decisions", "community_decisions", "budget_decisions", "team_decisions"]


@pytest.fixture(scope="module", params=[p.parent.name for p in example_briefs()] + ["bare"])
def plan(request, tmp_path_factory):
    if request.param == "bare":  # no data file at all
        raw = standalone(example_raw("bakery"))
        path = write_brief(tmp_path_factory.mktemp("bare"), raw)
    else:
        path = next(p for p in example_briefs() if p.parent.name == request.param)
    return Plan(load_brief(path))


def test_every_section_renders_and_records(plan):
    full = plan.brief.data.audience is not None  # every section has content then
    for name in SECTIONS:
        html = getattr(v, name)(plan).html()
        assert len(html) > 40 or not full and name.startswith(("target_", "sub_")), name
        assert "Traceback" not in html and "kpi." not in html, name  # no raw catalogue key
    assert plan.record.summary and len(plan.record.summary) == 7
    assert plan.record.tables and plan.record.figures
    data = plan.to_json()
    assert data["summary"] == plan.record.summary


def test_decisions_are_sentences_in_the_plans_language(plan):
    for name in DECISIONS:
        said = getattr(v, name)(plan)
        assert said and all(isinstance(s, str) and len(s) > 10 for s in said), name
    if plan.brief.client.language == "fr":
        assert " the " not in " ".join(v.budget_decisions(plan) + v.team_decisions(plan))


def test_the_scale_rule_says_what_the_last_conversion_costs_as_the_sweep_does(plan):
    """The reporting rhythm's scale rule and the budget sweep agree: 'the last sale already
    costs about the break-even' only when the envelope's last conversion does; else the rule
    names that marginal cost, below break-even."""
    from smmplan.views.base import platform_label
    from smmplan.views.stop_basis import scale_basis
    from smmplan.views.summary import reporting

    be, paid = plan.paid.break_even_cpa, plan.paid
    if not be or not paid.totals.get("cpa") or paid.totals["cpa"] >= be:
        return
    if paid.seats:  # bookings (leads) capped by free seats (the lead bound): scale only to it
        assert (paid.seats["line"] or plan.tr.number(paid.seats["free"])) in " ".join(
            reporting(plan))
        return
    at = next(r for r in paid.sweep if r["factor"] == 1.0)
    text = " ".join(reporting(plan))
    shown = scale_basis(plan)[1]  # the conversion campaigns' cost, the stop rule's basis
    each = plan.conversion_only["platforms"]  # several platforms: each against its own
    shown = plan.tr.t("agency.scale_each", costs=plan.tr.join(
        [f"{platform_label(p)} {plan.tr.money(v, 2)}" for p, v in each.items()])) \
        if len(each) > 1 else plan.tr.t("agency.scale_one", cpa=shown)
    if at.get("marginal_cpa") and at["marginal_cpa"] < 0.9 * be:
        assert plan.tr.money(at["marginal_cpa"], 2) in text
        assert plan.tr.t("agency.scale_forecast", cpa=shown,
                         break_even=plan.tr.money(be, 2)) not in text
    else:
        assert plan.tr.t("agency.scale_forecast", cpa=shown,
                         break_even=plan.tr.money(be, 2)) in text


def test_the_risk_register_names_borrowed_rates_only_for_platforms_that_get_money(plan):
    from smmplan.views.base import platform_label
    from smmplan.views.summary import risks

    unfunded = {c.platform for c in plan.paid.channels if c.spend <= 0}
    text = " ".join(r["risk"] for r in risks(plan))
    for p in unfunded:
        assert not text.startswith(platform_label(p) + " ") and \
            f"{platform_label(p)}:" not in text and f"{platform_label(p)}\u00a0:" not in text


def test_the_summary_states_the_whole_efforts_return_as_the_team_chapter_does(plan):
    from smmplan.views.team import team_decisions

    if plan.team.roi is None:
        return
    roi = plan.tr.percent(plan.team.roi, 0)
    summary = " ".join(team_decisions(plan))
    assert roi in summary and roi in v.team_costs(plan).html()


def test_key_moments_are_not_promised_paid_campaigns_when_paid_books_one_offer(plan):
    from smmplan.views.summary import recommendations

    books = plan.brief.budget.paid.books
    text = " ".join(recommendations(plan))
    paid_campaigns = plan.tr.t("agency.rec_moments", moments="\x00", sector="").split(
        "\x00")[0]  # the sentence that promises campaigns, up to its moments
    if books and plan.paid.total > 0:
        assert paid_campaigns not in text


def test_the_summary_leads_with_the_clients_own_goal_and_the_lever_that_moves_it(plan):
    from smmplan.views.summary import headline_objective, recommendations

    recs = recommendations(plan)
    goal = headline_objective(plan)
    if goal is not None and goal.from_brief:
        assert goal.goal in recs[0]  # the client's goal first, not a lever or a channel
    if plan.brief.client.sector_kind == "food_shop" and goal is not None \
            and goal.kpi == "fill_rate":  # filling workshops: start with the workshops lever
        lever = plan.tr.t("agency.rec_lever", lever="\x00", how="").split("\x00")[0]
        assert any(r.startswith(lever) and "réservables" in r for r in recs)
