"""One definition per post metric (data/kpis.yaml), used by every chapter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmplan.metrics import by_group, frame_metric, metric, post_metrics

POSTS = pd.DataFrame({"content_type": ["Reel", "Reel", "Photo"],
                      "reach": [100.0, 1000.0, 400.0], "engagements": [10.0, 20.0, 20.0],
                      "impressions": [200.0, 2000.0, 0.0], "shares": [1.0, np.nan, 4.0]})


def test_every_post_metric_states_its_definition():
    for kpi, d in post_metrics().items():
        assert d["aggregate"] in ("mean_of_posts", "ratio_of_sums"), kpi
        assert d["numerator"] and d["denominator"], kpi


def test_mean_of_posts_and_ratio_of_sums():
    # engagement rate by reach: mean of 10 %, 2 %, 5 %
    assert frame_metric(POSTS, "engagement_rate_reach") == pytest.approx(17 / 3)
    # virality: shares over impressions, summed over posts that have impressions (1 / 2200)
    assert frame_metric(POSTS, "virality_rate") == pytest.approx(1 / 2200 * 100)
    assert frame_metric(POSTS, "reach_per_post") == pytest.approx(500)
    assert metric({"reach": np.array([0.0])}, 1, "engagement_rate_reach") is None


def test_rates_by_group_use_the_kpi_definition():
    table = by_group(POSTS, "content_type")
    assert table["content_type"].tolist() == ["Reel", "Photo"]  # best first
    assert table["rate"].tolist() == pytest.approx([6.0, 5.0])  # (10 % + 2 %) / 2, not 30/1100
    assert table["posts"].tolist() == [2, 1]


def test_sponsor_ranking_and_history_show_one_rate_per_content_type():
    """The objectives chapter's engagement by content type and the paid chapter's "what to
    sponsor" used two definitions (mean of per-post rates vs ratio of sums): one now."""
    from smmplan.budget import _sponsor
    from smmplan.exports.posts import read_posts
    from smmplan.objectives import analyse_posts
    from smmplan.paths import example_briefs
    from smmplan.validation import load_brief

    for path in example_briefs():
        brief = load_brief(path)
        posts = read_posts(brief)
        if posts is None:
            continue
        history = {r["content_type"]: r["rate"] for r in analyse_posts(posts)["by_type"]}
        sponsor = {r["content_type"]: r["engagement_rate"] for r in _sponsor(brief)}
        assert sponsor.keys() == history.keys()
        for kind, rate in sponsor.items():
            assert rate == pytest.approx(history[kind], abs=0.005), (path, kind)
