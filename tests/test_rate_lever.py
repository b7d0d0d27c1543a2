"""Review 19 C1: Cloudline's "Convert more social visitors into demo requests" is held at
today's 0.29% with no lever; the objectives chapter now says it is held, not grown, why,
and which pages of the client's own web analytics the work would go to."""

import html
from functools import cache

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.validation import load_brief


@cache
def _cloudline() -> Plan:
    return Plan(load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml"))


def test_a_rate_held_at_today_says_why_and_names_the_pages():
    from smmplan.views.objectives import objectives_smart

    plan = _cloudline()
    tr = plan.tr
    o = next(o for o in plan.objectives.objectives if o.kpi == "social_conversion_rate")
    assert round(o.realistic_target, 2) <= round(o.baseline.value, 2) < o.target
    rows = {r["landing_page"]: r for r in plan.objectives.landing_pages}
    total = sum(r["sessions"] for r in rows.values())
    compare = [rows["/product/workflows"], rows["/pricing"]]
    seen = sum(r["sessions"] for r in compare)
    text = html.unescape(" ".join(getattr(b, "markup", "") for b in objectives_smart(plan).blocks))
    assert "is held at today's" in text
    assert f"/demo ({tr.number(rows['/demo']['sessions'])} in the export)" in text
    assert tr.percent(rows["/demo"]["conversion_rate"], 2) in text
    assert f"({tr.number(seen)}, {tr.percent(seen / total * 100, 0)} of social visits)" in text


def test_a_rate_the_plan_grows_gets_no_such_note():
    """A rate goal whose realistic value is above today's is not said to be held."""
    from dataclasses import replace

    from smmplan.views.rate_lever import held_rate_note

    plan = _cloudline()
    o = next(o for o in plan.objectives.objectives if o.kpi == "social_conversion_rate")
    assert held_rate_note(plan, o, "demo request")
    assert held_rate_note(plan, replace(o, realistic_target=o.baseline.value + 0.1),
                          "demo request") == []
