"""A dated paid campaign around the opening of the brief's new shops: when a goal is about
new shops (``new_shops.new_shops_phrase``) and the sector's playbook has a lever of small
radius ads for openings (a lever with ``openings: true``), reach ads run around each new
shop from a few days before the opening post to a few weeks after it (data/paid.yaml
``opening_campaign``). Their money is part of the awareness budget of the paid platform
with the most awareness spend, moved to the campaign's weeks; their reach is forecast on
each new shop's neighbourhood: the reachable audience of the client's area
(``reach.reachable_audience``) shared between its shops."""

from __future__ import annotations

import copy
import datetime as dt
import math

import pandas as pd

from .benchmarks import season_factors
from .brief import Brief
from .catalogue import paid_facts
from .new_shops import new_shops, new_shops_phrase, opening_date
from .reach import reachable_audience
from .sectors import playbook


def rule() -> dict:
    return paid_facts()["opening_campaign"]


def applies(brief: Brief) -> bool:
    """A goal about new shops and a sector lever for openings (module docstring)."""
    return bool(new_shops_phrase(brief)) and any(
        lever.get("openings") for lever in playbook(brief.client.sector_kind)["levers"])


def window(brief: Brief) -> tuple[dt.date, dt.date, dt.date] | None:
    """The opening date and the campaign's first and last day, within the plan."""
    opening = opening_date(brief)
    if opening is None:
        return None
    p = brief.client.period
    return (opening, max(p.start, opening - dt.timedelta(days=rule()["days_before"])),
            min(p.end, opening + dt.timedelta(days=rule()["days_after"])))


def campaign(brief: Brief, paid) -> dict | None:
    """The opening campaign: dates, platform, amount, new shops, each shop's neighbourhood
    audience, impressions and reach; None when it does not apply or no platform has
    awareness spend."""
    if not applies(brief):
        return None
    dates = window(brief)
    aware = [c for c in paid.channels if c.awareness_spend > 0]
    if dates is None or not aware:
        return None
    opening, start, end = dates
    days = (end - start).days + 1
    ch = max(aware, key=lambda c: c.awareness_spend)
    shops = new_shops(brief)
    amount = round(min(rule()["daily_usd"] * paid.rate * days * shops,
                       ch.awareness_spend * rule()["max_share"] / 100), 2)
    model = next(m for m in paid.models if m["platform"] == ch.platform)
    season = float(season_factors(ch.platform, [pd.Timestamp(opening)])[0])
    impressions = amount / (model["cpm"]["mid"] * season) * 1000
    area = reachable_audience(brief, ch.platform, None) / max(1, brief.client.locations or 1)
    reach = shops * area * -math.expm1(-impressions / shops / area)
    return {"platform": ch.platform, "opening": opening.isoformat(),
            "start": start.isoformat(), "end": end.isoformat(), "days": days,
            "shops": shops, "amount": amount, "daily": round(amount / days, 2),
            "audience_per_shop": round(area), "impressions": round(impressions),
            "reach": round(reach), "awareness": round(ch.awareness_spend, 2),
            "focus": focus(impressions, shops, area)}


def focus(impressions: float, shops: int, area: float) -> dict:
    """How often ``impressions`` shared between ``shops`` neighbourhoods of ``area`` people
    reach each person reached, against ``min_frequency`` (data/paid.yaml
    ``opening_campaign``): {frequency, minimum, people_per_shop, people}; below the
    minimum, ``people_per_shop`` is the audience per shop the same impressions reach that
    often (x / (1 - e^-x) = minimum, x the impressions per person of that audience) and
    ``people`` the people they then reach (impressions / minimum); 0 otherwise."""
    low = float(rule()["min_frequency"])
    reach = shops * area * -math.expm1(-impressions / shops / area) if area > 0 else 0.0
    freq = impressions / reach if reach > 0 else 0.0
    out = {"frequency": round(freq, 2), "minimum": low, "people_per_shop": 0, "people": 0}
    if 0 < freq < low:
        lo, hi = 1e-9, 4 * low  # x / (1 - e^-x) grows from 1 and passes x
        for _ in range(60):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if mid / -math.expm1(-mid) < low else (lo, mid)
        out |= {"people_per_shop": round(impressions / shops / lo),
                "people": round(impressions / low)}
    return out


def monthly_boost(brief: Brief, paid, camp: dict) -> dict | None:
    """After the campaign: the rest of its platform's awareness budget as one small reach
    ad per new shop each month, run for ``min_days`` days (data/paid.yaml
    ``opening_campaign``): {rest, months, monthly, per_shop, days, daily}; None when a
    shop's month buys less than ``min_days`` days at the lowest daily budget."""
    rest = camp["awareness"] - camp["amount"]
    last = dt.date.fromisoformat(camp["end"]).replace(day=1)
    months = [m for m in brief.client.period.month_starts if m > last]
    if rest <= 0 or not months:
        return None
    per_shop = rest / len(months) / camp["shops"]
    days = int(rule()["min_days"])
    if per_shop / days < rule()["min_daily_usd"] * paid.rate:
        return None
    cpm = camp["amount"] / camp["impressions"] * 1000 if camp["impressions"] else 0.0
    seen = per_shop / cpm * 1000 if cpm else 0.0  # at the campaign's cost per impression
    return {"rest": round(rest, 2), "months": len(months),
            "monthly": round(rest / len(months), 2), "per_shop": round(per_shop, 2),
            "days": days, "daily": round(per_shop / days, 2), "impressions": round(seen),
            "focus": focus(seen, 1, camp["audience_per_shop"])}


def with_opening(brief: Brief, paid):
    """``paid`` with the opening campaign's money moved, in its monthly rows, from the
    platform's other months (pro rata to their spend: awareness money, so their conversions
    stay) to the campaign's days; the row of each campaign month says how much is the
    campaign's (``opening``). Totals per platform are unchanged."""
    camp = campaign(brief, paid)
    if camp is None:
        return paid
    start, end = dt.date.fromisoformat(camp["start"]), dt.date.fromisoformat(camp["end"])
    days_in: dict[str, int] = {}
    day = start
    while day <= end:
        key = day.replace(day=1).isoformat()
        days_in[key] = days_in.get(key, 0) + 1
        day += dt.timedelta(days=1)
    rows = [r for r in paid.monthly if r["platform"] == camp["platform"]]
    spent = sum(r["spend"] for r in rows)
    if spent <= 0:
        return paid
    cpm = camp["amount"] / camp["impressions"] * 1000 if camp["impressions"] else 0.0
    monthly = copy.deepcopy(paid.monthly)
    for r in monthly:
        if r["platform"] != camp["platform"]:
            continue
        cut = camp["amount"] * r["spend"] / spent
        if r["spend"] > 0:
            r["impressions"] = round(float(r["impressions"] * (1 - cut / r["spend"])), 1)
        r["spend"] = round(float(r["spend"] - cut), 2)
        share = days_in.get(r["month"][:10], 0) / camp["days"]
        if share:
            added = round(camp["amount"] * share, 2)
            r["spend"] = round(r["spend"] + added, 2)
            r["impressions"] = round(r["impressions"] + (added / cpm * 1000 if cpm else 0), 1)
            r["opening"] = added
    mine = [r for r in monthly if r["platform"] == camp["platform"]]
    biggest = max((r for r in mine if not r.get("opening")), key=lambda r: r["spend"],
                  default=mine[0])  # rounding: the platform's total is kept
    biggest["spend"] = round(float(biggest["spend"] + spent - sum(r["spend"] for r in mine)),
                             2)
    boost = monthly_boost(brief, paid, camp)
    if boost is not None:  # the months of the neighbourhood boost (``boost_ads``): the rows
        # say which month's awareness money runs it, for the calendar to mark its posts
        last = dt.date.fromisoformat(camp["end"]).replace(day=1).isoformat()
        for r in mine:
            if r["month"][:10] > last:
                r["boost"] = boost["per_shop"]
    paid.monthly = monthly
    return paid


def opening_ads(slots: list, moments: list, brief: Brief, monthly: list[dict] | None, tr,
                register: str = "vous", formats: dict[str, list[str]] | None = None) -> list:
    """The campaign's sponsored creative in the calendar: one ad-only creative, run as one ad
    per new shop (each cut on its own shop, in its own radius), dated the campaign's first day
    on its platform, carrying the opening post's idea (the goal's idea dated the opening),
    in the platform's first format the "What to sponsor" table sponsors (``formats``, best
    first; a photo without one); added to ``slots``, which stay sorted."""
    from .boost_ads import ad_format
    from .calendar_slots import Slot
    from .ideas import give

    rows = [r for r in monthly or [] if r.get("opening")]
    dates = window(brief)
    if not rows or dates is None:
        return []
    opening, start, _ = dates
    idea = next((i for i in moments if i.goal and i.date == opening.isoformat()), None)
    if idea is None:
        return []
    platform = rows[0]["platform"]
    times = sorted(s.time for s in slots if s.platform == platform)
    shops, end = new_shops(brief), dates[2]
    ad = Slot(start.isoformat(), times[0] if times else "08:00", platform, idea.pillar,
              ad_format("photo", (formats or {}).get(platform)), True)
    give(ad, idea, tr, register)
    when = {"start": tr.date(start, "d MMMM"), "end": tr.date(end, "d MMMM")}
    ad.ad_only = True
    ad.adaptation = tr.t("budget.opening_ads" if shops > 1 else "budget.opening_ad",
                         shops=shops, **when)
    ads = [ad]
    slots.extend(ads)
    slots.sort(key=lambda s: (s.date, s.time, s.platform, s.ad_only))
    return ads


def without_opening(monthly: list[dict] | None) -> list[dict] | None:
    """The monthly rows less the opening campaign's money (its own ads carry it): what the
    calendar's other sponsored posts follow."""
    if not monthly:
        return monthly
    return [{**r, "spend": round(r["spend"] - r.get("opening", 0.0), 2)} for r in monthly]
