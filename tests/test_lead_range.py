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

B2B = next(p for p in example_briefs() if p.parent.name == "b2b-software")


def _leads(plan: Plan):
    return next(o for o in plan.objectives.objectives if o.kpi == "leads_per_month")


def test_cloudline_commits_to_a_range_of_leads(built):
    plan = Plan(load_brief(B2B))
    o = _leads(plan)
    paid = plan.paid
    months = plan.brief.client.period.months
    assert all(m["cvr"]["basis"] == "b2b_benchmark" for m in paid.models
               if m["platform"] in {c.platform for c in paid.channels if c.spend > 0})
    # today's organic leads + the low scenario's leads a month, in whole leads
    expected = round(o.baseline.value + paid.scenarios["low"]["conversions"] / months)
    assert o.committed_low == expected == 16
    assert o.committed_low < o.realistic_target
    data = json.loads((built["plans"]["cloudline"] / "plan.json").read_text(encoding="utf-8"))
    row = next(r for r in data["tables"]["objectives"]["rows"] if r["objective"] == o.goal)
    assert row["target"] == "16 to 29"
    checks = [c for c in data["checks"] if o.goal in c["name"] and "range" in c["name"]]
    assert len(checks) == 2 and all(str(c["ok"]) == "True" for c in checks)
    summary = " ".join(d for s in data["summary"] for d in s["decisions"])
    assert "9 → 16 to 29" in summary


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
