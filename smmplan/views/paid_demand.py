"""The paid forecast's note on how spend is phased by month, with the demand it follows and
where that demand comes from (``paid_demand.demand_index``): the client's ads history
weighed against the sector's pattern, or the sector's pattern alone."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from babel.dates import format_date

from ..paid_demand import demand_index
from ..plan import Plan
from ..sectors import demand_by_month

PEAK = 1.1  # a month of the sector's pattern at least this far above average is a peak


def demand_source(plan: Plan) -> str:
    """Which demand by month the phasing follows, and for the sector's peak months what the
    client's history, the sector and the weighted figure each say."""
    tr = plan.tr
    demand = demand_index(plan.brief)
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


def forecast_note(plan: Plan) -> str:
    """How spend is phased by month, and the demand source it follows."""
    return plan.tr.t("budget.forecast_note", source=demand_source(plan))
