"""Chapter 6's note on the opening campaign around the new shops
(``openings_paid.campaign``): dates, money, where it comes from and the reach forecast."""

from __future__ import annotations

import datetime as dt

from ..new_shops import new_shops_phrase
from ..openings_paid import campaign, monthly_boost, rule
from ..paid_start import first_conversion_ad
from ..plan import Plan
from .base import day, platform_label


def opening_notes(plan: Plan) -> list[str]:
    """The campaign in words, or nothing when the plan has none."""
    tr, brief = plan.tr, plan.brief
    camp = campaign(brief, plan.paid)
    if camp is None:
        return []
    when = lambda key: day(tr, dt.date.fromisoformat(camp[key]))  # noqa: E731
    texts = {i["text"] for i in plan.channels.ideas if i["goal"] and i["date"] == camp["opening"]}
    posts = [s.date for s in plan.channels.slots if s.base_idea in texts and not s.ad_only]
    on = [s.date for s in plan.channels.slots if s.base_idea in texts and not s.ad_only
          and s.platform == camp["platform"]]  # the campaign's own platform's post first
    camp = camp | {"opening": min(on or posts, default=camp["opening"])}  # the day it goes out
    first_ad = first_conversion_ad(plan)  # paid_start.py: the one rule, said once
    before = first_ad is not None and camp["start"] < first_ad["day"]
    return [tr.t(
        "budget.opening_campaign", shops=new_shops_phrase(brief),
        platform=platform_label(camp["platform"]), amount=tr.money(camp["amount"]),
        awareness=tr.money(camp["awareness"]), start=when("start"), end=when("end"),
        opening=when("opening"), daily=tr.money(camp["daily"], 2),
        impressions=tr.number(camp["impressions"]), frequency=_frequency(plan, camp),
        before=tr.t("budget.opening_before", day=day(tr, dt.date.fromisoformat(first_ad["day"])))
        if before else "")
        + _boost(plan, camp)]


def _boost(plan: Plan, camp: dict) -> str:
    """The monthly neighbourhood boost after the campaign (``openings_paid.monthly_boost``),
    or ""."""
    tr = plan.tr
    boost = monthly_boost(plan.brief, plan.paid, camp)
    if boost is None:
        return ""
    return " " + tr.t("budget.opening_boost", rest=tr.money(boost["rest"]),
                      platform=platform_label(camp["platform"]),
                      monthly=tr.money(boost["monthly"]), months=tr.number(boost["months"]),
                      per_shop=tr.money(boost["per_shop"], 2), days=tr.number(boost["days"]),
                      daily=tr.money(boost["daily"], 2),
                      month=tr.month(dt.date.fromisoformat(camp["end"]))) \
        + _boost_focus(plan, boost)


def _frequency(plan: Plan, camp: dict) -> str:
    """The campaign's one reach forecast: the people its impressions reach and how often,
    against the minimum a reach ad needs (``openings_paid.focus``); below it over the whole
    neighbourhood, the narrower audience per shop the ads target and the people they reach
    there (the plan's figure), the neighbourhood's frequency only as the reason."""
    tr, f = plan.tr, camp["focus"]
    values = {"freq": tr.number(f["frequency"], 2), "min": tr.number(f["minimum"]),
              "source": rule()["min_frequency_source"], "reach": tr.number(camp["reach"]),
              "area": tr.number(camp["audience_per_shop"]),
              "platform": platform_label(camp["platform"]),
              "locations": tr.number(plan.brief.client.locations or 1)}
    if not f["people"]:
        return tr.t("budget.opening_frequency_ok", **values)
    return tr.t("budget.opening_frequency_low", people=tr.number(f["people_per_shop"]),
                audience=tr.number(f["people_per_shop"] * camp["shops"]),
                total=tr.number(f["people"]), **values)


def _boost_focus(plan: Plan, boost: dict) -> str:
    """The monthly ad's impressions and how many people they reach often enough, when that
    is fewer than its shop's neighbourhood ("" otherwise)."""
    tr, f = plan.tr, boost["focus"]
    if not f["people"]:
        return ""
    return tr.t("budget.opening_boost_focus", impressions=tr.number(boost["impressions"]),
                people=tr.number(f["people"]), min=tr.number(f["minimum"]))

