"""Every business goal of the brief becomes an objective: matched to a KPI, measured from the
client's data when it holds the figure, never dropped, never a KPI twice."""

from __future__ import annotations

import pandas as pd
import pytest

from smmplan.brief import BusinessGoal
from smmplan.goals import GENERIC, goal_platform, match_kpi
from smmplan.paths import EXAMPLES_DIR, example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief


@pytest.mark.parametrize(("metric", "description", "kpi"), [
    ("abonnés Instagram", "Faire connaître les deux nouvelles boutiques", "followers"),
    ("taux de remplissage", "Remplir les ateliers du samedi", "fill_rate"),
    ("demo requests per month", "Grow qualified demo requests", "leads_per_month"),
    ("aided awareness (%)", "Become a known name", "aided_awareness"),
    ("revenue attributed to social (GBP)", "Grow online revenue", "social_revenue"),
    ("repeat purchase rate (%)", "Win back repeat customers", "repeat_purchase_rate"),
    ("chiffre d'affaires des réseaux", "Vendre plus", "social_revenue"),
    ("NPS of the café", "Happier regulars", GENERIC),
    (None, "Plus de réservations en ligne", "fill_rate"),
])
def test_goals_in_english_and_french_find_their_kpi(metric, description, kpi):
    assert match_kpi(BusinessGoal(description=description, metric=metric, target=1)) == kpi


@pytest.mark.parametrize(("description", "kpi"), [
    ("Grow revenue from social at a ROAS above 4", "social_revenue"),
    ("More demo requests at a CPA under $300", "leads_per_month"),
    ("Hold a ROAS of 4 on Meta", "roas"),
    ("Reduce complaint response time", GENERIC),
    ("Answer every Trustpilot review in 24 h", GENERIC),
    ("Raise our Trustpilot review score to 4.5", "review_rating"),
    ("Fewer than 10 complaints per week", "complaints_per_week"),
])
def test_existing_goals_keep_their_kpi_beside_the_evidence_words(description, kpi):
    """ROAS and CPA words rank after revenue and leads; the looser words that find a KPI in
    a problem's evidence (a review site's name, "complaint") never decide a goal's KPI."""
    assert match_kpi(BusinessGoal(description=description, target=1)) == kpi


def test_evidence_words_still_name_the_kpi_in_a_problem():
    from smmplan.goals import kpi_patterns

    def named(text: str) -> set[str]:
        return {k for k, p in kpi_patterns() if p.search(text)}

    # a site's name says where the complaints are written, not that the rating is at stake
    assert named("Delivery complaints on Instagram and Trustpilot") == {"complaints_per_week"}
    assert "review_rating" in named("4.6 on G2, few reviews.")
    assert "review_rating" in named("4,4 sur Google, quelques avis négatifs")


def test_a_named_kpi_wins_and_platforms_are_read_from_the_words():
    goal = BusinessGoal(description="Double engagement", kpi="engagement_rate_reach",
                        metric="followers", target=14)
    assert match_kpi(goal) == "engagement_rate_reach"
    assert goal_platform(BusinessGoal(description="4,000 Instagram followers")) == "instagram"
    assert goal_platform(BusinessGoal(description="Grow the community on LinkedIn",
                                      metric="abonnés")) == "linkedin"
    assert goal_platform(BusinessGoal(description="Sell more boxes")) is None


@pytest.mark.parametrize("path", example_briefs(), ids=lambda p: p.parent.name)
def test_no_goal_dropped_and_no_kpi_twice(path):
    brief = load_brief(path)
    ob = Plan(brief).objectives
    shown = " · ".join(o.goal for o in ob.objectives if o.from_brief)
    for goal in brief.goals.business_goals:
        assert goal.description in shown
        row = next(o for o in ob.objectives if goal.description in o.goal)
        assert row.target == goal.target
    keys = [(o.kpi, o.platform, o.target) for o in ob.objectives]
    assert len(keys) == len(set(keys)), keys
    problem_kpis = [o.kpi for o in ob.objectives if not o.from_brief]
    goal_kpis = {o.kpi for o in ob.objectives if o.from_brief}
    assert len(problem_kpis) == len(set(problem_kpis)) and not goal_kpis & set(problem_kpis)
    # the source document's eight measures are in every measurement plan
    assert [m["measure"] for m in ob.measurement[:8]] == [
        "audience_growth", "audience_profile", "engagement", "reach_value",
        "engagement_by_type", "referral_traffic", "bounce_rate", "negative_comments"]


def test_business_baselines_come_from_the_clients_files():
    fashion = Plan(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml")).objectives
    rows = {o.kpi: o for o in fashion.objectives}
    customers = pd.read_csv(EXAMPLES_DIR / "fashion" / "audience.csv", sep=";",
                            encoding="utf-8-sig")
    last = pd.to_datetime(customers["Last Order Date"], format="mixed", dayfirst=False)
    active = last >= last.max() - pd.DateOffset(months=12)
    repeat = ((customers["Orders Count"] >= 2) & active).mean() * 100
    assert 25 < repeat < 40  # the brief's own figure is 31 %
    assert rows["repeat_purchase_rate"].baseline.value == pytest.approx(repeat, abs=0.01)
    assert rows["repeat_purchase_rate"].baseline.basis == "data"
    ads = pd.read_csv(EXAMPLES_DIR / "fashion" / "ads.csv", encoding="utf-8-sig")
    start = pd.to_datetime(ads["Reporting starts"]).min()
    end = pd.to_datetime(ads["Reporting ends"]).max()
    assert (start.day, (end + pd.Timedelta(days=1)).day) == (1, 1)  # whole calendar months
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    # the conversion campaigns only: the rows the paid forecast, hence the target, counts
    # (awareness rows are bought for reach), so baseline and target are like for like
    sold = ads[~ads["Objective"].str.lower().isin(["awareness", "reach", "video views"])]
    assert len(sold) < len(ads)  # the example has awareness rows
    expected = sold["Purchases conversion value"].sum() / months * 12  # 12 months: the sum
    revenue = rows["social_revenue"].baseline
    assert revenue.value == pytest.approx(expected, rel=1e-6)
    assert revenue.detail == "paid_social"
    assert revenue.covers["revenue_all"] == pytest.approx(
        ads["Purchases conversion value"].sum(), rel=1e-6)
    assert revenue.covers["spend"] == pytest.approx(sold["Amount spent (GBP)"].sum(), rel=1e-6)
    bakery_brief = load_brief(EXAMPLES_DIR / "bakery" / "brief.yaml")
    bakery = {o.kpi: o for o in Plan(bakery_brief).objectives.objectives}
    insta = next(c.followers for c in bakery_brief.situation.channels
                 if c.platform == "instagram")
    assert bakery["followers"].platform == "instagram"
    assert bakery["followers"].baseline.value == insta
    assert (bakery["fill_rate"].baseline.value, bakery["fill_rate"].baseline.basis) == (
        50.0, "brief")  # declared in the brief: the workshops are half full


def test_the_diagnosis_evidence_quoting_a_goals_figure_is_found_not_parsed():
    from smmplan.goals import evidence_for

    b = load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml")
    assert evidence_for(b, "aided_awareness") == b.situation.problems.brand_awareness.evidence
    bakery = load_brief(EXAMPLES_DIR / "bakery" / "brief.yaml")  # "Connue dans deux…": no figure
    assert evidence_for(bakery, "aided_awareness") is None
    assert evidence_for(b, "no_such_kpi") is None
