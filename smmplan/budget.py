"""Paid campaigns: benchmarks, response curves (or rates fitted from an ads export),
the optimal split of the budget, scenarios, forecasts and what to sponsor.

Chain (no history): impressions = spend / CPM x 1000; clicks = impressions x CTR;
conversions = clicks x CVR. Returns diminish because a platform's reachable audience is
finite: useful impressions = A_f x (1 - exp(-impressions / A_f)), where A_f is the
reachable audience times an effective frequency (data/paid.yaml). So at low spend the
curve follows the benchmark chain exactly, and it flattens as the audience saturates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

import numpy as np
import pandas as pd

from . import b2b_paid, contract_value, lead_gate
from . import benchmarks as bm
from . import budget_sweep as bs
from . import conversion_cost as cc
from . import history_fit as hf
from . import paid_months as pm
from . import paid_value as pv
from . import target_spend as ts
from . import trial_test as tt
from .awareness_target import aware_upper, awareness_share
from .benchmarks import Range, benchmark_rows, platform_benchmarks, season_factors  # noqa: F401
from .brief import Brief
from .calibration import (
    EXTRAPOLATION,
    PlatformHistory,
    calibrate,
    history_json,
    read_histories,
)
from .catalogue import paid_facts  # noqa: F401 (re-exported)
from .client_web import client_cvr_range, web_export
from .currency import usd_rate as dated_usd_rate
from .errors import DataError
from .exports.posts import read_posts
from .growth_track import with_reserve
from .jsondata import as_data
from .lead_bound import largest_within, lead_bound, paid_cap
from .metrics import RANKING_KPI, by_group, frame_metric
from .openings_paid import with_opening
from .optimiser import Allocation, AllocationError, allocate, can_place, saturation
from .order_values import order_value_index
from .paid_demand import demand_index
from .paid_model import ChannelPlan, Paid
from .reach import reachable_audience
from .retargeting import pool_json, pooled
from .sector_defaults import sector_sponsor
from .split_reference import equal_split as equal_split_of
from .target_stops import low_values

SCENARIOS = ("low", "mid", "high")



def usd_rate(brief: Brief) -> tuple[float, str]:
    """Units of the plan currency per US dollar, and where the rate comes from ("" in a
    US dollar plan: nothing is converted): the brief, else ``data/paid.yaml``'s table, else
    ``currency.usd_rate`` (dated ECB reference rates, then ``data/currency_rates.yaml``).
    ``DataError`` naming the field when none has it."""
    paid = brief.budget.paid
    if brief.client.currency == "USD" and not paid.usd_rate:
        return 1.0, ""
    if paid.usd_rate:
        return paid.usd_rate, "brief"
    facts = paid_facts()["currency_rates"]
    currency = brief.client.currency
    if currency in facts["per_usd"]:
        source = facts["source"]
        return facts["per_usd"][currency], source if facts["date"] in source else \
            f"{source}, {facts['date']}"
    try:
        rate, day, source = dated_usd_rate(currency)
    except DataError as exc:
        raise DataError(f"{brief.source}: budget.paid.usd_rate: {exc}") from None
    return rate, source if day in source else f"{source}, {day}"


@dataclass
class ChannelModel:
    """One platform's rates, audience and response curve."""

    platform: str
    cpm: Range
    ctr: Range
    cvr: Range
    audience: float  # reachable people
    frequency: float
    season: float  # mean CPM factor of the plan's months (against the history's, if any)
    min: float | None = None
    max: float | None = None
    fixed: float | None = None
    periods: float = 1.0  # months the spend is spread over: the capacity renews each month
    lift: float = 1.0  # calibration on the history (``calibration.calibrate``)
    monthly_capacity: float | None = None  # useful impressions a month (audience x frequency)
    value: float | None = None  # value of one conversion on this platform (its history)
    demand: float = 1.0  # the sector's demand over the plan's months (against the history's)
    gate: float | None = None  # a lead_gate test: its conversion spend, awareness apart

    @property
    def capacity(self) -> float:
        """Useful impressions over the spend's months."""
        return (self.monthly_capacity or self.audience * self.frequency) * self.periods

    def rates(self, scenario: str = "mid") -> tuple[float, float, float]:
        """(CPM, CTR, CVR) of a scenario: low = pessimistic (high CPM, low CTR and CVR)."""
        if scenario == "low":
            return self.cpm.high, self.ctr.low / 100, self.cvr.low / 100
        if scenario == "high":
            return self.cpm.low, self.ctr.high / 100, self.cvr.high / 100
        return self.cpm.mid, self.ctr.mid / 100, self.cvr.mid / 100

    def chain(self, spend: np.ndarray | float, scenario: str = "mid") -> dict[str, np.ndarray]:
        """Impressions, reach, clicks and conversions for a spend."""
        cpm, ctr, cvr = self.rates(scenario)
        spend = np.asarray(spend, dtype=float)
        impressions = spend / (cpm * self.season) * 1000
        reach = self.audience * -np.expm1(-impressions / self.audience)
        capacity = self.capacity
        useful = capacity * -np.expm1(-impressions / capacity)
        clicks = useful * ctr * self.lift
        return {"impressions": impressions, "reach": reach, "clicks": clicks,
                "conversions": clicks * cvr * self.demand}

    def curve(self, scenario: str = "mid"):
        """Conversions as a function of spend (a saturation curve, see the module doc)."""
        cpm, ctr, cvr = self.rates(scenario)
        capacity = self.capacity
        return partial(saturation, top=capacity * ctr * cvr * self.lift * self.demand,
                       scale=capacity * cpm * self.season / 1000)

    def reach_curve(self, scenario: str = "mid"):
        cpm, _, _ = self.rates(scenario)
        return partial(saturation, top=self.audience, scale=self.audience * cpm * self.season
                       / 1000)


def _sponsor(brief: Brief) -> list[dict]:
    """Content types to put paid support behind: the post history's best engagement rate
    by content type (when a post export is given), else the sector playbook's list."""
    out = []
    posts = read_posts(brief)
    if posts is not None and (posts["content_type"] != "").any():
        overall = frame_metric(posts, RANKING_KPI)
        for _, row in by_group(posts, "content_type", RANKING_KPI).iterrows():
            out.append({"content_type": str(row["content_type"]), "posts": int(row["posts"]),
                        "engagement_rate": round(float(row["rate"]), 2),
                        "index": round(float(row["rate"] / overall), 2),
                        "sponsor": bool(row["rate"] >= overall and row["posts"] >= 5),
                        "basis": "history"})
    if not out:  # no history: the sector playbook's content types
        out = [{"content_type": kind, "posts": 0, "engagement_rate": None, "index": None,
                "sponsor": True, "basis": "rule"}
               for kind in sector_sponsor(brief.client.sector_kind)]
    return out


def conversion_kind(brief: Brief) -> str:
    """What one conversion is: the brief's ``budget.paid.conversion``, else a lead when
    only some conversions become sales, else a purchase."""
    paid = brief.budget.paid
    return paid.conversion or ("lead" if paid.sale_rate < 100 else "purchase")


def plan_paid(brief: Brief, targets: list[dict] | None = None) -> Paid:
    """The paid-media chapter's results. ``targets`` (id, share, per-platform reach index,
    value index) splits each platform's forecast across the targets."""
    settings = brief.budget.paid
    envelope = brief.budget.paid_media
    if envelope <= 0:
        raise DataError(f"{brief.source}: budget.paid_media: must be positive to plan paid "
                        "campaigns (got 0)")
    rate, rate_source = usd_rate(brief)
    found = read_histories(brief)
    histories = found[2] if found else {}
    fitted = {p: h for p, h in histories.items() if isinstance(h, PlatformHistory)}
    valued = [h for h in fitted.values() if h.value]  # the client's own value first
    kind = conversion_kind(brief)
    worth = pv.conversion_value(brief, sum(h.revenue for h in valued) / sum(
        h.conversions for h in valued) if valued and not settings.books else None, kind)
    aov, aov_basis, margin = worth.value, worth.basis, worth.margin
    if settings.objective in ("revenue", "profit") and aov is None:
        raise DataError(f"{brief.source}: offer[].average_order_value: needed for the "
                        f"{settings.objective} objective (budget.paid.objective)")
    if settings.objective == "profit" and margin is None:
        raise DataError(f"{brief.source}: offer[].gross_margin: needed for the profit "
                        "objective")
    all_months = [pd.Timestamp(m) for m in brief.client.period.month_starts]
    months = pm.active_months(brief, all_months)  # none in the roll-out's set-up months
    wanted = dict(settings.channels) or {c.platform: None for c in brief.situation.channels}
    facts = paid_facts()["audience"]
    seasonal = demand_index(brief)  # the client's demand by month, else the sector's
    demand = seasonal.index
    ov_index, ov_basis = order_value_index(brief)  # order value by month, the client's first
    if aov_basis == "offer":  # a booked offer's price does not follow the basket's months
        ov_index, ov_basis = dict.fromkeys(ov_index, 1.0), "offer"
    ov = sum(demand[m.month] * ov_index[m.month] for m in months) / sum(demand[m.month]
                                                                       for m in months)
    aov = aov * ov if aov and aov_basis == "brief" else aov  # the plan months' mean basket
    web, web_name, counted = web_export(brief)
    client_cvr = client_cvr_range(web, web_name)
    source_cvr = pv.web_cvr_by_platform(web, web_name)
    pooled_paid, set_aside = (source_cvr.get(None) or {}).get("paid"), {}
    models, excluded, calibrations = [], [], {}
    b2b = b2b_paid.applies(brief, kind)
    lead_values = b2b_paid.plan_lead_values(brief, ov, margin) \
        if b2b and aov_basis == "brief" else {}
    consumer: list[str] = []  # B2B lead goal: ranked on pessimistic consumer rates
    on_trial = ts.trial_platforms(brief, set(fitted))  # test shares (target_spend.trial_min)
    gated = lead_gate.gated_platforms(brief, lead_values, wanted)  # leads not tied: a test
    forms: dict[str, dict] = {}  # lead gen forms: the site's rate they replace, the costs
    for platform, spec in wanted.items():
        bench = platform_benchmarks(platform, rate, kind, brief.client.sector_kind)
        history = fitted.get(platform)
        rates = {}
        for metric in ("cpm", "ctr", "cvr"):
            override = getattr(spec, metric, None) if spec else None
            if override is not None:
                rates[metric] = Range(override, override, override, ["brief"], "brief")
            elif history is not None:
                lo, mid, hi = history.rates[metric]
                rates[metric] = Range(lo, mid, hi, [found[0]], "history")
            elif metric == "cvr" and (web := pv.paid_click_cvr(
                    source_cvr.get(platform), pooled_paid, client_cvr, bench.get("cvr")))[0]:
                rates[metric], set_aside[platform] = web
            elif metric == "cvr" and b2b and (lead := b2b_paid.lead_cvr(platform)):
                rates[metric] = lead
            elif metric in bench:
                rates[metric] = bench[metric]
        missing = [m for m in ("cpm", "ctr", "cvr") if m not in rates] + (
            ["cvr"] if b2b and b2b_paid.consumer_cvr(rates.get("cvr")) else [])
        if missing:
            excluded.append({"platform": platform, "reason": "no_benchmark",
                             "missing": missing})
            continue
        rates = bm.spread_single_figures(rates)  # one published figure: half to double
        if bm.ceiling_applies(rates["cvr"], brief.client.sector_kind, kind, aov):
            rates["cvr"] = bm.below_ceiling(rates["cvr"])  # free forms for a paid booking
        if b2b and b2b_paid.consumer_rated(rates):  # ranked on its pessimistic rates
            rates, consumer = b2b_paid.pessimistic(rates), [*consumer, platform]
        market = reachable_audience(brief, platform, spec.audience if spec else None)
        season = float(np.mean(season_factors(platform, months, settings.seasonality)))
        if b2b and history is None and getattr(spec, "cvr", None) is None and (
                form := b2b_paid.lead_form_rates(platform, rates, season, rate)):
            cpl = b2b_paid.published_cpl(platform, rate) or {}
            forms[platform] = {"site": {k: float(getattr(rates["cvr"], k)) for k in (
                "low", "mid", "high")} if "cvr" in rates else None,
                               "cpl": {k: cpl[k] for k in ("low", "mid", "high")}}
            rates.update(form)  # the lead never visits the site: the forms' own cost
            if platform in lead_values and (q := b2b_paid.form_qualification()):
                lead_values[platform] = b2b_paid.qualified(lead_values[platform], q["rate"])
        model = ChannelModel(
            platform, rates["cpm"], rates["ctr"], rates["cvr"], market,
            facts["effective_frequency"], season, max=spec.max if spec else None,
            min=spec.min if spec else ts.trial_min(brief, platform, envelope, on_trial,
                                                 pv.break_even_per_conversion(aov, margin)),
            fixed=spec.fixed if spec else None, periods=len(months),
            demand=float(np.mean([demand[m.month] for m in months])),
            value=(lead_values.get(platform) or {}).get("value"))
        if history is not None:
            cal = calibrate(history, market, facts["effective_frequency"])
            then = [pd.Timestamp(m) for m in history.month_starts]
            then_season = float(np.mean(season_factors(platform, then, settings.seasonality))) \
                if then else season  # undated: assumed to be the plan's months
            then_demand = float(np.mean([demand[m.month] for m in then])) if then \
                else model.demand
            model = pooled(replace(model, audience=history.audience or market,
                                   season=season / then_season, lift=cal.lift,
                                   monthly_capacity=cal.monthly_capacity,
                                   value=history.value or model.value,
                                   demand=model.demand / then_demand), history)  # retargeting
            at_history = replace(model, season=1.0, periods=history.months, demand=1.0)
            modelled = float(at_history.chain(history.spend)["conversions"])
            calibrations[platform] = {"retargeting": pool_json(model, history),
                "months": round(history.months, 2), "dated": history.dated,
                "spend": round(history.spend, 2), "conversions": round(history.conversions, 2),
                "revenue": round(history.revenue, 2) if history.revenue is not None else None,
                "conversions_interval": [round(v, 2) for v in history.conversions_interval],
                "max_monthly_spend": round(history.max_monthly_spend, 2),
                "awareness_rows": history.awareness_rows,  # reach only, not in the rates
                "awareness_spend": round(history.awareness_spend, 2),
                "audience_source": history.audience_source,  # median month or most reached
                "audience_month": history.audience_month,
                "model_conversions": round(modelled, 2),
                "model_revenue": round(modelled * (history.value or aov or 0), 2)
                if (history.value or aov) else None,
                "season_against_history": round(season / then_season, 4),
                "demand_against_history": round(model.demand, 4), **cal.to_json()}
        if platform in gated:  # its leads not tied to the lines a lead buys: a test only
            model.gate = lead_gate.gate_budget(model, envelope * (1 - awareness_share(brief)
                                                                  / 100))
        models.append(model)
    if not models:
        raise DataError(f"{brief.source}: budget.paid.channels: no platform has a conversion "
                        f"rate for a {kind} (give cpm, ctr and cvr for one, or an ads or web "
                        "analytics export)")
    # Awareness / conversion split from the diagnosis (or the brief).
    share = awareness_share(brief)
    names = [m.platform for m in models]
    value = bs.value_fn(settings.objective, margin)
    values = [m.value or aov or 0.0 for m in models]
    first_order = pv.break_even_per_conversion(aov, margin)  # repeats are in the forecast
    customer = pv.customer_value(brief, margin)
    break_even = first_order

    def min_useful(conv_budget: float) -> float:
        return settings.min_useful_spend if settings.min_useful_spend is not None else \
            0.05 * conv_budget

    def aware_split(budget: float) -> np.ndarray:
        """Awareness spend per platform, placed first: a cap bounds the platform's whole
        spend, so awareness stays under the cap less the conversion minimum (and under a
        fixed amount)."""
        if budget <= 0:
            return np.zeros(len(models))
        upper = aware_upper(brief, models, budget)  # the awareness goal's target's platforms
        return allocate([m.reach_curve() for m in models], budget, upper=upper,
                        names=names).spend

    def solve(budget: float, scenario: str = "mid", floor: float | None = None,
              aware: np.ndarray | None = None) -> Allocation:
        """Conversion spend per platform, with ``aware`` (awareness spend) already placed:
        whole spend within each cap, a fixed platform held at its amount in all."""
        aw = np.zeros(len(models)) if aware is None else aware
        curves = [partial(bs.worth, value, m.curve(scenario), v)
                  for m, v in zip(models, values, strict=True)]
        held = partial(lead_gate.held, models)  # a gated test: its conversion spend
        return allocate(curves, budget, lower=held([max(0.0, (m.min or 0) - a)
                                                    for m, a in zip(models, aw, strict=True)]),
                        upper=held([m.max - a if m.max is not None else budget
                                    for m, a in zip(models, aw, strict=True)]),
                        min_spend=[min_useful(budget) if floor is None else floor]
                        * len(models), fixed=held([m.fixed - a if m.fixed is not None else None
                                                   for m, a in zip(models, aw, strict=True)]),
                        names=names)

    seats = pm.free_seats(brief, kind) or lead_bound(brief, kind)  # bookings (leads) a month
    seat_cap = pm.free_in(seats, months) if seats else None  # months paid runs in
    in_cap = pv.under_caps(models, seats)  # a gated test's leads come on top of a lead bound

    def capped(conv: list[float]) -> list[float]:
        """Bookings above the free seats of the months paid runs in are not bookings: the
        conversions the caps count scaled down to the seats (the sweep and the scenarios);
        a test's outside the caps kept (``paid_value.outside_caps``)."""
        total_ = sum(c for c, k in zip(conv, in_cap, strict=True) if k)
        if seat_cap is None or total_ <= seat_cap or total_ <= 0:
            return conv
        return [c * seat_cap / total_ if k else c for c, k in zip(conv, in_cap, strict=True)]

    def bought(spends) -> list[float]:
        return [float(m.chain(x)["conversions"]) for m, x in zip(models, spends, strict=True)]

    def conversions(spends) -> tuple[float, float]:
        conv = capped(bought(spends))
        return sum(conv), sum(c * v for c, v in zip(conv, values, strict=True))

    base, base_values = [replace(m) for m in models], list(values)
    # platform: targets its card rules out, or below break-even there (target_spend.py)
    left_out: dict = ts.channel_verdicts(targets, [m.platform for m in models])
    if left_out or any(ts.by_index(t) for t in targets or []):  # cut, or customer lists
        models = hf.restricted(base, base_values, targets, left_out, fitted)
        values = [m.value or aov or 0.0 for m in models]
    scale, rescaled = envelope, False  # the budget the minimum useful spend is taken from
    stale = False
    for _ in range(len(targets or []) + 2):
        floor = min_useful(scale * (1 - share / 100))
        unearned = []  # below break-even at the minimum useful spend: no conversion spend
        for m in models:  # (the mean lead's break-even: a platform left out here loses its
            # awareness spend too; the split values each platform's leads at its own value)
            ok, cost = pv.earns_its_floor(m.curve(), floor, break_even)
            if not ok and not m.min and m.fixed is None and m.gate is None:  # 0: no minimum
                unearned.append({"platform": m.platform, "marginal_cpa": cost,  # and what
                                 "break_even": break_even,  # a test at the floor would bring
                                 "conversions": round(float(m.curve()(floor)), 2)})
        out = {u["platform"] for u in unearned}  # none earns it, or the caps left cannot
        kept = [replace(m, max=0.0) if m.platform in out else m for m in models]  # place the
        room = aware_upper(brief, kept, envelope * share / 100)
        aw = allocate([m.reach_curve() for m in kept], envelope * share / 100, upper=room).spend \
            if share > 0 and len(out) < len(models) and sum(room) > 0 else np.zeros(len(kept))
        if len(out) == len(models) or not can_place(  # budget (each cap less the awareness
                [m.max - a if m.max is not None else None  # it would then take): the split
                 for m, a in zip(kept, aw, strict=True)],  # decides
                lead_gate.held(kept, [m.fixed - a if m.fixed is not None else None
                                      for m, a in zip(kept, aw, strict=True)]),
                envelope * (1 - share / 100)):
            unearned = []
        for m in models:
            m.max = 0.0 if any(u["platform"] == m.platform for u in unearned) else m.max
        try:
            sweep = bs.budget_sweep(solve, conversions, envelope * (1 - share / 100),
                                    envelope * share / 100, floor, aware_split)
        except AllocationError as exc:
            raise DataError(f"{brief.source}: budget.paid: {exc}") from None
        be_budget = bs.refined_break_even(
            lambda whole, f, floor=floor: bs.budget_sweep(
                solve, conversions, whole * (1 - share / 100), whole * share / 100, floor,
                aware_split, f),
            bs.break_even_budget(sweep, break_even), break_even, envelope)
        total, held_back, stop = envelope, None, "envelope"  # what ends the budget (Paid.stop)
        at_envelope = next(r for r in sweep if r["factor"] == 1.0)
        if settings.objective in ("revenue", "profit") and be_budget is not None \
                and be_budget < envelope:
            total = round(be_budget, -2) if be_budget >= 1000 else round(be_budget, 2)
            stop = "break_even"
        if total < 0.75 * scale and not rescaled:
            # the minimum useful spend is a share of what the plan spends, not of an
            # envelope it stops well short of (a larger envelope must not cut a platform)
            scale, rescaled = total, True
            models = hf.restricted(base, base_values, targets, left_out, fitted)
            values = [m.value or aov or 0.0 for m in models]
            continue
        aware_budget = total * share / 100
        conv_budget = total - aware_budget
        try:
            aware_spend = aware_split(aware_budget)
            conv_alloc = solve(conv_budget, floor=floor, aware=aware_spend)
        except AllocationError as exc:
            raise DataError(f"{brief.source}: budget.paid: {exc}") from None
        more = ts.unearning(models, conv_alloc.spend, targets or [], break_even, left_out) \
            if settings.objective in ("revenue", "profit") else {}
        stale = bool(more)  # models rebuilt below: the spend must be solved again on them
        if not more:
            break
        for p, drop in more.items():
            left_out[p] = {**left_out.get(p, {}), **drop}
        models = hf.restricted(base, base_values, targets, left_out, fitted)
        values = [m.value or aov or 0.0 for m in models]
    if stale:  # the last round left targets out: the spend follows the final models
        try:
            conv_alloc = solve(conv_budget, floor=floor, aware=aware_spend)
        except AllocationError as exc:
            raise DataError(f"{brief.source}: budget.paid: {exc}") from None
    def trial(conv: float):  # the spend at a conversion budget, awareness at its share
        try:
            return solve(conv, floor=floor, aware=aware_split(conv * share / (100 - share))).spend
        except AllocationError:
            return None

    def cap_at(spends) -> float:  # the paid conversions the months may hold for ``spends``
        return paid_cap(seats, [m for m, k in zip(models, in_cap, strict=True) if k],
                        [x for x, k in zip(spends, in_cap, strict=True) if k], all_months,
                        months, settings.seasonality, demand, ov_index)  # by demand

    def held(spends) -> float:  # the conversions the caps count
        return sum(c for c, k in zip(bought(spends), in_cap, strict=True) if k)

    if seats is not None and held(conv_alloc.spend) > cap_at(conv_alloc.spend):
        seats["budget_before"] = total  # more bookings than free seats: a lower total
        seats["before_basis"], stop = stop, "bound" if seats.get("bound") else "seats"
        lo = largest_within(  # each level against the cap of its own spend: the same stop
            lambda b: (s := trial(b)) is None or held(s) <= cap_at(s), conv_budget)
        total = round(lo / (1 - share / 100), 2)
        aware_budget, conv_budget = total * share / 100, total - total * share / 100
        try:
            aware_spend = aware_split(aware_budget)
            conv_alloc = solve(conv_budget, floor=floor, aware=aware_spend)
        except AllocationError as exc:
            raise DataError(f"{brief.source}: budget.paid: {exc}") from None
    lower, upper = (lead_gate.held(models, b) for b in pv.bounds(models, aware_spend,
                                                                  conv_budget))
    conv_alloc, kept_today = hf.no_worse_than_today(  # never less than today's split
        conv_alloc, hf.today_shares(fitted, names), conv_budget, conversions,
        lower, upper, bool(aov))
    channels = []
    # the platforms' low / high conversions scaled to the free seats as the scenarios are
    ends = {sc: capped([float(m.chain(x, sc)["conversions"]) for m, x in
                        zip(models, conv_alloc.spend, strict=True)]) for sc in ("low", "high")}
    for i, m in enumerate(models):
        cs = conv_alloc.spend[i]
        aw = float(aware_spend[i])
        chain = m.chain(cs)
        aware = m.chain(aw)
        conv = float(chain["conversions"])
        revenue = conv * values[i]
        history = fitted.get(m.platform)
        channels.append(ChannelPlan(
            m.platform, cs + aw, aw, cs,
            float(chain["impressions"] + aware["impressions"]),
            float(m.audience * -np.expm1(-(chain["impressions"] + aware["impressions"])
                                         / m.audience)),
            float(chain["clicks"] + aware["clicks"]),
            conv, revenue,
            cc.cost(cs, conv),  # the one cost per conversion and ROAS: conversion spend
            cc.roas(revenue, cs) if values[i] else None,
            ends["low"][i], ends["high"][i],
            extrapolated=bool(history is not None and (cs + aw) / len(months)
                              > EXTRAPOLATION * history.max_monthly_spend),
            awareness_reach=float(aware["reach"]),
            awareness_impressions=float(aware["impressions"]),
        ))
    # one figure for "the last conversion costs": at the envelope, the budget table's own
    # row (its step from the level below), which the chapter shows; below it, the last 5 %
    # of the planned conversion budget, re-optimised
    marginal = at_envelope["marginal_cpa"] if abs(total - at_envelope["budget"]) < 0.5 \
        else None
    planned_conv = sum(c.conversions for c in channels)
    try:
        below = conversions(solve(conv_budget * 0.95, floor=floor, aware=aware_spend).spend)[0] \
            if marginal is None else planned_conv
        if planned_conv > below:
            marginal = round(conv_budget * 0.05 / (planned_conv - below), 2)
    except AllocationError:
        pass
    if total < envelope:  # the envelope's leads within each month's cap (a lead bound)
        whole = trial(envelope * (1 - share / 100)) if seats is not None else None
        tested = sum(c.conversions for c, k in zip(channels, in_cap, strict=True) if not k)
        rest_conv = min(at_envelope["conversions"] - tested, cap_at(whole) if whole is not None
                        else np.inf) - (sum(c.conversions for c in channels) - tested)
        held_back = {"budget": round(envelope - total, 2), "conversions": round(rest_conv, 2),
                     "marginal_cpa": round((envelope - total) / rest_conv, 2)
                     if rest_conv > 0 else None}
    equal, equal_split = equal_split_of(conversions, lower, upper, conv_budget)
    historical_split = None
    spent = {p: h.spend for p, h in fitted.items() if p in names}
    if spent:
        shares = [spent.get(p, 0.0) / sum(spent.values()) for p in names]
        hist = conversions([conv_budget * w for w in shares])
        historical_split = {"conversions": round(hist[0], 2), "revenue": round(hist[1], 2),
                            "shares": {p: round(w * 100, 2) for p, w in zip(names, shares,
                                                                            strict=True)},
                            "feasible": all(lo <= conv_budget * w <= hi for w, lo, hi in
                                            zip(shares, lower, upper, strict=True))}
    scenarios = {}
    low, held_low = low_values(models, values, fitted)  # the ads history's value, if below
    for sc in SCENARIOS:
        conv = capped([float(m.chain(c.conversion_spend, sc)["conversions"])
                       for m, c in zip(models, channels, strict=True)])
        rev = sum(c * v for c, v in zip(conv, low if sc == "low" else values, strict=True))
        spent = sum(c.conversion_spend for c, n in zip(channels, conv, strict=True) if n > 0)
        scenarios[sc] = {"conversions": round(sum(conv), 2),
                         "revenue": round(rev, 2) if aov else None,
                         "conversion_spend": round(spent, 2),
                         "cpa": round(cc.cost(spent, sum(conv)), 2) if sum(conv) else None,
                         "roas": round(cc.roas(rev, spent), 2) if aov and rev and spent
                         else None}
    if held_low and aov:
        scenarios["low"]["history_values"] = held_low
    cpa_notes = []  # conversion campaigns against the history's (both without awareness)
    for c, m in zip(channels, models, strict=True):
        history = fitted.get(c.platform)
        if history is None or not c.conversions or not history.conversions:
            continue
        then, cpa = cc.cost(history.spend, history.conversions), c.cpa  # the one cost
        ratio = c.conversion_spend / len(months) / history.monthly_spend
        why = pv.cost_reason(cpa, then, ratio, m.season / m.demand, any(
            "cost" in v for v in left_out.get(c.platform, {}).values()))
        if why and why != "more_spend":  # more spend: the diminishing returns of today_note
            cpa_notes.append({"platform": c.platform, "forecast_cpa": round(cpa, 2),
                              "history_cpa": round(then, 2), "ratio": round(float(ratio), 2),
                              "reason": why, "targets": sorted(
                                  k for k, v in left_out.get(c.platform, {}).items()
                                  if "cost" in v)})
    on = np.array([m in months for m in all_months])
    tests = tt.dated_tests([*on_trial, *gated], models, conv_alloc.spend, aware_spend, months,
                           break_even, ts.trial_share(brief, envelope),  # dated, capped
                           dict.fromkeys(gated, lead_gate.weeks()))  # in their weeks
    monthly, deal = pv.phased(models, channels, all_months, values, settings, demand, ov_index,
                              on, on * np.array([pm.month_free(seats, m) for m in all_months])
                              if seats else None, tt.windows(tests, all_months),
                              {m.platform for m, k in zip(models, in_cap, strict=True) if not k})
    return with_reserve(brief, models, with_opening(brief, Paid(
        objective=settings.objective, total=total, awareness_share=share, aov=aov,
        margin=margin, break_even_cpa=break_even, rate=rate, rate_source=rate_source,
        channels=channels, excluded=excluded,
        models=[{"platform": m.platform, "cpm": as_data(m.cpm), "ctr": as_data(m.ctr),
                 "cvr": as_data(m.cvr), "audience": round(m.audience),
                 "season_factor": round(m.season, 3)} for m in models],
        equal_split_conversions=round(equal[0], 2), sweep=sweep, break_even_budget=be_budget,
        scenarios=scenarios, monthly=monthly,
        sponsor=_sponsor(brief), min_useful_spend=floor,
        effective_frequency=facts["effective_frequency"],
        by_target=ts.target_split(channels, models, targets, hf.split_values(
            models, values, targets, left_out), left_out)
        if targets else [],
        history=history_json(found, histories, rate_source, brief), conversion=kind,
        aov_basis=aov_basis, envelope=envelope, held_back=held_back,
        envelope_conversions=at_envelope["conversions"],
        historical_split=historical_split, equal_split=equal_split,
        calibration=calibrations, cpa_notes=cpa_notes, marginal_cpa=marginal,
        order_value={"basis": ov_basis, "index": ov_index, "factor": round(ov, 4)},
        first_order_break_even=first_order, customer_value=customer, books=worth.offer,
        unearned=unearned, deal=deal, cvr_set_aside={
            k: v for k, v in set_aside.items() if v}, cvr_counts=counted,
        consumer_rated=consumer, lead_forms=forms, lead_values={m.platform: lead_values[m.platform]
                                              for m in models if m.platform in lead_values},
        paid_months=[m.date().isoformat() for m in months],
        seats=seats | {"free_paid": round(seat_cap, 2)} if seats else seats,
        peaks=pv.peaks_outweighed(monthly, months, settings.seasonality, demand,
                                  cap={m.date().isoformat(): pm.month_free(seats, m)
                                       for m in months} if seats else None),
        left_out=[{"platform": p, "target": k, **v} for p, d in left_out.items()
                  for k, v in sorted(d.items())],
        today=pv.against_today(calibrations, channels, len(months), total, share,
                               hf.fit(fitted, *hf.today_models(
                                   base, base_values, targets, left_out, fitted)),
                               kept_today),
        lifetime=contract_value.lifetime(brief, channels, lead_values, worth.offer, margin),
        tests=tests, stop=stop, demand=seasonal)))
