"""Cloudline Teams trials (review 14, Cloudline 1): today's trials from the key events the
client's own web analytics logs on the trial pages (a borrowed rate only when it logs none
there), the target on the one pace rule the objectives use, and each trial's contract
booked after the trial-to-paid lag, not in the trial's month."""

from __future__ import annotations

import copy
import shutil
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
import yaml

from smmplan.brief import parse_brief
from smmplan.catalogue import kpi_catalogue, paid_facts
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.validation import load_brief

B2B = EXAMPLES_DIR / "b2b-software"
HEADER = 7  # the GA4 export's comment lines above its header (start / end dates)


@cache
def _cloudline() -> Plan:
    return Plan(load_brief(B2B / "brief.yaml"))


def _social_trial_pages(raw: pd.DataFrame) -> pd.DataFrame:
    return raw[raw["Session source / medium"].str.contains("social")
               & raw["Landing page"].str.match(r"/(pricing|product)")]


def test_todays_trials_are_the_key_events_the_pages_log_from_social():
    """web_analytics.csv logs 35 key events from social on /pricing and /product over its
    3 months (about 12 a month): that, not 907 visits x a borrowed 3.5% (about 32), is
    today's trials, the same figure in the note, the measurement table and the return."""
    from smmplan.views.measurement import objectives_measurement
    from smmplan.views.trial_value import trial_kpi_note, trial_return

    raw = pd.read_csv(B2B / "web_analytics.csv", comment="#")
    rows = _social_trial_pages(raw)
    events = rows["Key events"].sum() / 3  # Aug-Oct 2026, as the export's header states
    plan = _cloudline()
    tv, tr = plan.trial_value, plan.tr
    assert tv["basis"] == "key_events"
    assert tv["today"] == pytest.approx(events, abs=0.01)
    borrowed = rows["Sessions"].sum() / 3 * paid_facts()["trial_value"]["visit_to_trial"][
        "mid"] / 100
    assert tv["today"] < borrowed  # never more trials than the pages log
    note = trial_kpi_note(plan)
    assert f"logs about {tr.number(events)} key events a month" in note
    assert "from your own data, not a borrowed rate" in note  # says its basis
    assert f"× {tr.percent(3.5)}" not in note
    objectives_measurement(plan)
    row = next(r for r in plan.record.tables["measurement"]["rows"]
               if r["kpi"] == tr.t("kpi.trial_signups_per_month"))
    for text in (note, row["measured"], trial_return(plan)):
        assert f"about {tr.number(tv['today'])} a month" in text \
            or f"Today's {tr.number(tv['today'])} trials a month" in text


def test_an_export_without_key_events_there_falls_back_to_the_borrowed_rate(tmp_path):
    """No key event from social on the trial pages: the borrowed visit-to-trial rate stands
    in, and the note says so."""
    from smmplan.views.trial_value import trial_kpi_note

    for name in ("brief.yaml", "web_analytics.csv"):
        shutil.copy(B2B / name, tmp_path / name)
    lines = (tmp_path / "web_analytics.csv").read_text("utf-8").splitlines()
    raw = pd.read_csv(B2B / "web_analytics.csv", comment="#")
    rows = _social_trial_pages(raw)
    raw.loc[rows.index, "Key events"] = 0
    (tmp_path / "web_analytics.csv").write_text(
        "\n".join(lines[:HEADER]) + "\n" + raw.to_csv(index=False), "utf-8")
    plan = Plan(load_brief(tmp_path / "brief.yaml"))
    tv = plan.trial_value
    assert tv["basis"] == "borrowed" and tv["events"] == 0
    assert tv["today"] == pytest.approx(
        rows["Sessions"].sum() / 3 * paid_facts()["trial_value"]["visit_to_trial"]["mid"]
        / 100, abs=0.01)
    assert "logs no key event from social" in trial_kpi_note(plan)


def test_the_trial_target_is_the_objectives_pace_rule():
    """One rule, one function: the trial target is half the realistic monthly pace over the
    plan, exactly what an objective of the same pace and baseline gets."""
    from smmplan import history_target, objectives, pace_rule, trial_value
    from smmplan.objectives import plan_objectives

    assert trial_value.pace_target is objectives.pace_target is pace_rule.pace_target
    assert history_target.pace_target is pace_rule.pace_target
    plan = _cloudline()
    tv = plan.trial_value
    months = plan.brief.client.period.months
    pace = kpi_catalogue()["trial_signups_per_month"]["max_monthly_change"]
    assert tv["target"] == pytest.approx(tv["today"] * (1 + pace / 2) ** months, abs=0.01)
    assert tv["path"][-1] == pytest.approx(tv["target"], abs=0.01)
    # the objectives' own target for a measured KPI with no target in the brief, same pace
    raw = copy.deepcopy(yaml.safe_load((B2B / "brief.yaml").read_text("utf-8")))
    raw["goals"]["business_goals"][0].pop("target")
    brief = parse_brief(raw, Path(B2B / "brief.yaml"))
    ob = plan_objectives(brief, [], {}, None)
    leads = next(o for o in ob.objectives if o.kpi == "leads_per_month")
    assert kpi_catalogue()["leads_per_month"]["max_monthly_change"] == pace
    assert leads.baseline.value > 0 and leads.target is not None  # no target in the brief
    assert tv["target"] / tv["today"] == pytest.approx(leads.target / leads.baseline.value,
                                                       rel=1e-3)


def test_a_trial_is_booked_after_the_trial_to_paid_lag():
    """A 14-30 day trial-to-paid lag books each trial's contract the month after it: the
    P&L column starts at $0 in the first month, each month is the previous month's extra
    trials x a trial's value, and the part of the last month's trials falls after the plan
    (the ROI with the line counts only what is booked within it)."""
    from smmplan.trial_value import lag_months

    assert lag_months(14) == lag_months(30) == 1 and lag_months(0) == 0
    assert 14 <= paid_facts()["trial_value"]["trial_to_paid_lag_days"] <= 30
    plan = _cloudline()
    tv = plan.trial_value
    today, per = tv["today"], tv["per_trial"]
    assert tv["lag"]["months"] == 1
    monthly = tv["monthly_margin"]
    assert monthly[0] == 0
    for m in range(1, len(monthly)):
        assert monthly[m] == pytest.approx((tv["path"][m - 1] - today) * per, abs=per * 0.01)
    assert tv["after"] == pytest.approx((tv["path"][-1] - today) * per, abs=per * 0.01)
    assert tv["booked"] + tv["after"] == pytest.approx(tv["margin"], abs=0.02)
    cost = plan.team.total_cost["total"]
    assert tv["roi_with"] - tv["roi_without"] == pytest.approx(tv["booked"] / cost * 100,
                                                               abs=0.1)
