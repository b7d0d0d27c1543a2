"""A leads goal committed to a paid forecast on published conversion rates is a range, as
a fill rate on an upper-bound rate is (``fill_range``): from today's organic leads plus
the forecast's low leads a month to its central figure, the same range in every chapter."""

from __future__ import annotations

import json
import shutil

import yaml

from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief

from .conftest import example_copy, run_cli, x_in_enterprise

B2B = next(p for p in example_briefs() if p.parent.name == "b2b-software")


def _leads(plan: Plan):
    return next(o for o in plan.objectives.objectives if o.kpi == "leads_per_month")


def _range_shown(plan, o, data: dict) -> None:
    """The committed range is the SMART table's target and in the summary, and the plan's
    two range checks pass."""
    shown = f"{plan.tr.number(o.committed_low)} to {plan.tr.number(o.realistic_target)}"
    row = next(r for r in data["tables"]["objectives"]["rows"] if r["objective"] == o.goal)
    assert row["target"] == shown
    checks = [c for c in data["checks"] if o.goal in c["name"] and "range" in c["name"]]
    assert len(checks) == 2 and all(str(c["ok"]) == "True" for c in checks)
    summary = " ".join(d for s in data["summary"] for d in s["decisions"])
    assert shown in summary


def test_cloudline_on_its_visits_rate_commits_to_a_range(built):
    """Cloudline's paid leads rest on LinkedIn's published cost per lead of lead gen forms
    (X, on the rate of its unpaid social visits, runs a dated test only and does not decide
    it), which no campaign of its own has measured: a range from the forecast's low leads to
    its central figure, said as resting on a published rate, the same in the SMART table
    and the summary, checked by the plan itself."""
    plan = Plan(load_brief(B2B))
    o = _leads(plan)
    paid = plan.paid
    tests = {t["platform"] for t in paid.tests}
    buying = {c.platform for c in paid.channels if c.conversion_spend > 0} - tests
    assert buying and all(m["cvr"]["basis"] == "lead_form_benchmark" for m in paid.models
                          if m["platform"] in buying)
    assert 0 < o.committed_low < o.realistic_target
    data = json.loads((built["plans"]["cloudline"] / "plan.json").read_text(encoding="utf-8"))
    _range_shown(plan, o, data)
    html = (built["plans"]["cloudline"] / "plan.html").read_text(encoding="utf-8")
    assert "if the published rate holds" in html


def test_b2b_leads_on_the_published_rate_commit_to_a_range(tmp_path):
    """Cloudline without its web analytics: LinkedIn's paid clicks are rated on the
    published B2B lead rate, and the leads goal commits to the range from the forecast's
    low leads a month to its central figure, the same in the SMART table and the summary,
    checked by the plan itself."""
    folder = tmp_path / "b2b"
    shutil.copytree(B2B.parent, folder)
    raw = yaml.safe_load((folder / "brief.yaml").read_text(encoding="utf-8"))
    raw["data"].pop("web_analytics")
    (folder / "brief.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True,
                                                      sort_keys=False), encoding="utf-8")
    plan = Plan(load_brief(folder / "brief.yaml"))
    o = _leads(plan)
    paid = plan.paid
    funded = {c.platform for c in paid.channels if c.spend > 0} - {
        t["platform"] for t in paid.tests}
    assert funded and all(m["cvr"]["basis"] in ("b2b_benchmark", "lead_form_benchmark")
                          for m in paid.models if m["platform"] in funded)
    # nothing measured today: the bottom is the low scenario's leads a month, in whole leads
    low, mid = (paid.scenarios[k]["conversions"] for k in ("low", "mid"))
    assert o.committed_low == round(o.realistic_target * low / mid)
    assert 0 < o.committed_low < o.realistic_target
    out = tmp_path / "out"
    proc = run_cli("build", str(folder / "brief.yaml"), "-o", str(out), "-j", "1", "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(next(out.glob("*/plan.json")).read_text(encoding="utf-8"))
    _range_shown(plan, o, data)


def test_leads_rated_on_the_clients_own_rate_commit_to_one_value(tmp_path):
    """A conversion rate the brief gives is the client's own: no range."""
    folder = tmp_path / "b2b"
    shutil.copytree(B2B.parent, folder)
    raw = yaml.safe_load((folder / "brief.yaml").read_text(encoding="utf-8"))
    raw["budget"]["paid"]["channels"]["linkedin"]["cvr"] = 3.5
    (folder / "brief.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True,
                                                      sort_keys=False), encoding="utf-8")
    plan = Plan(load_brief(folder / "brief.yaml"))
    assert _leads(plan).committed_low is None
    assert _leads(plan).realistic_target is not None  # still a flagged goal, one value


def test_a_linked_rate_below_today_says_why(tmp_path):
    """A rate goal linked to the leads goal: when the plan's paid clicks (awareness ones buy
    no lead) bring the rate that gives the committed leads below today's, the chapter says
    so and why, once. Cloudline with an Enterprise persona on X and LinkedIn at its site's
    own rate (the brief's 0.18%): X buys the leads on the pooled visits' rate, LinkedIn
    awareness only. The example itself, its leads from LinkedIn's lead gen forms, commits
    to a rate above today's."""
    from smmplan.views.objectives import objectives_smart

    example = Plan(load_brief(B2B))
    rate = next(o for o in example.objectives.objectives if o.kpi == "social_conversion_rate")
    assert rate.realistic_target > rate.baseline.value and "below_today" not in \
        rate.baseline.covers
    plan = Plan(load_brief(example_copy(tmp_path, "b2b-software", x_in_enterprise)))
    o = next(o for o in plan.objectives.objectives if o.kpi == "social_conversion_rate")
    assert o.baseline.covers.get("linked", {}).get("paid")
    below = o.baseline.covers["below_today"]  # what the committed leads imply
    assert below < o.baseline.value and o.realistic_target == o.baseline.value  # held
    import html as html_lib
    import re
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", objectives_smart(plan).html()))
    said = f"a rate of {plan.tr.percent(below, 2)}, below today's " \
        f"{plan.tr.percent(o.baseline.value, 2)}: the paid clicks the plan adds convert"
    assert text.count(said) == 1
    assert text.count("the realistic goal to agree on is to hold "
                      f"{plan.tr.percent(o.baseline.value, 2)}") == 1
