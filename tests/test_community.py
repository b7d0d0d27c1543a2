"""Community and crisis playbooks."""

from __future__ import annotations

import math

import pytest

from smmplan.community import (
    LEVELS,
    NEGATIVE_SHARE,
    baseline_comments,
    crisis_triggers,
    plan_community,
)
from smmplan.errors import DataError
from smmplan.i18n import Translator, reply_registers
from smmplan.paths import example_briefs
from smmplan.sector_defaults import sector_response_hours, sector_sponsor
from smmplan.sectors import playbook
from smmplan.validation import load_brief


def example(name):
    return load_brief(next(p for p in example_briefs() if p.parent.name == name))


def test_triggers_scale_with_the_measured_baseline():
    b = example("bakery")
    base = baseline_comments(b)
    assert base and base > 0
    cm = plan_community(b, ["instagram", "facebook"])
    assert cm.baseline_basis == "history"
    negative = base * NEGATIVE_SHARE / 100
    unit = "day" if negative >= 1 else "week"
    per_unit = negative * (1 if unit == "day" else 7)
    assert cm.trigger_unit == unit and cm.negative_per_unit == pytest.approx(per_unit, abs=0.01)
    below = 0
    for lv, (level, multiple, _, hours) in zip(cm.levels, LEVELS, strict=True):
        assert lv["level"] == level and lv["hours"] == hours
        assert isinstance(lv["trigger"], int) and lv["trigger"] > below
        assert lv["trigger"] >= per_unit * multiple  # never below the level's multiple
        assert lv["multiple"] == pytest.approx(lv["trigger"] / round(per_unit, 1), abs=0.05)
        below = lv["trigger"]
    assert [lv["owner"] for lv in cm.levels] == ["social_media_manager", "owner", "owner"]


@pytest.mark.parametrize("per_day", [0.02, 0.2, 0.25, 0.9, 1.0, 1.3, 4.0, 37.5])
def test_crisis_triggers_are_whole_increasing_counts_that_match_their_multiple(per_day):
    unit, base, levels = crisis_triggers(per_day)
    assert unit == ("week" if per_day < 1 else "day")
    assert base == pytest.approx(per_day * (7 if unit == "week" else 1))
    counts = [count for count, _ in levels]
    assert all(isinstance(c, int) and c >= 1 for c in counts)
    assert counts == sorted(set(counts))  # strictly increasing: no two levels share one
    for (count, shown), (_, multiple, _, _) in zip(levels, LEVELS, strict=True):
        # the sentence's multiple is the count over the baseline as shown (one decimal)
        assert shown == round(count / (round(base, 1) or base), 1)
        assert count >= base * multiple - 1e-9


def test_crisis_triggers_of_the_review_case():
    """0.2 negative comments a day: thresholds per week, not "1,0 / 1,2 / 2,4 a day"."""
    unit, base, levels = crisis_triggers(0.2)
    assert unit == "week" and base == pytest.approx(1.4)
    assert levels == [(3, 2.1), (7, 5.0), (14, 10.0)]
    assert math.ceil(1.4 * 2) == 3


def test_no_history_means_qualitative_triggers_and_large_company_owners():
    cm = plan_community(example("b2b-software"), ["linkedin"])
    assert cm.baseline_basis == "none" and all(lv["trigger"] is None
                                               for lv in cm.levels)
    assert [lv["owner"] for lv in cm.levels] == ["community_manager", "strategist",
                                                 "management"]
    assert cm.response_hours == {"linkedin": 4}  # the B2B playbook's, not the general 8 h
    assert {s["situation"] for s in cm.situations} == {"question", "complaint", "praise",
                                                      "troll", "spam", "review"}


def test_response_times_come_from_the_sector_playbook():
    b2b = sector_response_hours("b2b")
    assert b2b["linkedin"] <= b2b["x"]  # LinkedIn is answered first in B2B
    assert sector_response_hours("food_shop")["x"] == 1  # the general convention stays
    cm = plan_community(example("b2b-software"), ["linkedin", "x"])
    assert cm.response_hours == {"linkedin": 4, "x": 8}
    # an owner-run bakery answers within a working day, not within the hour of a brand
    # with a community manager
    shop = plan_community(example("bakery"), ["instagram", "facebook"])
    assert shop.response_hours == {"instagram": 24, "facebook": 24}


def test_sponsor_defaults_come_from_the_sector_playbook():
    assert "offer" not in sector_sponsor("b2b")
    assert sector_sponsor("food_shop") == ("short_video", "carousel", "offer")


def test_bad_sector_defaults_are_refused_with_the_file_and_field(monkeypatch):
    import smmplan.sector_defaults as sd

    book = dict(playbook("b2b"))
    monkeypatch.setattr(sd, "playbook", lambda kind: {**book, "response_hours": {"myspace": 2}})
    with pytest.raises(DataError, match=r"b2b.yaml: response_hours: unknown platform 'myspace'"):
        sd.sector_response_hours("b2b")
    monkeypatch.setattr(sd, "playbook", lambda kind: {**book, "response_hours": {"x": 0.5}})
    with pytest.raises(DataError, match=r"response_hours.x must be a whole number"):
        sd.sector_response_hours("b2b")
    monkeypatch.setattr(sd, "playbook", lambda kind: {**book, "sponsor": ["memes"]})
    with pytest.raises(DataError, match=r"b2b.yaml: sponsor must list content types"):
        sd.sector_sponsor("b2b")


def test_reply_register_follows_the_brief():
    assert reply_registers("vous", "praise") == ("vous",)
    assert reply_registers("tu", "review") == ("tu",)
    # mirror: strangers, reviews, complaints and provocations in vous; tu only as well
    for situation in ("review", "complaint", "troll", "spam"):
        assert reply_registers("mirror", situation) == ("vous",)
    for situation in ("question", "praise"):
        assert reply_registers("mirror", situation) == ("vous", "tu")


@pytest.mark.parametrize("kind", ["b2b", "beauty", "education", "food_shop", "nonprofit",
                                  "other", "restaurant", "retail_fashion"])
def test_review_and_troll_replies_do_not_paste_the_help_page_answer(kind):
    replies = playbook(kind)["replies"]
    for situation in ("review", "troll"):
        for lang in ("en", "fr"):
            assert "{answer}" not in replies[situation][lang], (kind, situation, lang)
    tr = Translator("fr", "fr_FR", "EUR")
    review = tr.text(replies["review"], "vous", signature="— L’équipe X")
    assert "[[" not in review and not any(w in review.split() for w in ("te", "ton", "ta", "tu"))


def test_peak_thresholds_scale_with_the_months_demand():
    """Lune (review 16: flat crisis thresholds through the peak): the months whose demand
    index is at least data/community.yaml's ``peak_min_index`` get thresholds scaled by
    it, whole, increasing, never below the level's multiple of the scaled baseline and
    above the year's flat levels; the flat levels stay the year's."""
    from smmplan.community import facts, scaled_triggers
    from smmplan.paid_demand import demand_index

    b = example("fashion")
    cm = plan_community(b, ["instagram"])
    index = demand_index(b).index
    least = facts()["peak_min_index"]
    flat = [lv["trigger"] for lv in cm.levels]
    assert flat == sorted(set(flat))  # increasing
    months = [p["month"] for p in cm.peak]
    assert months and months == [m.isoformat() for m in b.client.period.month_starts
                                 if index[m.month] >= least]
    for p in cm.peak:
        scaled = cm.negative_per_unit * index[int(p["month"][5:7])]
        assert p["triggers"] == sorted(set(p["triggers"]))
        assert all(isinstance(t, int) and t >= scaled * m - 0.05
                   for t, (_, m, _, _) in zip(p["triggers"], LEVELS, strict=True))
        assert all(a > f for a, f in zip(p["triggers"], flat, strict=True))
    for per_unit, factor in ((10.0, 1.0), (0.1, 1.0), (0.3, 1.4)):
        counts = scaled_triggers(per_unit, factor)
        assert counts == sorted(set(counts))  # never two levels on one threshold
        assert all(c >= per_unit * factor * m for c, (_, m, _, _) in zip(counts, LEVELS,
                                                                          strict=True))
    assert [c for c, _ in crisis_triggers(2.0)[2]] == scaled_triggers(2.0, 1.0)  # one rule


def test_review_rota_names_the_briefs_review_sites_through_the_peak():
    from smmplan.plan import Plan
    from smmplan.views.community import community_decisions, crisis_playbook

    b = example("fashion")
    assert plan_community(b, ["instagram"]).review_sites == ["Trustpilot"]
    plan = Plan(b)
    tr, last = plan.tr, plan.community.peak[-1]
    html = crisis_playbook(plan).html()
    assert "Review rota through November 2027 and December 2027" in html
    assert "Trustpilot" in html and tr.number(last["triggers"][-1]) in html
    assert "December 2027: " + tr.join([tr.number(t) for t in last["triggers"]]) \
        in community_decisions(plan)[0]
    assert example("b2b-software") and plan_community(example("b2b-software"),
                                                      ["linkedin"]).peak == []  # no baseline


@pytest.mark.parametrize(("weakness", "sites"), [
    ("No Google Analytics on the shop", []),
    ("Google Ads spend wasted on brand terms", []),
    ("Slow replies to Google reviews", ["Google"]),
    ("3.9 on Google, few replies", ["Google"]),
    ("Quelques avis Google négatifs", ["Google"]),
    ("Complaints on Trustpilot and TripAdvisor", ["Trustpilot", "Tripadvisor"]),
])
def test_review_sites_are_named_as_review_sites_only(weakness, sites):
    """A bare "Google" (Ads, Analytics) never starts a daily Google review rota."""
    from smmplan.community import review_sites

    b = example("fashion")
    b = b.model_copy(update={"situation": b.situation.model_copy(update={
        "weaknesses": [weakness], "threats": [], "strengths": [],
        "problems": b.situation.problems.model_copy(update={
            name: getattr(b.situation.problems, name).model_copy(update={"evidence": ""})
            for name in type(b.situation.problems).model_fields})})})
    assert review_sites(b) == sites


def test_a_shop_that_does_not_deliver_logs_no_delivery_complaint():
    """Fournil's review rota logs service complaints; Lune, which ships, delivery ones too."""
    from smmplan.plan import Plan
    from smmplan.views.community import crisis_playbook

    bakery = crisis_playbook(Plan(example("bakery"))).html()
    assert "Permanence des avis" in bakery  # the rota is there
    assert "réclamation sur le service" in bakery and "livraison ou de service" not in bakery
    fashion = crisis_playbook(Plan(example("fashion"))).html()
    assert "each delivery or service complaint" in fashion


def test_the_crisis_multiples_multiply_out_with_the_shown_baseline():
    """Old code (Maison Fournil): "plus de 9 ... (5,4 × la référence de 1,7)", 9 / 1,7 being
    5,3, and "17 ... (10,3 ×)" for 10,0: the multiples were of the unrounded 1,66."""
    unit, base, levels = crisis_triggers(1.66 / 7)
    assert unit == "week" and round(base, 1) == 1.7
    assert [m for _, m in levels] == [round(c / 1.7, 1) for c, _ in levels]
    assert levels[1:] == [(9, 5.3), (17, 10.0)]
