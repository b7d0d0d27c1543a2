"""Ads exports as real advertisers have them: one platform for the whole file, zero-spend
rows, another currency, implausible unit costs, breakdown columns."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2

from smmplan.brief import parse_brief
from smmplan.errors import BriefError, DataError
from smmplan.exports.ads import ads_breakdowns, ads_frame, read_ads
from smmplan.privacy import min_group

from .conftest import example_raw, standalone


def _kaggle_like(rows: int = 240, seed: int = 1, spend_scale: float = 1.0) -> pd.DataFrame:
    """An ad-level export with breakdowns and no platform column (the layout of the public
    "Sales conversion optimization" Facebook ads data set)."""
    rng = np.random.default_rng(seed)
    age = rng.choice(["30-34", "35-39", "40-44", "45-49"], rows, p=[.4, .2, .2, .2])
    impressions = rng.integers(5000, 60000, rows)
    clicks = (impressions * rng.uniform(0.005, 0.02, rows)).astype(int)
    spend = np.round(clicks * rng.uniform(0.4, 1.6, rows) * spend_scale, 2)
    spend[::5] = 0  # a fifth of the ads never spent
    conv = rng.integers(0, 6, rows) + (age == "30-34") * 3
    return pd.DataFrame({
        "ad_id": [str(700000 + i) for i in range(rows)],
        "xyz_campaign_id": rng.choice(["916", "936", "1178"], rows).tolist(),
        "age": age.tolist(), "gender": rng.choice(["M", "F"], rows).tolist(),
        "interest": rng.choice(["10", "15", "16", "2", "7"], rows).tolist(),
        "Impressions": impressions.astype(str), "Clicks": clicks.astype(str),
        "Spent": spend.astype(str), "Total_Conversion": conv.astype(str),
        "Approved_Conversion": (conv // 2).astype(str)})


def _brief(tmp_path, table: pd.DataFrame, ads: dict, channels: dict | None = None,
           currency: str = "EUR"):
    table.to_csv(tmp_path / "ads.csv", index=False)
    raw = standalone(example_raw("fashion"))
    raw["client"]["currency"] = currency
    raw["data"] = {"ads": {"path": "ads.csv", **ads}}
    if channels is not None:
        raw["budget"]["paid"]["channels"] = channels
    return parse_brief(raw, tmp_path / "brief.yaml")


def test_one_platform_for_the_whole_file(tmp_path):
    table = _kaggle_like()
    ads = read_ads(_brief(tmp_path, table, {"platform": "facebook"}))
    assert set(ads["platform"]) == {"facebook"}
    assert ads.attrs["platform_source"] == "brief"
    spent = pd.to_numeric(table["Spent"])
    assert ads.attrs["zero_spend"] == int((spent == 0).sum()) == 48
    assert len(ads) == len(table) - 48
    assert ads["spend"].sum() == pytest.approx(spent.sum())
    assert ads["conversions"].sum() == pytest.approx(
        pd.to_numeric(table["Total_Conversion"])[spent > 0].sum())


def test_the_only_paid_platform_is_used_and_none_is_an_error(tmp_path):
    table = _kaggle_like()
    ads = read_ads(_brief(tmp_path, table, {}, channels={"instagram": {}}))
    assert set(ads["platform"]) == {"instagram"}
    assert ads.attrs["platform_source"] == "only_paid_platform"
    with pytest.raises(DataError, match="ads.csv: no platform column .*data.ads.platform"):
        read_ads(_brief(tmp_path, table, {}, channels={"instagram": {}, "facebook": {}}))


def test_a_platform_given_in_the_brief_must_be_known(tmp_path):
    with pytest.raises(BriefError, match="data.ads.platform"):
        _brief(tmp_path, _kaggle_like(), {"platform": "myspace"})


def test_amounts_in_another_currency_are_converted_with_a_dated_rate(tmp_path):
    from currency_converter import CurrencyConverter

    table = _kaggle_like(spend_scale=5.0)
    ads = read_ads(_brief(tmp_path, table, {"platform": "facebook", "currency": "BRL"}))
    info = ads.attrs["currency"]
    assert (info["from"], info["to"]) == ("BRL", "EUR") and "Central Bank" in info["source"]
    day = dt.date.fromisoformat(info["date"])
    rate = CurrencyConverter().convert(1, "BRL", "EUR", date=day)
    spent = pd.to_numeric(table["Spent"])
    assert ads["spend"].sum() == pytest.approx(spent.sum() * rate, rel=1e-9)


def test_an_implausible_cost_per_thousand_is_a_unit_error(tmp_path):
    """Spend in cents read as euros: a CPM of a few hundredths of a euro."""
    table = _kaggle_like(spend_scale=0.01)
    with pytest.raises(DataError, match="ads.csv: facebook: cost per thousand impressions "
                                        ".* probable unit error"):
        read_ads(_brief(tmp_path, table, {"platform": "facebook"}))
    read_ads(_brief(tmp_path, _kaggle_like(), {"platform": "facebook"}))  # plausible: read


def test_cost_per_result_by_breakdown_with_intervals_and_minimum_group():
    table = _kaggle_like(rows=400)
    ads = ads_frame(table, {}, "ads.csv", platform="facebook")
    assert set(ads.attrs["breakdowns"]) == {"age", "gender", "interest", "campaign"}
    out = ads_breakdowns(ads)
    kept = table[pd.to_numeric(table["Spent"]) > 0].copy()
    for c in ("Spent", "Total_Conversion", "Approved_Conversion"):
        kept[c] = pd.to_numeric(kept[c])
    overall = kept["Spent"].sum() / kept["Total_Conversion"].sum()
    least = max(10, min_group(int(kept["Total_Conversion"].sum())))
    for key, column in (("age", "age"), ("gender", "gender"), ("interest", "interest"),
                        ("campaign", "xyz_campaign_id")):
        sums = kept.groupby(column)[["Spent", "Total_Conversion", "Approved_Conversion"]].sum()
        if key != "campaign":
            sums = sums[sums["Total_Conversion"] >= least]
        got = out[out["breakdown"] == key].set_index("value")
        assert sorted(got.index) == sorted(sums.index)
        for value, row in sums.iterrows():
            cpr = row["Spent"] / row["Total_Conversion"]
            assert got.loc[value, "cost_per_result"] == pytest.approx(cpr)
            assert got.loc[value, "index"] == pytest.approx(cpr / overall)
            assert got.loc[value, "cost_per_approved"] == pytest.approx(
                row["Spent"] / row["Approved_Conversion"])
            k = row["Total_Conversion"]
            assert got.loc[value, "low"] == pytest.approx(row["Spent"] / (chi2.ppf(.95, 2 * k
                                                                                + 2) / 2))
            assert got.loc[value, "low"] < cpr < got.loc[value, "high"]
    # the 30-34 band converts more: it is the cheapest age band
    ages = out[out["breakdown"] == "age"]
    assert ages.iloc[0]["value"] == "30-34"


def test_people_breakdowns_below_the_minimum_group_are_left_out():
    table = _kaggle_like(rows=200)
    table.loc[:3, "gender"] = "X"  # four ads: far fewer results than the minimum group
    ads = ads_frame(table, {}, "ads.csv", platform="facebook")
    out = ads_breakdowns(ads)
    assert "X" not in set(out[out["breakdown"] == "gender"]["value"])


def test_breakdowns_reach_the_paid_chapter_as_targeting_advice(tmp_path):
    """plan.json's paid history carries the breakdowns, the rows set aside, where the
    platform came from and the conversion; the paid chapter shows the cheapest and dearest
    segment of each breakdown, through the locales, with no raw column name."""
    from smmplan.budget import plan_paid
    from smmplan.plan import Plan
    from smmplan.views.budget import budget_forecast
    from smmplan.views.budget_appendix import budget_appendix

    table = _kaggle_like(rows=400, spend_scale=5.0)
    brief = _brief(tmp_path, table, {"platform": "facebook", "currency": "BRL"},
                   channels={"facebook": {}, "instagram": {}})
    history = plan_paid(brief).history
    frame = read_ads(brief)
    expected = ads_breakdowns(frame)
    assert len(history["breakdowns"]) == len(expected) > 0
    for row, (_, want) in zip(history["breakdowns"], expected.iterrows(), strict=True):
        assert (row["breakdown"], row["value"]) == (want["breakdown"], want["value"])
        assert row["cost_per_result"] == pytest.approx(want["cost_per_result"], rel=1e-3)
    assert history["zero_spend"] == 80 and history["platform_source"] == "brief"
    assert history["currency"]["from"] == "BRL"
    plan = Plan(brief)
    html = budget_forecast(plan).html()  # the advice in the chapter
    shown = plan.record.tables["ads_targeting"]["rows"]
    html += budget_appendix(plan).html()  # how the export was read, in the appendix
    ages = expected[expected["breakdown"] == "age"].sort_values("cost_per_result")
    age_row = next(r for r in shown if r["breakdown"] == "Age band")
    assert (age_row["cheapest"], age_row["dearest"]) == (ages.iloc[0]["value"],
                                                         ages.iloc[-1]["value"])
    assert "80 rows of your ads export without spend were set aside" in html
    assert "taken as Facebook, as the brief states" in html
    assert "Total_Conversion" not in html and "xyz_campaign_id" not in html
    assert "no published figure for United Kingdom or its region; U.S. survey figures " \
        "stand in" in html
    assert "people aged 15 and over in United Kingdom" in html


def test_awareness_rows_are_not_ranked_by_cost_per_result():
    """An awareness campaign's few purchases do not make it the dearest segment: the
    breakdowns count only the rows bought for results (Maison Lune's export)."""
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.validation import load_brief

    brief = load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml")
    frame = read_ads(brief)
    assert frame["awareness"].any()  # the example has awareness rows
    out = ads_breakdowns(frame)
    campaigns = set(out[out["breakdown"] == "campaign"]["value"])
    aware = set(frame.loc[frame["awareness"], "campaign"]) - set(
        frame.loc[~frame["awareness"], "campaign"])
    assert aware and not aware & campaigns
    kept = frame[~frame["awareness"]]
    for value, group in kept.groupby("campaign"):
        if value in campaigns:
            row = out[(out["breakdown"] == "campaign") & (out["value"] == value)].iloc[0]
            assert row["cost_per_result"] == pytest.approx(
                group["spend"].sum() / group["conversions"].sum())
