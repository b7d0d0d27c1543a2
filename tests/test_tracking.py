"""Tracking: progress maths, variance against each channel's own baseline, delivery
against the calendar, paid lines, the eight measures and actions, each checked against an
independent pandas computation (the fashion example's actuals) or generated actuals whose
answers are known (built from the plan's own calendar, trajectories and forecast)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from smmplan.errors import DataError
from smmplan.objective_paths import committed_value
from smmplan.objectives import _trajectory
from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import Plan
from smmplan.tracking import assess, calendar_format, rules, track
from smmplan.validation import load_brief

from .conftest import run_cli

FASHION = EXAMPLES_DIR / "fashion"


# --- progress maths ------------------------------------------------------------------

def test_below_baseline_is_off_track_with_negative_progress():
    # issue 18: 5.11 % against a 5.20 % baseline used to show "83 %"
    a = assess(5.2, 5.11, 5.6, 9.34)
    assert a.progress == pytest.approx((5.11 - 5.2) / (9.34 - 5.2) * 100, abs=0.05)
    assert a.progress < 0 and a.status == "red" and a.pace == "behind"
    assert a.deviation == pytest.approx((5.11 - 5.6) / 5.6 * 100, abs=0.05)


def test_pace_bands_and_statuses():
    band, alert = rules()["pace"]["on_band"], rules()["pace"]["alert"]
    on = assess(80, 110 * (1 - band / 200), 110, 150)  # half the band behind
    assert (on.pace, on.status) == ("on", "green")
    behind = assess(80, 110 * (1 - (band + alert) / 200), 110, 150)
    assert (behind.pace, behind.status) == ("behind", "amber")
    off = assess(80, 110 * (1 - (alert + 1) / 100), 110, 150)
    assert off.status == "red"
    ahead = assess(80, 110 * (1 + (band + 1) / 100), 110, 150)
    assert (ahead.pace, ahead.status, ahead.call) == ("ahead", "green", None)
    # a KPI going down: below the trajectory is ahead
    down = assess(10, 8.5, 9, 5, direction="down")
    assert down.pace == "ahead" and down.progress == pytest.approx(30)
    assert assess(None, 5, 5, 6).status == "not_measured"


def test_target_too_soft_is_raise_the_target():
    # 90 % of the full-year increase after two months (trajectory: 14 %)
    a = assess(60.4, 60.4 + 0.9 * (84.44 - 60.4), 63.87, 84.44)
    assert a.progress == pytest.approx(90, abs=0.05) and a.call == "raise_target"
    met = assess(60, 90, 64, 84)
    assert met.call == "raise_target" and met.status == "green"
    assert assess(60, 90, 84, 84, final=True).call is None  # met at the deadline


def test_path_is_the_plans_trajectory(fashion):
    # without a monthly forecast, the smooth curve to the value committed to
    months = fashion.brief.client.period.months
    for o in fashion.objectives.objectives:
        if o.path_basis == "curve":
            assert np.allclose(_trajectory(o.baseline.value, committed_value(o), months),
                               o.trajectory, atol=1e-3)


def test_a_totals_alert_reads_its_monthly_forecast(fashion, report):
    # review 19 X1: revenue over the year is paced on the forecast's months (annualised as
    # its actuals are), not on a curve from today's total to the target
    o = next(o for o in fashion.objectives.objectives if o.kpi == "social_revenue")
    row = next(r for r in report.scorecard if r.kpi == "social_revenue")
    assert o.path_basis == "forecast_month"
    assert sum(o.trajectory) == pytest.approx(o.realistic_target, rel=1e-6)
    assert row.expected == pytest.approx(np.mean(o.trajectory[:2]) * len(o.trajectory),
                                         abs=0.01)


# --- the fashion example's actuals, by independent pandas computations --------------------

@pytest.fixture(scope="module")
def fashion():
    return Plan(load_brief(FASHION / "brief.yaml"))


@pytest.fixture(scope="module")
def report(fashion):
    return track(fashion, FASHION / "actuals")


def _posts(path_) -> pd.DataFrame:
    f = pd.read_csv(path_)
    f["rate"] = f[["Likes", "Comments", "Shares", "Saves"]].sum(axis=1) / f["Reach"] * 100
    f["date"] = pd.to_datetime(f["Publish time"], format="%m/%d/%Y %H:%M")
    f["platform"] = f["Platform"].str.lower()
    return f


@pytest.fixture(scope="module")
def frames():
    return _posts(FASHION / "actuals" / "posts.csv"), _posts(FASHION / "posts.csv")


def test_fashion_scorecard(fashion, report, frames):
    now, before = frames
    rows = {r.kpi: r for r in report.scorecard}
    er = rows["engagement_rate_reach"]
    assert er.actual == pytest.approx(now["rate"].mean(), abs=1e-3)
    assert er.baseline == pytest.approx(before["rate"].mean(), abs=1e-3)
    assert er.actual < er.baseline and er.progress < 0 and er.status == "red"
    o = next(o for o in fashion.objectives.objectives if o.kpi == "engagement_rate_reach")
    assert not o.realistic and er.call == "unrealistic" and er.reference == "realistic"
    assert er.realistic_target == o.realistic_target
    expected = np.mean(o.trajectory[:2])
    assert er.expected == pytest.approx(expected, abs=1e-3)
    conv = rows["conversation_rate"]
    assert conv.actual == pytest.approx(now["Comments"].sum() / len(now), abs=1e-3)
    assert conv.progress == pytest.approx(
        (conv.actual - conv.baseline) / (conv.target - conv.baseline) * 100, abs=0.05)
    assert rows["social_revenue"].status == "not_measured"
    assert rows["social_revenue"].needs == "ads" and "ads" in report.missing
    assert rows["roas"].status == "not_measured" and rows["roas"].needs == "ads"  # review 17


def test_tracking_reads_roas_on_the_conversion_campaigns_and_posts_a_week(tmp_path):
    """The ROAS objective is the conversion campaigns' (awareness rows left out, as its
    baseline and the paid chapter), and posts a week are the actuals' posts over the weeks
    their months cover."""
    import shutil

    plan = Plan(load_brief(FASHION / "brief.yaml"))
    folder = tmp_path / "actuals"
    shutil.copytree(FASHION / "actuals", folder)
    ads = pd.read_csv(FASHION / "ads.csv")
    ads.to_csv(folder / "ads.csv", index=False)
    report = track(plan, folder)
    rows = {r.kpi: r for r in report.scorecard}
    objective = [c for c in ads.columns if "objective" in c.lower()][0]
    sold = ads[~ads[objective].str.lower().str.contains("awareness|reach|video")]
    value = [c for c in ads.columns if "value" in c.lower()][0]
    spend = [c for c in ads.columns if "spent" in c.lower()][0]
    assert rows["roas"].actual == pytest.approx(sold[value].sum() / sold[spend].sum(),
                                                rel=1e-3)
    assert report.months == ["2027-01-01", "2027-02-01"] and report.month_index == 1


def test_tracked_leads_are_the_goals_site_leads_plus_the_lead_form_leads():
    """The leads goal counts its own event on the site (the baseline's rows: /demo, not
    every social key event) and the leads the ads account records on the platforms that
    collect them on their own lead gen forms (conversion campaigns only); the web analytics
    never sees the latter."""
    from smmplan.tracking import tracked_leads

    brief = load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml")
    web = pd.DataFrame({"landing_page": ["/demo", "/blog", "/demo"],
                        "social": [True, True, False], "conversions": [3.0, 7.0, 5.0],
                        "sessions": [100.0, 100.0, 100.0]})
    ads = pd.DataFrame({"platform": ["linkedin", "linkedin", "x"],
                        "conversions": [12.0, 4.0, 2.0], "spend": [900.0, 300.0, 100.0],
                        "awareness": [False, True, False]})
    forms = {"linkedin": {}}
    assert tracked_leads(brief, web, None, forms) == 3.0  # the goal's /demo rows only
    assert tracked_leads(brief, web, ads, forms) == 3.0 + 12.0  # + LinkedIn's form leads
    assert tracked_leads(brief, None, ads, forms) == 12.0
    assert tracked_leads(brief, web, ads, {}) == 3.0  # no lead forms: the site's only
    assert tracked_leads(brief, None, None, forms) is None


def test_fashion_variance_against_own_baseline(report, frames):
    now, before = frames
    by = {r["platform"]: r for r in report.by_channel}
    for platform in ("facebook", "tiktok", "instagram"):
        rate = now.loc[now["platform"] == platform, "rate"].mean()
        base = before.loc[before["platform"] == platform, "rate"].mean()
        assert by[platform]["variance"] == pytest.approx(rate - base, abs=1e-6)
    assert by["facebook"]["variance"] == pytest.approx(-0.52, abs=0.01)  # not -1.82
    assert by["tiktok"]["variance"] == pytest.approx(0.14, abs=0.01)  # not +1.20
    types = {r["content_type"]: r for r in report.by_type}
    reel = now.loc[now["Post type"] == "Reel", "rate"].mean()
    assert types["Reel"]["variance"] == pytest.approx(
        reel - before.loc[before["Post type"] == "Reel", "rate"].mean(), abs=1e-6)
    # mix / rate decomposition: shares and rates by type, both sides
    s0 = before["Post type"].value_counts(normalize=True)
    s1 = now["Post type"].value_counts(normalize=True)
    r0 = before.groupby("Post type")["rate"].mean()
    r1 = now.groupby("Post type")["rate"].mean()
    mix = ((s1 - s0) * r0).sum()
    rate = (s1 * (r1 - r0)).sum()
    dec = report.decomposition
    assert dec["mix"] == pytest.approx(mix, abs=1e-9)
    assert dec["rate"] == pytest.approx(rate, abs=1e-9)
    assert dec["mix"] + dec["rate"] == pytest.approx(
        now["rate"].mean() - before["rate"].mean(), abs=1e-9)


def test_fashion_delivery_against_the_calendar(fashion, report, frames):
    now, _ = frames
    slots = pd.DataFrame([vars(s) for s in fashion.channels.slots])
    slots = slots[slots["date"] < "2027-03-01"]
    d = report.delivery
    assert (d["scheduled"], d["published"]) == (len(slots), len(now))
    assert len(now) == 100 and len(slots) > len(now)  # the actuals fall short of the plan
    by = {r["platform"]: r for r in d["platform"]}
    for platform, n in slots.groupby("platform").size().items():
        assert by[platform]["scheduled"] == n
        assert by[platform]["published"] == (now["platform"] == platform).sum()
    assert by["pinterest"]["published"] == 0
    assert by["instagram"]["gap"] == (now["platform"] == "instagram").sum() - (
        slots["platform"] == "instagram").sum()
    live = {r["format"]: r for r in d["format"]}["live"]
    lives = int((slots["format"] == "live").sum())
    assert live == {"format": "live", "scheduled": lives, "published": 0, "gap": -lives}
    assert d["sponsored"] == {"scheduled": int(slots["sponsored"].sum()),
                              "published": int((now["Boosted"] == "Yes").sum())}
    assert d["pillar"] is None and "pillar" in report.missing


def test_fashion_measures_followers_clicks_trend(report, frames):
    now, before = frames
    growth = {r["platform"]: r for r in report.followers}
    for platform, g in now.sort_values("date").groupby("platform"):
        assert growth[platform]["growth"] == pytest.approx(
            (g["Followers"].iloc[-1] / g["Followers"].iloc[0] - 1) * 100, abs=1e-9)
    total = next(r for r in report.link_clicks if r["platform"] is None)
    assert total["ctr"] == pytest.approx(now["Link clicks"].sum() / now["Reach"].sum() * 100)
    assert total["baseline_ctr"] == pytest.approx(
        before["Link clicks"].sum() / before["Reach"].sum() * 100)
    measures = {m["measure"]: m for m in report.measures}
    assert len(report.measures) == 8
    assert measures["negative_comments"]["needs"] == "comments"
    assert measures["reach_value"]["actual"] == pytest.approx(now["Reach"].mean())
    feb = next(t for t in report.trend if t["month"] == "2027-02"
               and t["kpi"] == "engagement_rate_reach")
    assert feb["actual"] == pytest.approx(now.loc[now["date"].dt.month == 2, "rate"].mean())
    assert feb["posts"] == (now["date"].dt.month == 2).sum()


def test_fashion_actions_carry_their_figures(fashion, report, frames):
    now, _ = frames
    slots = pd.DataFrame([vars(s) for s in fashion.channels.slots])
    slots = slots[slots["date"] < "2027-03-01"]
    gaps = now.groupby("platform").size().reindex(slots["platform"].unique(), fill_value=0) \
        - slots.groupby("platform").size()
    kinds = {a["kind"]: a for a in report.actions}
    average = now["rate"].mean()
    assert kinds["push_format"]["content_type"] == "Reel"  # the best format, not links
    assert kinds["push_format"]["rate"] == pytest.approx(
        now.loc[now["Post type"] == "Reel", "rate"].mean())
    assert kinds["cut_format"]["content_type"] == "Link"
    assert kinds["cut_format"]["rate"] <= rules()["actions"]["cut"] * average
    assert kinds["missing_platform"]["platform"] == "pinterest"
    assert kinds["missing_platform"]["scheduled"] == (slots["platform"] == "pinterest").sum()
    rule = rules()["delivery"]
    for kind, sign in (("over_delivered", 1), ("under_delivered", -1)):
        # one action per platform that published and is off its schedule by the rule
        expected = {p for p, g in gaps.items() if g * sign > 0 and (now["platform"] == p).any()
                    and abs(g) >= rule["posts"]
                    and abs(g) / (slots["platform"] == p).sum() * 100 >= rule["share"]}
        actions = {a["platform"]: a for a in report.actions if a["kind"] == kind}
        assert set(actions) == expected, kind
        for platform, action in actions.items():
            assert action["gap"] == gaps[platform]
    # every (platform, format) the calendar scheduled and the actuals never published, on a
    # platform that did publish (a silent platform is one "missing_platform" action)
    published_platforms = set(now["platform"])
    expected = {(p, f): n for (p, f), n in slots.groupby(["platform", "format"]).size().items()
                if p in published_platforms}
    missing = {(a["platform"], a["format"]): a for a in report.actions
               if a["kind"] == "missing_format"}
    report_rows = {(r["platform"], r["format"]): r for r in report.delivery["platform_format"]}
    for key, action in missing.items():
        assert action["scheduled"] == expected[key] and action["published"] == 0
        assert action["gap"] == -expected[key] and report_rows[key]["published"] == 0
    assert missing and all(report_rows[k]["published"] > 0 for k in expected if k not in missing)


# --- generated actuals with known answers -------------------------------------------------

EXPORT_TYPE = {"reel": "Reel", "carousel": "Carousel", "story": "Story", "photo": "Photo",
               "link": "Link", "short_video": "Video", "live": "Live", "long_video": "Video",
               "document_carousel": "Document", "article": "Article", "pin": "Pin",
               "idea_pin": "Video", "thread": "Thread"}


def write_generated(folder, plan, er_factor: float, conv_factor: float,
                    drop: str = "pinterest", cpa_factor: dict | None = None):
    """The calendar's January-February posts published (but none on ``drop``), with an
    engagement rate of the trajectory's period mean × ``er_factor`` and comments per post
    × ``conv_factor``; an ads export of the forecast's spend with conversions at
    ``cpa_factor`` × the break-even cost per conversion."""
    ob = {o.kpi: o for o in plan.objectives.objectives}
    eng = ob["engagement_rate_reach"]
    er = np.mean(eng.trajectory[:2]) * er_factor
    co = ob["conversation_rate"]
    conv = np.mean(co.trajectory[:2]) * conv_factor
    slots = pd.DataFrame([vars(s) for s in plan.channels.slots])
    slots = slots[(slots["date"] < "2027-03-01") & (slots["platform"] != drop)]
    rows = []
    for i, s in enumerate(slots.itertuples()):
        when = pd.Timestamp(f"{s.date} {s.time}")
        rows.append({"Post ID": f"G{i}", "Platform": s.platform.capitalize(),
                     "Publish time": when.strftime("%m/%d/%Y %H:%M"),
                     "Post type": EXPORT_TYPE[s.format], "Reach": 100000,
                     "Impressions": 150000, "Likes": er * 1000 - conv, "Comments": conv,
                     "Shares": 0, "Saves": 0, "Link clicks": 10, "Followers": 10000 + i,
                     "Boosted": "Yes" if s.sponsored else "No", "Pillar": s.pillar})
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).to_csv(folder / "posts.csv", index=False)
    if cpa_factor:
        be = plan.paid.break_even_cpa
        monthly = pd.DataFrame(plan.paid.monthly)
        monthly = monthly[monthly["month"].isin(["2027-01-01", "2027-02-01"])]
        ads = []
        for row in monthly.itertuples():
            conversions = row.spend / (be * cpa_factor[row.platform])
            ads.append({"Campaign name": "C", "Ad set name": "A",
                        "Platform": row.platform.capitalize(), "Objective": "Sales",
                        "Reporting starts": row.month, "Reporting ends": row.month,
                        "Amount spent (GBP)": row.spend, "Impressions": 100000,
                        "Reach": 50000, "Link clicks": 1000, "Purchases": conversions,
                        "Purchases conversion value": conversions * 90})
        pd.DataFrame(ads).to_csv(folder / "ads.csv", index=False)
    return folder, slots


# cost per conversion as a multiple of break-even, per paid platform of the fashion plan:
# one line to scale, one to stop, one to cut (the plan pays Instagram, Facebook and TikTok)
FACTORS = {"instagram": 0.3, "facebook": 1.5, "tiktok": 0.8}


def test_generated_actuals_known_statuses_and_gaps(tmp_path, fashion):
    folder, slots = write_generated(tmp_path / "g", fashion, er_factor=1.0,
                                    conv_factor=1.5,
                                    cpa_factor=FACTORS)
    report = track(fashion, folder)
    rows = {r.kpi: r for r in report.scorecard}
    er = rows["engagement_rate_reach"]
    assert er.pace == "on" and er.status == "green" and er.deviation == pytest.approx(0, abs=0.1)
    conv = rows["conversation_rate"]
    assert conv.status == "green" and conv.call == "raise_target" and conv.pace == "ahead"
    # delivery: only the dropped platform's posts are missing
    gaps = {r["platform"]: r["gap"] for r in report.delivery["platform"]}
    calendar = pd.DataFrame([vars(s) for s in fashion.channels.slots])
    pinterest = ((calendar["date"] < "2027-03-01") & (calendar["platform"] == "pinterest")).sum()
    assert gaps == {p: 0 for p in calendar["platform"].unique() if p != "pinterest"} | {
        "pinterest": -pinterest}
    assert all(r["gap"] == 0 for r in report.delivery["platform_format"]
               if r["platform"] != "pinterest")
    pillars = calendar[calendar["date"] < "2027-03-01"]
    want = (slots.groupby("pillar").size() - pillars.groupby("pillar").size()).fillna(0)
    assert {r["pillar"]: r["gap"] for r in report.delivery["pillar"]} == \
        {k: int(v) for k, v in want.items()}
    assert report.delivery["sponsored"]["published"] == slots["sponsored"].sum()
    # paid: spend as forecast, lines scaled / cut / stopped by marginal cost vs break-even
    paid = report.paid
    monthly = pd.DataFrame(fashion.paid.monthly)
    planned = monthly[monthly["month"] < "2027-03-01"].groupby("platform")["spend"].sum()
    lines = {line["platform"]: line for line in paid["lines"]}
    conversions = sum(c.conversions for c in fashion.paid.channels)
    curvature = fashion.paid.marginal_cpa / (fashion.paid.conversion_budget / conversions)
    be = fashion.paid.break_even_cpa
    assert set(planned.index) == set(FACTORS)  # every paid line of the plan
    for platform, factor in FACTORS.items():
        assert lines[platform]["planned_spend"] == pytest.approx(planned[platform])
        assert lines[platform]["spend"] == pytest.approx(planned[platform])
        assert lines[platform]["cpa"] == pytest.approx(be * factor)
        assert lines[platform]["marginal_cpa"] == pytest.approx(be * factor * curvature)
    assert curvature * 0.3 < 1 < curvature * 0.8 and 1.5 > 1  # scale, cut, stop cases
    assert {p: line["action"] for p, line in lines.items()} == {
        "instagram": "scale", "facebook": "stop", "tiktok": "cut"}
    factors = planned.index.map(FACTORS)
    revenue_total = (planned / (be * factors) * 90).sum()
    assert paid["total"]["roas"] == pytest.approx(revenue_total / planned.sum())
    assert paid["total"]["planned_spend"] == pytest.approx(planned.sum())
    revenue = rows["social_revenue"]
    total_revenue = sum(line["revenue"] for line in paid["lines"])
    assert revenue.actual == pytest.approx(total_revenue / 2 * 12, rel=1e-6)
    assert revenue.status != "not_measured" and "ads" not in report.missing
    kinds = [a["kind"] for a in report.actions]
    assert {"paid_scale", "paid_stop", "missing_platform", "raise_target"} <= set(kinds)
    # a line whose average cost is under break-even but whose marginal cost is above: cut
    folder, _ = write_generated(tmp_path / "c", fashion, er_factor=1.0, conv_factor=1.0,
                                cpa_factor={"instagram": 0.3, "facebook": 0.8, "tiktok": 0.3})
    cut = track(fashion, folder)
    assert {line["platform"]: line["action"] for line in cut.paid["lines"]} == {
        "instagram": "scale", "facebook": "cut", "tiktok": "scale"}
    assert "paid_cut" in {a["kind"] for a in cut.actions}

    # behind: engagement 6 % under its trajectory, comments 30 % under: both below their
    # baselines (the engagement target is set on its flat history, 5.20% -> 5.45%, so 6 %
    # under its path is under today's rate), red (amber: test_pace_bands_and_statuses)
    folder, _ = write_generated(tmp_path / "h", fashion, er_factor=0.94, conv_factor=0.7)
    rows = {r.kpi: r for r in track(fashion, folder).scorecard}
    eng = rows["engagement_rate_reach"]
    assert eng.progress < 0 and (eng.pace, eng.status) == ("behind", "red")
    assert rows["conversation_rate"].status == "red"


def test_calendar_formats_from_export_types():
    assert calendar_format("tiktok", "Video") == "short_video"
    assert calendar_format("youtube", "Video") == "long_video"
    assert calendar_format("instagram", " Reel ") == "reel"


def test_bad_actuals(tmp_path, fashion):
    with pytest.raises(DataError, match="does not exist"):
        track(fashion, tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="no actuals found"):
        track(fashion, tmp_path / "empty")
    bad = tmp_path / "bad"
    bad.mkdir()
    pd.DataFrame({"Platform": ["Instagram"], "Amount spent (GBP)": [-5]}).to_csv(
        bad / "ads.csv", index=False)
    with pytest.raises(DataError, match="ads.csv"):
        track(fashion, bad)


def test_cli_builds_an_offline_report(tmp_path):
    res = run_cli("track", str(FASHION / "brief.yaml"), "--actuals",
                  str(FASHION / "actuals"), "-o", str(tmp_path))
    assert res.returncode == 0, res.stderr
    folder = tmp_path / "maison-lune"
    from smmplan.export import plotly_js

    html = (folder / "report.html").read_text(encoding="utf-8").replace(plotly_js(), "")
    assert "Scorecard" in html and "smm-rag" in html and "<script src" not in html
    assert "Report generated" in html and "Plan generated" not in html
    assert "Plan period" not in html and "<dt>Actuals</dt>" in html
    assert "ads_frame" not in html and "data.ads" not in html  # no code or field names
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert {r["status"] for r in data["report"]["scorecard"]} <= {
        "green", "amber", "red", "not_measured"}
    for key in ("tracking_delivery", "tracking_variance",
                "tracking_trajectory_engagement_rate_reach"):
        assert f'id="fig-{key}"' in html, key
    missing = run_cli("track", str(FASHION / "brief.yaml"), "--actuals",
                      str(tmp_path / "none"), "-o", str(tmp_path))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
