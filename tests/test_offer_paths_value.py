"""Offer lines on different buying paths (brief ``offer[].buying_path``): a demo request buys
only the sales-led lines, and a self-serve line's trial sign-ups are measured apart."""

from smmplan.objectives import plan_objectives
from smmplan.offer_paths import event_lines, left_out_lines
from smmplan.paths import EXAMPLES_DIR
from smmplan.validation import load_brief

from .conftest import example_raw
from .test_budget import brief_from


def _cloudline(paths: bool = True):
    raw = example_raw("b2b-software")
    if not paths:
        for line in raw["offer"]:
            line.pop("buying_path", None)
    return brief_from(raw, EXAMPLES_DIR / "b2b-software")


def test_a_demo_request_buys_the_sales_led_lines_and_a_purchase_every_line():
    brief = _cloudline()
    assert [o.name for o in event_lines(brief, "lead")] == ["Cloudline Enterprise"]
    assert [o.name for o in left_out_lines(brief, "lead")] == ["Cloudline Teams"]
    assert [o.name for o in event_lines(brief, "signup")] == ["Cloudline Teams"]
    assert len(event_lines(brief, "purchase")) == 2
    assert len(event_lines(_cloudline(paths=False), "lead")) == 2
    fashion = load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml")
    assert left_out_lines(fashion, "lead") == []


def test_a_self_serve_line_gets_its_trial_sign_ups_in_the_measurement_plan():
    rows = plan_objectives(_cloudline(), ["sales"], {}, None).measurement
    trial = [r for r in rows if r["kpi"] == "trial_signups_per_month"]
    assert len(trial) == 1 and trial[0]["lines"] == ["Cloudline Teams"]
    rows = plan_objectives(_cloudline(paths=False), ["sales"], {}, None).measurement
    assert not any(r["kpi"] == "trial_signups_per_month" for r in rows)


def test_a_line_bought_without_a_demo_gets_no_demo_idea():
    """Cloudline Teams has no demo: its 'What a ... demo covers' idea (12 posts) becomes a
    first-workflow set-up; Enterprise keeps its demo idea; without paths both keep it."""
    from smmplan.i18n import Translator
    from smmplan.ideas import evergreen_ideas

    def topics(brief):
        tr = Translator(brief.client.language, brief.locale, brief.client.currency)
        return {i.topic for i in evergreen_ideas(brief, tr)}

    shown = topics(_cloudline())
    assert "What a Cloudline Teams demo covers in 20 minutes" not in shown
    assert "Cloudline Teams: set up your first workflow in 20 minutes" in shown
    assert "What a Cloudline Enterprise demo covers in 20 minutes" in shown
    assert "Cloudline Enterprise: set up your first workflow in 20 minutes" not in shown
    assert "What a Cloudline Teams demo covers in 20 minutes" in topics(_cloudline(False))


def test_a_lead_plans_money_table_is_labelled_for_leads_and_a_flat_index_says_so():
    """Cloudline's 'Order value by month' showed a lead's value ($988.80) under 'Order
    value' and said 'the pattern by month is the sector's' with an index of 1.00 every
    month; the committed leads read as the year's mean, not a January figure."""
    from smmplan.plan import Plan
    from smmplan.views.order_value_table import order_value_table
    from smmplan.views.summary import headline_kpi, headline_objective

    plan = Plan(load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml"))
    html = " ".join(str(b.markup) for b in order_value_table(plan))
    assert "Value of a lead by month" in html and "Order value by month" not in html
    assert "the pattern by month is the sector" not in html
    assert "the same every month" in html
    assert "on average over the plan's year" in headline_kpi(plan, headline_objective(plan))
