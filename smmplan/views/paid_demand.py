"""The paid forecast's note on how spend is phased by month, with the demand it follows and
where that demand comes from (``paid_demand.demand_index``, kept on ``Paid.demand``): the
client's ads history weighed against the sector's pattern, or the sector's pattern alone."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from babel.dates import format_date

from ..exports.ads import read_ads
from ..order_values import client_order_values
from ..plan import Plan
from ..sectors import demand_by_month

PEAK = 1.1  # a month of the sector's pattern at least this far above average is a peak


def demand_source(plan: Plan) -> str:
    """Which demand by month the phasing follows, and for the sector's peak months what the
    client's history, the sector and the weighted figure each say."""
    tr = plan.tr
    demand = plan.paid.demand
    if demand.basis != "history":
        return tr.t("budget.demand_source_sector")
    sector = demand_by_month(plan.brief.client.sector_kind)
    peaks = [m for m in sorted(sector) if sector[m] >= PEAK and m in demand.own] or \
        [max(demand.index, key=demand.index.get)]
    months = [tr.t("budget.demand_source_month",
                   month=format_date(dt.date(2000, m, 1), "MMMM", locale=tr.locale),
                   own=tr.number(demand.own.get(m, 1.0), 2), sector=tr.number(sector[m], 2),
                   used=tr.number(demand.index[m], 2)) for m in peaks]
    return tr.t("budget.demand_source_history",
                first=tr.month(pd.Timestamp(demand.first).date()),
                last=tr.month(pd.Timestamp(demand.last).date()),
                years=tr.number(demand.sector_years), months=tr.join(months))


def peak_notes(plan: Plan) -> list[str]:
    """For each of the sector's peak months the plan spends in, when it gets visibly less
    than the sector's pattern alone would give it (the client's history pulls it down):
    its share of an average month's spend and what the client's history says of its
    demand and order value; and when a month where ad views cost less forecasts more
    conversions, the cost of an ad view then against that month's (the forecast's own
    figures)."""
    tr, demand = plan.tr, plan.paid.demand
    rows = pd.DataFrame(plan.paid.monthly)
    if demand.basis != "history" or rows.empty:
        return []
    by = rows.groupby("month")[["spend", "impressions", "conversions"]].sum()
    by = by[by["spend"] > 0]
    sector = demand_by_month(plan.brief.client.sector_kind)
    basket = client_order_values(read_ads(plan.brief)) or {}
    view = by["spend"] / by["impressions"]  # what an ad view costs each month
    out = []
    for month, r in by.iterrows():
        m = pd.Timestamp(month).month
        share = r["spend"] / by["spend"].mean()
        if sector[m] < PEAK or m not in demand.own or share >= sector[m] - 0.05:
            continue
        name = format_date(dt.date(2000, m, 1), "MMMM", locale=tr.locale)
        out.append(tr.t("budget.demand_peak_below", month=name, share=tr.number(share, 2),
                        sector=tr.number(sector[m], 2), own=tr.number(demand.own[m], 2),
                        basket=tr.number(basket.get(m, 1.0), 2),
                        years=tr.number(demand.sector_years)))
        cheaper = by[(view < view[month] / 1.05) & (by["conversions"] > r["conversions"])]
        if len(cheaper):  # the month of most conversions among those where views cost less
            best = cheaper["conversions"].idxmax()
            cost = view[month] / view[best]
            out.append(tr.t("budget.demand_peak_conversions", month=name,
                            conversions=tr.number(r["conversions"], 0),
                            best=tr.month(pd.Timestamp(best).date()),
                            best_conversions=tr.number(by.loc[best, "conversions"], 0),
                            cpm=tr.number(cost, 1)))
    return [t[:1].upper() + t[1:] for t in out]


def forecast_note(plan: Plan) -> str:
    """How spend is phased by month, the demand source it follows, and why a peak month of
    the sector gets less than the sector's pattern alone would give it (``peak_notes``)."""
    return " ".join([plan.tr.t("budget.forecast_note", source=demand_source(plan)),
                     *peak_notes(plan)])
