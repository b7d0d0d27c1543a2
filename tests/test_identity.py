"""Identity chapter: diagnosis ranking, maturity, share of voice, SWOT."""

from __future__ import annotations

import copy

import pytest

from smmplan.brief import parse_brief
from smmplan.identity import (
    analyse_identity,
    assess_maturity,
    benchmark_competitors,
    diagnose,
)

from .conftest import example_raw, standalone


def brief(**changes):
    raw = standalone(example_raw("fashion"))
    for path, value in changes.items():
        node = raw
        *parents, last = path.split("__")
        for p in parents:
            node = node[int(p)] if p.isdigit() else node[p]
        node[last] = value
    return parse_brief(copy.deepcopy(raw), source=__import__("pathlib").Path("t.yaml"))


def _scores(b, **scores):
    for key, score in scores.items():
        getattr(b.situation.problems, key).score = score
    return b


def test_fix_first_ranks_by_severity_times_weight():
    b = _scores(brief(), website_traffic=3, brand_awareness=2, customer_loyalty=2,
                online_reputation=0, sales=3, infrastructure=3, digital_culture=3)
    d = diagnose(b)
    # priorities: sales 9, website 6, loyalty 6, awareness 4; maturity problems never lead
    assert d.fix_first == ["sales", "website_traffic", "customer_loyalty"]
    assert [p.rank for p in d.problems if p.key == "sales"] == [1]
    assert d.overall_score == pytest.approx(16 / 7, abs=0.01)


def test_nothing_severe_still_names_one_problem():
    b = _scores(brief(), website_traffic=0, brand_awareness=1, customer_loyalty=0,
                online_reputation=1, sales=0, infrastructure=0, digital_culture=0)
    assert diagnose(b).fix_first == ["brand_awareness"]
    b = _scores(b, brand_awareness=0, online_reputation=0)
    assert diagnose(b).fix_first == []


@pytest.mark.parametrize(("infra", "culture", "level"),
                         [(3, 3, "nascent"), (2, 2, "developing"), (1, 1, "established"),
                          (0, 0, "advanced")])
def test_maturity_levels(infra, culture, level):
    b = _scores(brief(), infrastructure=infra, digital_culture=culture)
    m = assess_maturity(b)
    assert m.level == level
    assert sum(m.rollout_months.values()) == b.client.period.months
    assert m.rollout_months["crawl"] >= (0 if level == "advanced" else 1)


def test_maturity_score_formula():
    b = _scores(brief(), infrastructure=3, digital_culture=0)
    b.situation.channels[0].posts_per_week = 0.5  # 3 of 4 channels post weekly
    m = assess_maturity(b)
    assert m.infrastructure == 0 and m.culture == 100
    assert m.score == pytest.approx(0.4 * 0 + 0.4 * 100 + 0.2 * 75)


def test_share_of_voice_by_mentions():
    bench = benchmark_competitors(brief())
    assert bench.sov_method == "mentions"
    sov = {e.name: e.share_of_voice for e in bench.entities}
    total = 1900 + 3100 + 1200 + 800
    assert sov["Maison Lune"] == pytest.approx(round(1900 / total * 100, 1))
    assert bench.leader == "Atelier North" and bench.client_rank == 2


def test_share_of_voice_by_engagement_when_mentions_missing():
    b = brief()
    b.situation.competitors[1].mentions = None
    bench = benchmark_competitors(b)
    assert bench.sov_method == "engagement"
    me = bench.entities[0]
    expected = sum(c.followers * c.engagement_rate / 100 * c.posts_per_week
                   for c in b.situation.channels)
    assert me.weekly_engagements == pytest.approx(expected, abs=0.1)
    assert sum(e.share_of_voice for e in bench.entities) == pytest.approx(100, abs=0.2)


def test_weighted_engagement_rate():
    bench = benchmark_competitors(brief())
    me = bench.entities[0]
    ch = brief().situation.channels
    expected = sum(c.followers * c.engagement_rate for c in ch) / sum(c.followers for c in ch)
    assert me.engagement_rate == pytest.approx(expected, abs=0.01)


def test_no_competitors():
    b = brief(situation__competitors=[])
    ident = analyse_identity(b)
    assert ident.competitors is None
    assert not [i for i in ident.swot.threats if i.source == "computed"]


def test_swot_computed_items():
    ident = analyse_identity(brief())
    s = ident.swot
    keys = lambda items: {(i.text_key, i.values.get("platform")) for i in items}  # noqa: E731
    assert ("swot.er_above", "tiktok") in keys(s.strengths)  # 5.6 > median 4.1
    assert ("swot.er_below", "pinterest") in keys(s.weaknesses)  # 0.5 < 0.7
    assert ("swot.open_platform", "pinterest") in keys(s.opportunities)  # 1 competitor there
    assert ("swot.problem.customer_loyalty", None) in keys(s.weaknesses)
    assert ("swot.no_problem.infrastructure", None) in keys(s.strengths)
    assert any(i.text_key == "swot.sov_ahead" and i.values["name"] == "Atelier North"
               for i in s.threats)
    assert any(i.text == "Free repairs for two years" for i in s.strengths)


def test_opportunities_computed_from_data_when_the_brief_lists_none():
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.validation import load_brief

    b = load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml")
    assert not b.situation.opportunities
    found = analyse_identity(b).swot.opportunities
    # LinkedIn 2.3 % beats every competitor there (best 1.9 %); X and YouTube do not
    assert [(i.text_key, i.values["platform"], i.source) for i in found] == [
        ("swot.weak_competitors", "linkedin", "computed")]
    weak = b.model_copy(deep=True)
    for c in weak.situation.channels:
        c.engagement_rate = 0.1
    assert [i.text_key for i in analyse_identity(weak).swot.opportunities] == [
        "swot.no_opportunity"]
    listed = load_brief(EXAMPLES_DIR / "bakery" / "brief.yaml")  # the brief lists one
    assert not [i for i in analyse_identity(listed).swot.opportunities
                if i.text_key in ("swot.weak_competitors", "swot.no_opportunity")]
