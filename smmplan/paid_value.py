"""What a paid conversion is worth and where each platform's rates come from, for the
paid chapter (``budget.py``):

- the value of one conversion: the offer line it books (``budget.paid.books``), else the
  ads export's value per conversion, else the mean of the offer lines' order values;
- the break-even cost of one conversion: the value the forecast credits a conversion with
  x margin, computed once (``break_even_per_conversion``);
- a customer's value over a horizon when the customer file holds repeat orders (orders
  count and amount spent per customer): shown, never the break-even (the forecast's
  conversions already count repeat orders);
- what a paid click converts at from the client's web analytics: a platform's paid rows
  (``x / cpc``), else its mixed rate when plausible for paid clicks, else the pooled rate
  (``data/paid.yaml`` ``web_sources``);
- revenue booked when the deal closes: months after the lead (``budget.paid.deal_months``);
- whether a platform earns its minimum useful spend (marginal cost at that spend against
  break-even);
- the monthly phasing of spend: more where demand, order value and cheaper impressions make
  a unit of spend return more.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .benchmarks import Range, season_factors
from .brief import Brief
from .catalogue import paid_facts
from .conversion_cost import campaigns, history_totals, roas
from .errors import DataError
from .exports.columns import find_column
from .exports.table import read_export
from .exports.values import parse_dates, parse_numbers
from .offer_paths import event_lines


@dataclass
class ConversionValue:
    """Value of one conversion (order value x sale rate), the margin on it, and why."""

    value: float | None
    margin: float | None  # percent
    basis: str  # "offer" (the line it books), "history" (ads export), "brief" (offers' mean)
    offer: str | None = None


def conversion_value(brief: Brief, history_value: float | None,
                     kind: str = "purchase") -> ConversionValue:
    """The value of one conversion: the booked offer line's order value (``budget.paid.books``)
    and its margin, else ``history_value`` (the ads export's value per conversion), else the
    mean of the offer lines' order values; margins are the offer lines' mean unless a line
    is booked. Only the lines a conversion of ``kind`` can buy count (a demo request never
    buys a self-serve line: ``offer_paths.event_lines``)."""
    paid = brief.budget.paid
    lines = brief.offer if paid.books else event_lines(brief, kind)
    margins = [o.gross_margin for o in lines if o.gross_margin]
    margin = float(np.mean(margins)) if margins else None
    if paid.books:
        line = next(o for o in lines if o.name == paid.books)
        if not line.average_order_value:
            raise DataError(f"{brief.source}: offer[{brief.offer.index(line)}]."
                            "average_order_value: "
                            f"needed to value a conversion that books {line.name!r} "
                            "(budget.paid.books)")
        return ConversionValue(line.average_order_value * paid.sale_rate / 100,
                               line.gross_margin or margin, "offer", line.name)
    if history_value:
        return ConversionValue(history_value, margin, "history")
    aovs = [o.average_order_value for o in lines if o.average_order_value]
    return ConversionValue(float(np.mean(aovs)) * paid.sale_rate / 100 if aovs else None,
                           margin, "brief")


def break_even_per_conversion(value: float | None, margin: float | None) -> float | None:
    """What one conversion may cost and still pay: the value the forecast credits a
    conversion with (``conversion_value``) x ``margin`` (percent); None without both. Never
    the customer value (``customer_value``): an ads conversion is a purchase, first or
    repeat, and the forecast counts each one at this value, so a customer's repeat orders
    are already in it (``goal_gap.repeat_in_paid``); breaking even on the customer value
    would count them twice."""
    return value * margin / 100 if value and margin else None


def customer_value(brief: Brief, margin: float | None) -> dict | None:
    """A customer's value over ``budget.paid.customer_months`` from the customer file's
    orders count and amount spent per customer: orders over the horizon at the file's pace
    (its orders over the months it covers: ``budget.paid.customer_file_months``, else the
    span of its last-order dates; never beyond what it covers), x its spend per order;
    ``break_even`` = that x margin x sale rate, what a new customer is worth, shown beside
    the break-even per conversion and not used for it. None without both columns, a margin
    or repeat orders."""
    paid = brief.budget.paid
    if margin is None or paid.books:  # a booked offer is valued by its own line
        return None
    found = read_export(brief, "audience")
    if found is None:
        return None
    from .audience import load_audience  # the typed table: which column holds the value

    table, columns, name = found
    audience = load_audience(brief)
    orders_col = find_column(table.columns, "audience", "orders", columns)
    value_col = audience.value_column if audience else None
    if orders_col is None or value_col not in table.columns:
        return None
    orders = parse_numbers(table[orders_col])
    spent = parse_numbers(table[value_col])
    ok = orders.notna() & spent.notna() & (orders > 0)
    if ok.sum() < 30 or orders[ok].mean() <= 1.0:
        return None
    covered, basis = paid.customer_file_months, "brief"
    if covered is None:
        last = find_column(table.columns, "audience", "last_order", columns)
        when = parse_dates(table[last]) if last in table.columns else None
        if when is None or when.notna().sum() < 2:
            return None
        covered, basis = max(1.0, (when.max() - when.min()).days / 30.44), "dates"
    horizon = min(paid.customer_months, covered)
    per_customer = float(orders[ok].mean())
    order_value = float(spent[ok].sum() / orders[ok].sum())
    in_horizon = max(1.0, per_customer * horizon / covered)
    value = in_horizon * order_value * paid.sale_rate / 100
    return {"file": name, "customers": int(ok.sum()), "orders_per_customer": round(
        per_customer, 2), "spend_per_customer": round(float(spent[ok].mean()), 2),
            "order_value": round(order_value, 2), "file_months": round(float(covered), 1),
            "file_months_basis": basis, "months": round(float(horizon), 1),
            "orders": round(in_horizon, 2), "value": round(value, 2),
            "break_even": round(value * margin / 100, 2)}


def _platform_of(source: str, aliases: dict[str, list[str]]) -> str | None:
    """The platform a web-analytics source ("linkedin / social", "t.co / referral") is."""
    token = source.split("/")[0].strip().lower()
    for prefix in ("www.", "m.", "l.", "lm."):
        token = token.removeprefix(prefix)
    return next((p for p, names in aliases.items() if token in names), None)


def is_paid_source(source: str, mediums: list[str]) -> bool:
    """Whether a web-analytics source / medium is paid traffic ("x / cpc", "linkedin /
    paid", "Paid Social"): its medium (else the whole source) is one of ``mediums`` or
    says "paid", spaces and hyphens read as underscores."""
    parts = [p.strip().lower().replace(" ", "_").replace("-", "_") for p in source.split("/")]
    medium = parts[-1] if len(parts) > 1 else parts[0]
    return medium in mediums or "paid" in medium


def goal_web(brief: Brief, web: pd.DataFrame | None) -> tuple[pd.DataFrame | None, dict | None]:
    """The web export a paid click's conversion rate is computed on: when one conversion is
    what a leads goal counts (``budget.paid.conversion`` a lead, or a sign-up for a sign-up
    goal) and that goal counts its own landing pages' key events ("demo requests": only
    /demo), only those key events count, over every social session (``goals.counted_frame``,
    the goal baseline's own definition); else the export as it is. Returns the frame and
    what was counted ({event, pages, events, sessions}: the social rows' counted key events
    and sessions; None when every key event counts)."""
    from .goals import counted_frame, lead_event, match_kpi  # goals reads the exports

    paid = brief.budget.paid
    kind = paid.conversion or ("lead" if paid.sale_rate < 100 else "purchase")
    if web is None or kind not in ("lead", "signup"):
        return web, None
    for goal in brief.goals.business_goals:
        event = lead_event(goal) if match_kpi(goal) == "leads_per_month" else None
        if event is None or (kind == "signup" and event["event"] != "signup"):
            continue
        frame, counted = counted_frame(web, event)
        if not counted["fallback"]:
            social = frame[frame["social"].astype(bool)]
            return frame, {"event": counted["event"], "pages": counted["pages"],
                           "events": float(social["conversions"].sum()),
                           "sessions": float(social["sessions"].sum())}
    return web, None


def rate_range(conversions: float, sessions: float, sources: list[str], basis: str
               ) -> Range:
    """Key events over sessions as a Range (percent): the rate, and low / high its Wilson
    interval at ``web_sources.interval_z`` (how far a rate counted on this many sessions
    can be from the true one: 4 events in 2,000 sessions is 0.2 %, somewhere between about
    0.1 % and 0.4 %)."""
    z = paid_facts()["web_sources"]["interval_z"]
    p = conversions / sessions
    centre = (p + z * z / (2 * sessions)) / (1 + z * z / sessions)
    half = z / (1 + z * z / sessions) * np.sqrt(p * (1 - p) / sessions
                                               + z * z / (4 * sessions * sessions))
    return Range(max(0.0, centre - half) * 100, p * 100, min(1.0, centre + half) * 100,
                 sources, basis)


def _rate(rows: pd.DataFrame, file: str, basis: str, least: int) -> Range | None:
    """Key events over sessions of ``rows`` as a Range (``rate_range``), None below
    ``least`` sessions."""
    sessions, conversions = float(rows["sessions"].sum()), float(rows["conversions"].sum())
    if sessions < least or sessions <= 0:
        return None
    return rate_range(conversions, sessions, [file], basis)


def web_cvr_by_platform(web: pd.DataFrame | None, file: str) -> dict[str, dict]:
    """Each platform's conversion rate in the web analytics export (key events over
    sessions), split into its paid rows (``paid``: sources ``is_paid_source``) and all its
    rows (``all``: organic and paid mixed), each only with ``web_sources.min_sessions``;
    the key ``None`` holds the pooled paid rows without a platform ("paid social")."""
    if web is None or web.empty:
        return {}
    facts = paid_facts()["web_sources"]
    frame = web.assign(platform=[_platform_of(s, facts["aliases"]) for s in web["source"]],
                       paid=[is_paid_source(s, facts["paid_mediums"]) for s in web["source"]])
    out: dict = {}
    for platform, rows in frame.groupby(frame["platform"].fillna(""), sort=False):
        paid = _rate(rows[rows["paid"]], file, "client_web_paid", facts["min_sessions"])
        mixed = _rate(rows, file, "client_web_source", facts["min_sessions"]) \
            if platform else None
        if paid or mixed:
            out[platform or None] = {"paid": paid, "all": mixed}
    return out


def paid_click_cvr(own: dict | None, pooled_paid: Range | None, pooled: Range | None,
                   bench: Range | None) -> tuple[Range | None, dict | None]:
    """What a paid click on a platform converts at, from the web analytics, and why the
    platform's own mixed rate was set aside ({reason, rate}; None when kept or absent). In
    order: the platform's paid rows; its rate over all its visits when plausible for paid
    clicks (``web_sources.plausible``: no higher than the pooled rate of all social visits,
    since a platform converting above the average owes it to followers who already know
    the brand, and no higher than its own paid benchmark's high x ``benchmark_factor``);
    else the pooled paid rows, else the pooled social rate (``pooled``; None: the caller
    falls back to the benchmark)."""
    own = own or {}
    if own.get("paid"):
        return own["paid"], None
    mixed, why = own.get("all"), None
    if mixed is not None:
        factor = paid_facts()["web_sources"]["plausible"]["benchmark_factor"]
        if pooled is not None and mixed.mid > pooled.mid * 1.0001:
            why = "above_pooled"
        elif bench is not None and bench.basis == "benchmark" and \
                mixed.mid > bench.high * factor:
            why = "above_benchmark"
        else:
            return mixed, None
    return (pooled_paid or pooled), why and {"reason": why, "rate": round(mixed.mid, 2)}


def earns_its_floor(curve, floor: float, break_even: float | None) -> tuple[bool, float | None]:
    """Whether a platform's marginal cost per conversion at the minimum useful spend
    ``floor`` (its conversions curve's slope there) is within break-even; and that cost."""
    if not break_even or floor <= 0:
        return True, None
    step = max(floor * 0.01, 1e-6)
    slope = float(curve(floor + step) - curve(floor)) / step
    marginal = 1 / slope if slope > 0 else float("inf")
    return marginal <= break_even, (round(marginal, 2) if np.isfinite(marginal) else None)


def month_weights(platform: str, months: list[pd.Timestamp], overrides: dict,
                  demand: dict[int, float], index: dict[int, float],
                  active: np.ndarray | None = None, caps: np.ndarray | None = None
                  ) -> dict[str, np.ndarray]:
    """Per month: ``spend`` share (demand x order value, normalised: the money follows the
    buyers in market and what they spend, ``data/paid.yaml`` ``demand_seasonality``; none
    in months not ``active``), and the shares of the channel's
    impressions, conversions and revenue that spend buys (each summing to 1). ``caps``:
    the most each month's conversions may be, as shares of the channel's; conversions past
    a cap move to the other months (``paid_months.fill``) and spend follows them."""
    from .paid_months import fill

    factors = np.asarray(season_factors(platform, months, overrides), dtype=float)
    want = np.array([demand[m.month] for m in months])
    value = np.array([index[m.month] for m in months])
    on = np.ones(len(months)) if active is None else np.asarray(active, dtype=float)
    spend = want * value * on  # the CPM factor sets what it buys, not what it gets
    spend = spend / spend.sum()
    bought = spend / factors * want
    conv = bought / bought.sum()
    if caps is not None and (conv > np.asarray(caps) + 1e-9).any() \
            and (held := fill(conv, caps)).sum() > 0:  # no room at all: left as bought
        conv = held / held.sum()
        spend = conv * factors / want
        spend = spend / spend.sum()
    seen = spend / factors
    worth = conv * value
    return {"spend": spend, "impressions": seen / seen.sum(),
            "conversions": conv, "revenue": worth / worth.sum()}


def phase(models, channels, months, values, overrides, demand, index, active=None,
          caps=None, windows=None, outside=None) -> list[dict]:
    """Each platform's spend, impressions, conversions and revenue by month: spend phased
    by ``month_weights`` (more in the months a unit of spend returns more, none outside
    ``active``, conversions within ``caps``: bookings a month, shared by the platforms
    not ``outside`` them, ``paid_months.outside_caps``), the channel's totals kept.
    ``windows``: {platform: active months} for a dated test (``trial_test``), spent in its
    own months only: within the caps it takes its months' places first, the funded
    platforms sharing the rest; outside them it never takes a funded platform's place."""
    rows = []
    windows, outside = windows or {}, outside or set()
    left = None if caps is None else np.asarray(caps, dtype=float).copy()
    weights = {}
    for m, c in zip(models, channels, strict=True):  # a dated test runs when it runs
        if c.spend <= 0 or (own := windows.get(m.platform)) is None:
            continue
        inside = left is not None and m.platform not in outside and c.conversions > 0
        weights[m.platform] = w = month_weights(m.platform, months, overrides, demand, index,
                                                own, left / c.conversions if inside else None)
        if inside:  # it takes its months' places first: the others share what is left
            left = np.maximum(left - c.conversions * w["conversions"], 0.0)
    total = sum(c.conversions for m, c in zip(models, channels, strict=True)
                if m.platform not in outside and m.platform not in weights)
    share = None if left is None or not total else left / total
    for m, c, v in zip(models, channels, values, strict=True):
        if c.spend <= 0:
            continue
        w = weights.get(m.platform) or month_weights(m.platform, months, overrides, demand,
                                                     index, active, share)
        for i, month in enumerate(months):
            rows.append({"month": month.date().isoformat(), "platform": m.platform,
                         "spend": round(c.spend * w["spend"][i], 2),
                         "impressions": round(c.impressions * w["impressions"][i], 1),
                         "conversions": round(c.conversions * w["conversions"][i], 2),
                         "revenue": round(c.conversions * v * w["revenue"][i], 2)
                         if v else None,  # a conversion's value that month, computed once:
                         "unit_value": round(v * w["revenue"][i] / w["conversions"][i], 2)
                         if v and w["conversions"][i] > 0 else None})  # not revenue / count
    return rows


def under_caps(models, seats: dict | None) -> list[bool]:
    """Per model, whether its conversions count against the monthly caps
    (``paid_months.outside_caps``)."""
    from .paid_months import outside_caps

    return [not outside_caps(getattr(m, "gate", None) is not None, seats) for m in models]


def phased(models, channels, months: list[pd.Timestamp], values, settings, demand, index,
           active=None, caps=None, windows=None, outside=None) -> tuple[list[dict], dict | None]:
    """The monthly forecast (``phase``) with revenue booked at the deal, ``deal_months``
    (``budget.paid``) after the conversions, and the deal terms: {months, close_rate (the
    sale rate), after_plan (revenue closing after the plan's last month)}; None without a
    delay."""
    rows = phase(models, channels, months, values, settings.seasonality, demand, index,
                 active, caps, windows, outside)
    rows, after = deal_lag(rows, [m.date().isoformat() for m in months], settings.deal_months)
    return rows, ({"months": settings.deal_months, "close_rate": settings.sale_rate,
                   "after_plan": after} if settings.deal_months else None)


def deal_lag(rows: list[dict], months: list[str], delay: int) -> tuple[list[dict], float]:
    """Revenue booked when the deal closes, ``delay`` months after the lead: each row's
    ``revenue`` moves to the same platform's row ``delay`` months later (``lead_revenue``
    keeps the month's leads' value); returns the rows and the revenue that closes after the
    plan's last month. Rows keep their keys and order; no delay leaves them as they are."""
    if delay <= 0 or not rows:
        return rows, 0.0
    index = {m: i for i, m in enumerate(months)}
    earned = {(r["platform"], index[r["month"]]): r["revenue"] or 0.0 for r in rows}
    out, after = [], 0.0
    for r in rows:
        i = index[r["month"]]
        if i + delay >= len(months):
            after += r["revenue"] or 0.0
        lead = earned.get((r["platform"], i - delay), 0.0)
        out.append({**r, "lead_revenue": r["revenue"],
                    "revenue": None if r["revenue"] is None else round(lead, 2)})
    return out, round(float(after), 2)


def bounds(models, aware, budget: float) -> tuple[list[float], list[float]]:
    """Each platform's lowest and highest conversion spend: a fixed amount, else its
    minimum and its cap, less its awareness spend (``aware``)."""
    lower = [m.fixed - a if m.fixed is not None else (m.min or 0)
             for m, a in zip(models, aware, strict=True)]
    upper = [m.fixed - a if m.fixed is not None else (m.max - a if m.max is not None
                                                        else budget)
             for m, a in zip(models, aware, strict=True)]
    return lower, upper


SPEND_BAND = 0.05  # a monthly spend within 5 % of the history's is "about today's"


def cost_reason(cpa: float, then: float, ratio: float, cost_factor: float,
                narrowed: bool) -> str | None:
    """Why a platform's forecast cost per conversion of its conversion campaigns (``cpa``)
    differs from its ads history's (``then``), both without awareness spend, one rule for
    every platform: ``ratio`` is its planned monthly conversion spend over the history's,
    ``cost_factor`` what its plan months cost a conversion against the history's months
    (CPM season over demand), ``narrowed`` whether its ads are cut to fewer targets for
    their return (a smaller audience saturates sooner). Dearer: "more_spend" (diminishing
    returns), else "narrowed", else "season"; cheaper: "lower_spend", else "season"; None
    within 0.1 % or when nothing the plan changed explains it."""
    if not then or abs(cpa / then - 1) < 0.001:
        return None
    if cpa > then:
        return "more_spend" if ratio > 1 + SPEND_BAND else "narrowed" if narrowed else \
            "season" if cost_factor > 1.001 else None
    return "lower_spend" if ratio < 1 - SPEND_BAND else "season" if cost_factor < 0.999 \
        else None


def against_today(calibration: dict, channels: list, months: int, total: float,
                  awareness_share: float, fit: dict | None = None,
                  kept_today: bool = False) -> dict | None:
    """Today's ROAS from the ads history (its revenue over its spend, platforms with revenue)
    beside the forecast's one ROAS (``Paid.totals``), and what moves one to the other: each
    platform's ROAS today and planned, all on conversion campaigns only (the history's rates
    leave its awareness rows out, so the plan's leave its awareness spend out), with its
    monthly conversion spend then and now (more spend, lower returns; the plan's monthly
    figure the same platforms' actual conversion spend), the spend on awareness (said as
    such: it is in neither ROAS) and on platforms without a history, and the history's
    platforms left without conversion spend; with ``fit`` (``history_fit.fit``: the plan's
    models at today's spend and split) and whether the plan kept today's split
    (``today_split_kept``). None without revenue in the history."""
    found = history_totals(calibration).get("roas")  # today's one ROAS
    if not found or not total:
        return None
    valued = {p: calibration[p] for p in found["platforms"]}
    spend, revenue = found["spend"], found["revenue"]
    planned = {c.platform: c for c in channels}
    lines = []
    for p, c in valued.items():
        plan = planned.get(p)
        then = c["spend"] / c["months"]
        spent = plan.conversion_spend if plan else 0.0
        mine = roas(plan.revenue, spent) if plan and plan.conversions else None
        lines.append({"platform": p, "roas_today": round(roas(c["revenue"], c["spend"]), 2),
                      "roas_plan": round(mine, 2) if mine else None,
                      "monthly_today": round(then, 2),
                      "monthly_plan": round(spent / months, 2),
                      "spend_ratio": round(spent / months / then, 2),
                      "conversion_spend": round(spent, 2)})
    new = [c for c in channels if c.platform not in calibration and c.spend > 0]
    history_months = max(c["months"] for c in valued.values())
    both = campaigns(channels)  # the plan's one ROAS (Paid.totals), the history's basis
    return {"roas_today": round(found["value"], 2), "spend_today": round(spend, 2),
            "revenue_today": round(revenue, 2), "months_today": round(history_months, 1),
            "monthly_today": round(spend / history_months, 2),
            "roas_plan": round(roas(both["revenue"], both["spend"]) or 0.0, 2),
            # the same platforms as today's monthly spend, on their actual conversion spend
            "monthly_plan": round(sum(line["conversion_spend"] for line in lines) / months, 2),
            "platforms": lines,
            "awareness": round(total * awareness_share / 100, 2),
            "new_platforms": [c.platform for c in new],
            "new_spend": round(sum(c.spend for c in new), 2),
            "fit": fit, "today_split_kept": kept_today}


def peaks_outweighed(rows: list[dict], months: list[pd.Timestamp], overrides: dict,
                     demand: dict[int, float], threshold: float = 1.1,
                     cap: dict[str, float] | float | None = None) -> list[dict]:
    """The sector's peak months (demand index at least ``threshold``) whose phased spend is
    below the plan's monthly mean because the seasonal cost of impressions outweighs the
    extra demand: {month, demand, cpm (the month's CPM factor over the plan's cheapest
    month, spend-weighted over platforms), spend, mean}; not a month whose bookings reach
    ``cap`` (seats free a month, or each month's own by ISO month start: the cap, not the
    cost, holds its spend back)."""
    if not rows:
        return []
    spend = {m.date().isoformat(): 0.0 for m in months}
    cost = dict.fromkeys(spend, 0.0)
    rows = [r for r in rows if r["month"] in spend]
    booked = dict.fromkeys(spend, 0.0)
    for r in rows:
        spend[r["month"]] += r["spend"]
        booked[r["month"]] += r["conversions"]
    platforms = {r["platform"] for r in rows}
    for p in platforms:
        share = sum(r["spend"] for r in rows if r["platform"] == p)
        for m, f in zip(months, season_factors(p, months, overrides), strict=True):
            cost[m.date().isoformat()] += share * float(f)
    total = sum(spend.values())
    mean = total / len(months)
    cost = {k: v / total for k, v in cost.items()} if total else cost
    cheapest = min(cost.values()) or 1.0
    return [{"month": k, "demand": round(float(demand[m.month]), 3),
             "cpm": round(float(cost[k] / cheapest), 3), "spend": round(float(spend[k]), 2),
             "mean": round(float(mean), 2)}
            for m in months if demand[m.month] >= threshold
            and spend[k := m.date().isoformat()] < mean * 0.999
            and cost[k] / cheapest > demand[m.month]
            and (cap is None or booked[k] < (cap.get(k, 0.0) if isinstance(cap, dict)
                                             else cap) - 0.05)]
