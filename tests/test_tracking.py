"""Tracking: % to goal and red / amber / green status from generated actuals."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from smmplan.brief import load_brief
from smmplan.errors import DataError
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.tracking import status_of, track

from .conftest import run_cli


def test_status_boundaries():
    assert status_of(None) == "not_measured"
    assert status_of(95) == "green" and status_of(94.9) == "amber"
    assert status_of(85) == "amber" and status_of(84.9) == "red"


@pytest.fixture(scope="module")
def fashion():
    return Plan(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml"))


def write_actuals(folder, plan, engagement_factor, comments_factor):
    """Posts of January 2027 whose KPIs are the trajectory's times a known factor."""
    ob = {o.kpi: o for o in plan.objectives.objectives}
    er = ob["engagement_rate_reach"].trajectory[0] * engagement_factor
    conv = ob["conversation_rate"].trajectory[0] * comments_factor
    rows = [{"Post ID": f"P{i}", "Platform": "Instagram",
             "Publish time": f"01/{i + 1:02d}/2027 18:00", "Post type": "Reel",
             "Reach": 10000, "Impressions": 15000, "Likes": round(er * 100) - round(conv),
             "Comments": round(conv), "Shares": 0, "Saves": 0, "Link clicks": 5,
             "Followers": 50000, "Boosted": "No"} for i in range(20)]
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).to_csv(folder / "posts.csv", index=False)
    return folder


def test_known_statuses(tmp_path, fashion):
    folder = write_actuals(tmp_path / "a", fashion, engagement_factor=1.0,
                           comments_factor=0.9)
    report = track(fashion, folder)
    by_kpi = {r.kpi: r for r in report.scorecard}
    assert report.month_index == 0
    assert by_kpi["engagement_rate_reach"].status == "green"
    assert by_kpi["engagement_rate_reach"].to_goal == pytest.approx(100, abs=1.5)
    assert by_kpi["conversation_rate"].status == "amber"
    assert by_kpi["conversation_rate"].to_goal == pytest.approx(90, abs=1.5)
    assert by_kpi["social_conversion_rate"].status == "not_measured"
    report = track(fashion, write_actuals(tmp_path / "b", fashion, 0.5, 1.2))
    by_kpi = {r.kpi: r for r in report.scorecard}
    assert by_kpi["engagement_rate_reach"].status == "red"
    assert by_kpi["conversation_rate"].status == "green"
    assert [t["content_type"] for t in report.by_type] == ["Reel"]


def test_bad_actuals(tmp_path, fashion):
    with pytest.raises(DataError, match="does not exist"):
        track(fashion, tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="no actuals found"):
        track(fashion, tmp_path / "empty")


def test_cli_builds_an_offline_report(tmp_path):
    res = run_cli("track", str(EXAMPLES_DIR / "fashion" / "brief.yaml"), "--actuals",
                  str(EXAMPLES_DIR / "fashion" / "actuals"), "-o", str(tmp_path))
    assert res.returncode == 0, res.stderr
    folder = tmp_path / "maison-lune"
    from smmplan.export import plotly_js

    html = (folder / "report.html").read_text(encoding="utf-8").replace(plotly_js(), "")
    assert "Scorecard" in html and "smm-rag" in html and "<script src" not in html
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert {r["status"] for r in data["report"]["scorecard"]} <= {
        "green", "amber", "red", "not_measured"}
    missing = run_cli("track", str(EXAMPLES_DIR / "fashion" / "brief.yaml"), "--actuals",
                      str(tmp_path / "none"), "-o", str(tmp_path))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
