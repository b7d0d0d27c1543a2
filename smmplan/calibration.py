"""What the client's own ads history bought, per platform, and the response curve that
passes through it.

From the ads export (``exports.ads``): spend, impressions, clicks, conversions (and
revenue, reach and the reporting period when the export has them), summed per platform;
rates (CPM, CTR, CVR) with 90 % bootstrap intervals over the export's rows; the months the
history covers, its monthly spend (and the highest month), the audience its impressions
were drawn from and the conversions' bootstrap interval.

The curve (``Calibration``): conversions of a month = lift × C × (1 − exp(−I / C)) × CTR ×
CVR, where I is the month's impressions and C the month's useful-impression capacity. C is
the history's effective audience × the effective frequency (the audience solving
reach = A × (1 − exp(−impressions / A)) month by month, all rows included, awareness ones
too, the median month's, but never less than the most people the history reached in one
month; when the export has reach; else the market estimate, never so small that the
history's own month would be more than half way to saturation). ``lift`` makes the curve
pass exactly through the history's monthly conversions at its monthly spend; beyond the
observed range, returns diminish along the same curve, and a planned month above twice the
highest observed month is extrapolation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .benchmarks import Range
from .brief import Brief
from .exports.ads import ads_breakdowns, conversion_rows, read_ads, retargeting_rows
from .jsondata import as_data

LN2 = math.log(2)
EXTRAPOLATION = 2.0  # a planned month above this multiple of the highest observed month


def rates(totals: np.ndarray) -> np.ndarray:
    """CPM, CTR (%) and CVR (%) from summed spend, impressions, clicks, conversions (the
    first axis; more axes are resamples)."""
    spend, impressions, clicks, conversions = totals
    return np.array([spend / impressions * 1000, clicks / impressions * 100,
                     conversions / clicks * 100])


def effective_audience(impressions: float, reach: float) -> float | None:
    """The people a month's impressions were drawn from: A solving
    reach = A × (1 − exp(−impressions / A)); None when reach says nothing (missing, or not
    below the impressions)."""
    if not reach or reach <= 0 or impressions <= reach:
        return None
    q = reach / impressions  # (1 - exp(-x)) / x = q, decreasing in x from 1 to 0
    lo, hi = 1e-9, max(2.0 / q, 1.0)
    for _ in range(100):  # bisection: the ratio is monotone
        mid = (lo + hi) / 2
        if -math.expm1(-mid) / mid > q:
            lo = mid
        else:
            hi = mid
    return impressions / ((lo + hi) / 2)


@dataclass
class PlatformHistory:
    """One platform's ads history."""

    rows: int
    spend: float
    impressions: float
    clicks: float
    conversions: float
    revenue: float | None
    months: float  # months the history covers
    dated: bool  # False: the export has no reporting period (months assumed)
    max_monthly_spend: float
    audience: float | None  # effective audience of a month (median), from reach, at least
    #                        the most people reached in one month
    month_starts: list[str] = field(default_factory=list)
    rates: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # lo, mid, hi
    conversions_interval: tuple[float, float] = (0.0, 0.0)  # 90 % bootstrap, total
    awareness_rows: int = 0  # rows bought for awareness: reach only, not in the rates
    awareness_spend: float = 0.0
    audience_source: str = "median"  # or "reached": the most people reached in one month
    audience_month: str | None = None  # that month (first day), when it sets the audience
    retargeting: dict | None = None  # the retargeting rows' totals (a capped pool): rows,
    #   spend, impressions, clicks, conversions, revenue; the rates and the curve's point
    #   are the other (prospecting) rows'

    @property
    def monthly_spend(self) -> float:
        return self.spend / self.months

    @property
    def curve_impressions(self) -> float:
        """The impressions the curve is fitted on: the prospecting rows' (all, without a
        retargeting pool)."""
        return self.impressions - (self.retargeting or {}).get("impressions", 0.0)

    @property
    def value(self) -> float | None:
        """Revenue per conversion in the history (the export's conversion value)."""
        return self.revenue / self.conversions if self.revenue and self.conversions else None


def platform_histories(frame: pd.DataFrame, plan_months: int, seed: int
                       ) -> dict[str, PlatformHistory | str]:
    """Each platform's history from an ads frame (``exports.ads.ads_frame``); a platform
    whose rows cannot be fitted gets the reason instead (``no_spend``, ``no_clicks``).
    Rows bought for awareness (``exports.ads.conversion_rows``) count for the audience the
    history reached, never in its rates, conversions or revenue."""
    rng = np.random.default_rng(seed % 2**31)
    out: dict[str, PlatformHistory | str] = {}
    dated = "start" in frame and frame["start"].notna().any()
    for platform, every in frame.groupby("platform"):
        rows = conversion_rows(every)
        if rows.empty:
            rows = every  # an awareness-only platform: its rates are all it has
        if rows["impressions"].sum() <= 0 or rows["spend"].sum() <= 0:
            out[platform] = "no_spend"
            continue
        if rows["clicks"].sum() <= 0:
            out[platform] = "no_clicks"
            continue
        whole, pool = rows, retargeting_rows(rows)
        pool_sums = None
        if pool.any() and not pool.all() and rows[~pool]["clicks"].sum() > 0:
            pool_sums = rows[pool][["spend", "impressions", "clicks", "conversions"]] \
                .to_numpy(float).sum(axis=0)
            pool_revenue = float(rows[pool]["revenue"].sum()) if "revenue" in rows else None
            pool_rows, rows = int(pool.sum()), rows[~pool]
        sums = rows[["spend", "impressions", "clicks", "conversions"]].to_numpy(float)
        point = rates(sums.sum(axis=0))
        # 200 bootstrap resamples of the rows at once: (200, rows) indices -> summed columns
        picks = rng.integers(0, len(rows), (200, len(rows)))
        resampled = sums[picks].sum(axis=1).T
        with np.errstate(divide="ignore", invalid="ignore"):
            boots = rates(resampled).T
        lo, hi = np.nanpercentile(boots, 5, axis=0), np.nanpercentile(boots, 95, axis=0)
        conv_lo, conv_hi = np.percentile(resampled[3], [5, 95])
        months, starts, max_month, audience = float(plan_months), [], None, None
        source: tuple[str, str | None] = ("median", None)
        here = dated and whole["start"].notna().any()
        if here:
            start = whole["start"].min()
            if "end" in whole and whole["end"].notna().any():
                end = whole["end"].max()
            else:  # a start date per row: the last row's month is covered to its end
                end = whole["start"].max() + pd.offsets.MonthEnd(0)
            by_month = whole.groupby(whole["start"].dt.to_period("M"))
            months = max(1.0, ((end - start).days + 1) / 30.44)
            starts = [str(p.start_time.date()) for p in by_month.groups]
            max_month = float(by_month["spend"].sum().max())
            if "reach" in every and every["reach"].notna().any():
                reached = every.groupby(every["start"].dt.to_period("M"))
                found = [effective_audience(float(g["impressions"].sum()),
                                            float(g["reach"].sum())) for _, g in reached]
                found = [a for a in found if a]
                audience = float(np.median(found)) if found else None
                reach = reached["reach"].sum()  # the most people reached in one month
                if audience and reach.max() > audience:
                    audience, most = float(reach.max()), reach.idxmax()
                    source = ("reached", str(most.start_time.date()))
        elif "reach" in every and every["reach"].notna().any():
            audience = effective_audience(float(every["impressions"].sum()) / months,
                                          float(every["reach"].sum()) / months)
        revenue = float(rows["revenue"].sum()) if "revenue" in rows else None
        history = PlatformHistory(
            len(rows), *map(float, sums.sum(axis=0)), revenue, months, bool(here),
            max_month if max_month is not None else float(whole["spend"].sum()) / months,
            audience, starts)
        history.rates = {name: (float(lo[i]), float(point[i]), float(hi[i]))
                         for i, name in enumerate(("cpm", "ctr", "cvr"))}
        history.conversions_interval = (float(conv_lo), float(conv_hi))
        history.awareness_rows = len(every) - len(whole)
        history.awareness_spend = float(every["spend"].sum() - whole["spend"].sum())
        history.audience_source, history.audience_month = source
        if pool_sums is not None:  # the history's totals hold both; the rates prospecting's
            history.retargeting = {"rows": pool_rows, **dict(zip(
                ("spend", "impressions", "clicks", "conversions"), map(float, pool_sums),
                strict=True)),
                "revenue": pool_revenue}
            history.rows += pool_rows
            history.spend += float(pool_sums[0])
            history.impressions += float(pool_sums[1])
            history.clicks += float(pool_sums[2])
            history.conversions += float(pool_sums[3])
            if history.revenue is not None and pool_revenue is not None:
                history.revenue += pool_revenue
            history.conversions_interval = tuple(v + float(pool_sums[3]) for v in
                                                 history.conversions_interval)
        out[platform] = history
    return out


def read_histories(brief: Brief) -> tuple[str, dict, dict[str, PlatformHistory | str]] | None:
    """The brief's ads export as (file name, columns used, histories per platform)."""
    frame = read_ads(brief)
    if frame is None:
        return None
    return (brief.resolve(brief.data.ads.path).name, frame.attrs["columns"],
            platform_histories(frame, brief.client.period.months, brief.random_seed()))


@dataclass
class Calibration:
    """A platform's curve set on its history (see the module doc)."""

    monthly_capacity: float  # useful impressions a month
    lift: float
    audience_basis: str  # "history" (from reach) or "market"

    def to_json(self) -> dict:
        return {"monthly_capacity": round(self.monthly_capacity), "lift": round(self.lift, 4),
                "audience_basis": self.audience_basis}


def calibrate(history: PlatformHistory, market_audience: float, frequency: float
              ) -> Calibration:
    """The capacity and lift that put the curve through the history's monthly point."""
    monthly_impressions = history.curve_impressions / history.months
    if history.audience:  # what the history's reach says
        capacity = history.audience * frequency
    else:  # the market estimate, never so small that the history was past half-way
        capacity = max(market_audience * frequency, monthly_impressions / LN2)
    u = monthly_impressions / capacity
    lift = u / -math.expm1(-u) if u > 0 else 1.0
    return Calibration(capacity, lift, "history" if history.audience else "market")


def history_json(found, histories: dict, rate_note: str, brief: Brief | None = None
                  ) -> dict | None:
    """The ads export's fit for plan.json: per platform its rows, totals and rates, or why
    it could not be fitted; with ``brief``, also its cost per result by breakdown value
    (``exports.ads.ads_breakdowns``), rows set aside without spend, where the platform came
    from and the currency conversion."""
    if not found:
        return None
    extra = {}
    frame = read_ads(brief) if brief is not None else None
    if frame is not None:
        table = ads_breakdowns(frame).round(4).astype(object)
        extra = {"breakdowns": table.where(table.notna(), None).to_dict("records"),
                 "zero_spend": frame.attrs.get("zero_spend", 0),
                 "platform_source": frame.attrs.get("platform_source"),
                 "currency": frame.attrs.get("currency")}
    platforms = {}
    for p, h in histories.items():
        if isinstance(h, str):
            platforms[p] = {"rows": 0, "note": h}
            continue
        platforms[p] = {"rows": h.rows, "spend": h.spend, "conversions": h.conversions,
                        "revenue": h.revenue, "months": round(h.months, 2),
                        "max_monthly_spend": round(h.max_monthly_spend, 2),
                        "audience": round(h.audience) if h.audience else None,
                        **{k: as_data(Range(*h.rates[k], [found[0]], "history"))
                           for k in ("cpm", "ctr", "cvr")}}
    return {"file": found[0], "columns": found[1], "platforms": platforms,
            "currency_note": rate_note, **extra}
