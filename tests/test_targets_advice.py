"""The targets chapter's words: names from human labels, and targeting advice from the ads
history's breakdowns (the paid chapter's figures), matched to the targets by age and
gender; nothing without breakdowns."""

from __future__ import annotations

import re
import types

import numpy as np
import pandas as pd
import pytest

from smmplan import views as v
from smmplan.ads_targeting import age_band, gender_of
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.validation import load_brief

from .conftest import example_raw, standalone, write_brief

BANDS = {"18-24": 1.6, "25-34": 1.0, "35-44": 1.4, "45-54": 2.2, "55-64": 3.0, "65+": 4.0}


def _ads(seed: int = 0) -> pd.DataFrame:
    """An ad-level export with age and gender breakdowns: women 25-34 convert cheapest,
    people 65+ dearest (cost per purchase scaled by ``BANDS``, men 1.6 x women)."""
    rng = np.random.default_rng(seed)
    rows = []
    for month in ("2025-10-01", "2025-11-01", "2025-12-01"):
        for band, scale in BANDS.items():
            for gender, g in (("female", 1.0), ("male", 1.6)):
                spend = float(rng.uniform(800, 1200))
                impressions = int(spend / 8 * 1000)
                purchases = max(1, int(round(spend / (15 * scale * g))))
                rows.append({"Reporting starts": month, "Platform": "Instagram", "Age": band,
                             "Gender": gender, "Amount spent (GBP)": round(spend, 2),
                             "Impressions": impressions,
                             "Link clicks": int(impressions * 0.01),
                             "Purchases": purchases})
    return pd.DataFrame(rows)


def _customers(n: int = 900, seed: int = 1) -> pd.DataFrame:
    """Three groups: young women, middle-aged people, older men, with spend and orders."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, 3, n)
    age = np.array([28, 42, 68])[group] + rng.normal(0, 3, n)
    women = rng.random(n) < np.array([0.9, 0.5, 0.15])[group]
    return pd.DataFrame({
        "Customer ID": [f"C{i:05d}" for i in range(n)], "Age": age.round(),
        "Gender": np.where(women, "F", "M"),
        "Orders Count": rng.poisson(np.array([6, 3, 2])[group]) + 1,
        "Total Spent": (np.array([400, 200, 150])[group] * rng.lognormal(0, 0.2, n)).round(2)})


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Plan:
    folder = tmp_path_factory.mktemp("advice")
    _ads().to_csv(folder / "ads.csv", index=False)
    _customers().to_csv(folder / "customers.csv", index=False)
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"audience": {"path": "customers.csv", "columns": {"id": "Customer ID"}},
                   "ads": {"path": "ads.csv"}}
    return Plan(load_brief(write_brief(folder, raw)))


def test_bands_and_genders_are_read():
    assert age_band("25-34") == (25, 35) and age_band("65+") == (65, float("inf"))
    assert age_band("18–24") == (18, 25) and age_band("unknown") is None
    assert [gender_of(g) for g in ("female", "F", "Femme", "men", "H", "unknown")] == [
        "women", "women", "women", "men", "men", None]


def test_advice_uses_the_paid_chapters_figures_and_matches_targets(plan):
    tg = plan.targets
    items = {i["breakdown"]: i for i in tg.ads["breakdowns"]}
    assert set(items) == {"age", "gender"}
    assert items["age"]["cheapest"]["value"] == "25-34"
    assert items["age"]["dearest"]["value"] == "65+"
    assert items["gender"]["cheapest"]["value"] == "female"
    # one number, one value: the same figures as the paid chapter's breakdown table
    paid = pd.DataFrame(plan.paid.history["breakdowns"])
    for key, item in items.items():
        rows = paid[paid["breakdown"] == key].sort_values("cost_per_result", kind="stable")
        for side, row in (("cheapest", rows.iloc[0]), ("dearest", rows.iloc[-1])):
            assert item[side]["value"] == row["value"]
            for field in ("cost_per_result", "low", "high"):
                assert item[side][field] == pytest.approx(float(row[field]), abs=1e-9)
    # computed independently: cost per purchase of women aged 25-34 is the cheapest band
    ads = _ads()
    by_band = ads.groupby("Age").sum(numeric_only=True)
    cost = by_band["Amount spent (GBP)"] / by_band["Purchases"]
    assert items["age"]["cheapest"]["cost_per_result"] == pytest.approx(cost.min(), abs=1e-4)
    # the targets over-represented among 25-34s are the young ones, 65+ the old ones
    ages = plan.audience.features["age" if "age" in plan.audience.features else "Age"]
    mean_age = {p.id: float(ages[tg.labels == p.id].mean()) for p in tg.personas}
    young = min(mean_age, key=mean_age.get)
    old = max(mean_age, key=mean_age.get)
    assert items["age"]["cheapest_targets"][0]["target"] == young
    assert items["age"]["dearest_targets"][0]["target"] == old


def test_advice_is_written_with_names_and_money(plan):
    html = v.target_ads_advice(plan).html()
    assert "people aged 25–34" in html and "people aged 65 and over" in html
    assert "women" in html and "Aim the paid reach of" in html
    assert "£" in html


def test_names_use_human_labels_never_raw_ids_or_codes(plan):
    names = [v.persona_name(plan, p) for p in plan.targets.personas]
    for name in names:
        assert "·" not in name and "Orders Count" not in name and "Total Spent" not in name
        assert not re.search(r"(^|[\s,])[MF]($|[\s,])", name), name  # no one-letter code
    text = v.target_personas(plan).html()
    assert "Gender “F”" not in text and "Gender “M”" not in text


def test_no_breakdown_no_advice():
    fashion = next(p for p in example_briefs() if p.parent.name == "fashion")
    plan = Plan(load_brief(fashion))
    assert plan.targets.ads == {}  # campaign and ad set only: no people breakdown
    assert v.target_ads_advice(plan).html().strip() == ""


def test_platform_shares_are_value_counts_of_the_lowered_values():
    """Acquisition shares worked out on the column's categories and codes equal the
    reference (every row's text lowered, then value_counts), ties ordered alike, with
    "TikTok" and "tiktok" one platform and missing values counted in the shares."""
    from smmplan.brief import platform_catalogue
    from smmplan.target_channels import platform_shares

    labels = {f["label"].split(" ")[0].lower(): key
              for key, f in platform_catalogue()["platforms"].items()}
    values = np.array(["TikTok", "tiktok", "Instagram", "Facebook", None, "Other",
                       "instagram"], dtype=object)
    rng = np.random.default_rng(3)
    for _ in range(200):
        n = int(rng.integers(1, 60))
        aud = types.SimpleNamespace(categorical=["ch"], features=pd.DataFrame(
            {"ch": pd.Series(rng.choice(values, n)).astype("category")}))
        mask = rng.random(n) < 0.6
        text = aud.features["ch"].astype(str).str.lower()
        expected = [(labels[v], float(s)) for v, s in
                    text[mask].value_counts(normalize=True).items() if v in labels] \
            if text.isin(labels).any() else []
        assert platform_shares(aud, mask) == expected


def test_a_purchase_is_worth_the_targets_value_per_order_not_per_customer():
    """A target that orders twice as often with the same baskets is worth twice as much as
    a customer (value index 2) but the same per purchase (order value index 1)."""
    from types import SimpleNamespace

    import numpy as np
    import pandas as pd

    from smmplan.personas import order_value_index

    values = np.array([200.0, 200.0, 100.0, 100.0])  # lifetime spend
    orders = pd.Series([4.0, 4.0, 2.0, 2.0])  # the same 50 per order for everyone
    aud = SimpleNamespace(roles=lambda: {"orders": "Orders"},
                          features=pd.DataFrame({"Orders": orders}))
    base = np.ones(4, dtype=bool)
    often = np.array([True, True, False, False])
    assert order_value_index(aud, values, often, base) == 1.0
    values = np.array([400.0, 400.0, 100.0, 100.0])  # bigger baskets as well
    assert order_value_index(aud, values, often, base) == round(100 / (1000 / 12), 2)
    none = SimpleNamespace(roles=lambda: {"orders": None}, features=pd.DataFrame())
    assert order_value_index(none, values, often, base) is None
