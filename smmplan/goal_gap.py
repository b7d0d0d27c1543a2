"""The paid forecast against the brief's business goals it can be compared with: revenue
from social (the forecast's revenue over the plan, for a goal over the same months), leads
a month (the forecast's conversions a month, when a conversion is a lead) and a fill rate
(the forecast's bookings as seats of the booked offer line's ``capacity_per_month``). The
forecast's figures are the budget chapter's (``Paid.totals``), never recomputed; a goal the
forecast misses says what closes the gap, one it overshoots says so. A revenue gap is split
into what the client's own data supports (repeat customers: the customer file's repeat
orders over the goal's months, ``Paid.customer_value``) and what nothing explains.

One definition of what a goal the plan forecasts can realistically reach (``forecast_total``):
what today's baseline already brings that the paid forecast does not replace (its organic
part, ``organic_today``: the whole baseline without an ads history for it, the baseline less
the ads history's part otherwise), plus the paid forecast."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .brief import OfferLine
from .budget import Paid
from .conversion_cost import campaigns, cost, roas
from .goal_budget import budget_to_reach
from .lead_bound import LEAD_KINDS  # noqa: F401 (conversions that count as leads)
from .lever_goals import with_programme
from .objectives import Objective, Objectives, kpi_catalogue
from .organic_bookings import organic_bookings, within_free_seats
from .organic_posting import kept_share
from .paid_model import monthly_sums

BOOKING_KINDS = ("booking",)  # conversions that fill seats of a fill-rate goal


@dataclass
class Seats:
    """A fill-rate goal in seats of the offer line it fills, over the goal's months."""

    line: str
    per_month: float
    months: int
    capacity: float  # seats over the months
    booked: float | None  # seats booked at today's fill rate
    needed: float  # seats booked at the target fill rate
    fill_after: float | None  # today's bookings plus the paid forecast's and the organic
    # posts' (``organic_plan``), percent


@dataclass
class GoalGap:
    kpi: str  # social_revenue, leads_per_month or fill_rate
    goal: str  # the goal in the client's words
    target: float
    baseline: float | None
    paid: float  # the paid forecast, in the target's unit (total, a month, or bookings)
    share: float  # paid / what the goal needs beyond today, percent
    gap: float  # what is left after paid (negative: the forecast overshoots); seats for fill
    held_back: float | None = None  # paid budget the plan does not spend (past break-even)
    held_back_conversions: float | None = None  # what that budget would still buy
    seats: Seats | None = None  # fill rate only
    repeat: float | None = None  # revenue: repeat customers' revenue the paid forecast lacks
    repeat_in_paid: float | None = None  # the repeat revenue the paid purchases already hold
    unexplained: float | None = None  # revenue: the gap no figure of the client's supports
    realistic: bool = True  # the objectives chapter's realism verdict
    realistic_target: float | None = None
    organic: float = 0.0  # today's organic part the paid forecast does not replace
    from_ads: float = 0.0  # today's part the ads history brings (replaced by the forecast)
    reach: dict | None = None  # fill rate missed: the paid budget that reaches it (goal_budget)
    organic_plan: float = 0.0  # fill rate: bookings credited to the calendar's organic posts
    sessions: int = 0  # fill rate: the dated sessions ``organic_plan`` is credited on
    organic_months: dict | None = None  # fill rate: ``organic_plan`` by month, within seats

    @property
    def overshoots(self) -> bool:
        """The paid forecast alone passes the goal (a fill rate: with today's organic
        bookings, which its seats count)."""
        return self.gap < 0 if self.seats is not None else self.paid > self.target


OWN_RATES = ("history", "brief")  # conversion rates the client's own results or brief give


def rates_measured(paid: Paid) -> bool:
    """Whether every platform the paid forecast buys conversions on (conversion spend: an
    awareness-only platform is bought for reach, its rate unused) converts at a rate of the
    client's own (its ads history or the brief): until then the plan proposes no budget
    beyond the brief's, whatever the forecast says more would bring (a borrowed rate, a
    ceiling most of all, is what the first campaign month tests)."""
    funded = {c.platform for c in paid.channels if c.conversion_spend > 0}
    return all(m["cvr"]["basis"] in OWN_RATES for m in paid.models if m["platform"] in funded)


def held_by_cap(paid: Paid) -> str | None:
    """Why the paid budget stops short of the envelope when it is not break-even: "bound"
    when the most leads the history supports (``lead_bound``) lowered the budget, "seats"
    when the free seats of the booked line did (``Paid.seats``, its ``budget_before``: the
    budget the cap replaced); None when break-even is the limit (or nothing is held back)."""
    held, cap = paid.held_back or {}, paid.seats or {}
    if held.get("budget", 0) < 0.5 or not cap.get("free_paid") or not cap.get("budget_before"):
        return None
    return "bound" if cap.get("bound") else "seats"


def capacity_line(offer: Sequence[OfferLine], books: str | None) -> OfferLine | None:
    """The offer line a fill-rate goal fills: the line paid conversions book when it has a
    capacity, else the only line with one."""
    lines = [o for o in offer if o.capacity_per_month]
    booked = next((o for o in lines if books and o.name.casefold() == books.casefold()), None)
    return booked or (lines[0] if len(lines) == 1 else None)


def seats(line: OfferLine, months: int, baseline: float | None, target: float,
          bookings: float, held: float | None = None) -> Seats:
    """A fill rate in seats: capacity over the months (``held``: the seats of the dated
    sessions, ``sessions.sessions``, else the line's monthly capacity times the months),
    booked today, needed at the target, and the fill rate today's bookings plus
    ``bookings`` would give."""
    capacity = held if held else float(line.capacity_per_month or 0) * months
    booked = float(round(capacity * baseline / 100)) if baseline is not None else None
    after = (booked + bookings) / capacity * 100 if booked is not None and capacity else None
    return Seats(line.name, capacity / months if held and months else
                 float(line.capacity_per_month or 0), months, capacity, booked,
                 float(math.ceil(capacity * target / 100 - 1e-9)), after)  # whole seats


def repeat_revenue(paid: Paid, months: int) -> float | None:
    """The customer file's repeat orders (beyond each customer's first) at its own pace,
    over ``months``, times its spend per order; None without a customer value."""
    return repeat_from(paid.customer_value, months)


def repeat_from(cv: dict | None, months: int) -> float | None:
    """``repeat_revenue`` from a customer value (``Paid.customer_value``, as in plan.json)."""
    if not cv or not cv.get("file_months"):
        return None
    extra = cv["customers"] * max(0.0, cv["orders_per_customer"] - 1)
    return round(extra / cv["file_months"] * months * cv["order_value"], 2)


def repeat_in_paid(cv: dict | None, paid_revenue: float) -> float:
    """The repeat orders' revenue already inside the paid forecast: an ads purchase is any
    purchase, first or repeat, so at the customer file's mix (its repeat orders over all its
    orders) that share of the paid revenue is repeat orders; 0 without a customer value."""
    if not cv or not cv.get("orders_per_customer") or cv["orders_per_customer"] <= 1:
        return 0.0
    share = (cv["orders_per_customer"] - 1) / cv["orders_per_customer"]
    return round(max(0.0, paid_revenue) * share, 2)


def ads_part(kpi: str, value: float | None, detail: str, history: dict | None,
             conversion: str, months: int) -> float:
    """The part of a goal's baseline ``value`` the ads history brings, in the baseline's
    unit (capped at it): all of it when the baseline is the ads export's own figure
    (``detail`` "paid_social"); else the history's conversion revenue over ``months``
    (revenue), its conversions a month (leads, when a conversion is a lead) or its bookings
    over ``months`` (fill rate: seats); 0 without an ads history."""
    if value is None:
        return 0.0
    if detail == "paid_social":
        return float(value)
    rows = [p for p in ((history or {}).get("platforms") or {}).values() if p.get("months")]
    if not rows:
        return 0.0
    if kpi == "social_revenue":
        part = sum(p.get("revenue") or 0.0 for p in rows) / max(p["months"] for p in rows) \
            * months
    elif kpi == "leads_per_month" and conversion in LEAD_KINDS:
        part = sum(p["conversions"] for p in rows) / max(p["months"] for p in rows)
    elif kpi == "fill_rate" and conversion in BOOKING_KINDS:
        part = sum(p["conversions"] for p in rows) / max(p["months"] for p in rows) * months
    else:
        return 0.0
    return min(float(value), max(0.0, float(part)))


def organic_today(kpi: str, value: float | None, detail: str, history: dict | None,
                  conversion: str, months: int) -> float:
    """What today's baseline brings that the paid forecast does not replace: the baseline
    less its ads history's part (``ads_part``); 0 without a baseline."""
    if value is None:
        return 0.0
    return max(0.0, float(value) - ads_part(kpi, value, detail, history, conversion, months))


def goal_gaps(objectives: list[Objective], paid: Paid, months: int,
              offer: Sequence[OfferLine] = ()) -> list[GoalGap]:
    """Each business goal the paid forecast can be compared with, in the objectives' order.
    ``months`` is the plan's length (the forecast's months); ``offer`` the brief's lines (a
    fill rate needs one with a capacity)."""
    totals = paid.totals
    held = paid.held_back or {}
    out: list[GoalGap] = []
    for o in objectives:
        if not o.from_brief or not o.target or o.target <= 0:
            continue
        verdict = {"realistic": o.realistic, "realistic_target": o.realistic_target}
        if o.kpi == "fill_rate" and paid.conversion in BOOKING_KINDS \
                and o.horizon_months == months:
            line = capacity_line(offer, paid.books)
            if line is None:
                continue
            bookings = float(totals["conversions"])
            dated = paid.seats or {}
            held = sum(dated.get("held_by_month", {}).values()) \
                if dated.get("line") == line.name else None
            org, n = organic_bookings(dated, line.name) if o.baseline.value is not None \
                else (0.0, 0)  # the organic posts' convention, over today's bookings
            s = seats(line, months, o.baseline.value, float(o.target), bookings, held)
            org_months = within_free_seats(dated, org, s.booked or 0.0, s.capacity,
                                           monthly_sums(paid, "conversions"))
            org = sum(org_months.values())
            by_ads = min(s.booked or 0.0, ads_part(
                o.kpi, s.booked, "", paid.history, paid.conversion, months))
            if s.booked is not None and s.capacity:  # ads part replaced by the forecast
                s.fill_after = (s.booked - by_ads + bookings + org) / s.capacity * 100
            wanted = s.needed - (s.booked or 0) + by_ads - org  # paid bookings it needs
            reach = budget_to_reach(paid.sweep, wanted, paid.break_even_cpa, dated.get(
                "free_paid") if dated.get("line") == line.name else None) \
                if wanted > bookings and not paid.held_back else None
            out.append(GoalGap(o.kpi, o.goal, float(o.target), o.baseline.value, bookings,
                               bookings / wanted * 100 if wanted > 0 else 100.0,
                               wanted - bookings, seats=s, organic=(s.booked or 0) - by_ads,
                               from_ads=by_ads, reach=reach, organic_plan=org,
                               organic_months=org_months if org else None,
                               sessions=n if org else 0, **verdict))
            continue
        if o.kpi == "social_revenue" and paid.aov and o.horizon_months == months:
            forecast = float(totals["revenue"])  # booked within the goal's months:
            forecast -= (paid.deal or {}).get("after_plan", 0.0)  # deals closing after: not
        elif o.kpi == "leads_per_month" and paid.conversion in LEAD_KINDS and months:
            forecast = float(totals["conversions"]) / months
        else:
            continue
        basis = (o.kpi, o.baseline.value, o.baseline.detail, paid.history,
                 paid.conversion, o.horizon_months or months)
        organic, from_ads = organic_today(*basis), ads_part(*basis)
        organic *= kept_share(o.baseline.covers)  # the posting the plan keeps
        gap = float(o.target) - forecast - organic
        extra: dict = {"organic": organic, "from_ads": from_ads}
        if o.kpi == "social_revenue" and gap > 0:
            repeat = repeat_revenue(paid, months)
            if repeat is not None:  # each pound once: less what the paid purchases hold
                held_in_paid = min(repeat, repeat_in_paid(paid.customer_value, forecast))
                repeat -= held_in_paid
                extra |= {"repeat": min(repeat, gap), "unexplained": max(0.0, gap - repeat),
                          "repeat_in_paid": held_in_paid}
        out.append(GoalGap(o.kpi, o.goal, float(o.target), o.baseline.value, forecast,
                           forecast / o.target * 100, gap, held.get("budget"),
                           held.get("conversions"), **extra, **verdict))
    return out


def forecast_total(g: GoalGap) -> float | None:
    """What the plan's own forecasts add up to for a goal, in the target's unit: today's
    organic part (``organic_today``) plus the paid forecast, plus the repeat customers'
    revenue (revenue); for a fill rate, the rate today's organic bookings plus the paid ones
    give. The repeat revenue is net of the repeat orders the paid forecast already counts
    (``repeat_in_paid``)."""
    if g.seats is not None:
        return g.seats.fill_after
    return g.organic + g.paid + (g.repeat or 0.0)


def _realistic(total: float, g: GoalGap) -> float:
    """A goal's realistic value from its forecast total: a fill rate in whole percent (as
    its seats sentence shows it), any other goal to two decimals."""
    return round(total, 0 if g.seats is not None else 2)


def form_leads_a_month(paid: Paid, months: int) -> float:
    """The paid forecast's leads a month on the platforms' own lead gen forms
    (``Paid.lead_forms``), which never reach the site: a month of the year, as a leads
    goal's count is its year's mean."""
    on_forms = set(paid.lead_forms or {})
    return sum(c.conversions for c in paid.channels if c.platform in on_forms) / max(1, months)


def with_forecasts(ob: Objectives, paid: Paid, months: int,
                   offer: Sequence[OfferLine] = ()) -> Objectives:
    """The objectives with each business goal the plan forecasts judged on what its own
    forecasts add up to (``forecast_total``), one definition of the realistic value for
    every chapter, in place of the value reachable at the KPI's pace: flagged, with that
    value, when the forecasts fall short of the target (whatever the pace says), not
    flagged when they reach it. Goals the paid forecast cannot be compared with keep the
    pace's value."""
    if paid.total <= 0:
        return replace(ob, objectives=held_at_today(linked_rates(list(ob.objectives))))
    # a month of the year, as the leads goal's count is its year's mean: the paid clicks
    # that visit the site, and the leads on lead gen forms, which never do
    on_forms, n = set(paid.lead_forms or {}), max(1, months)
    clicks = sum(c.clicks for c in paid.channels if c.platform not in on_forms) / n
    forms = form_leads_a_month(paid, months)
    dated = site_clicks_by_month(paid, on_forms)  # the months the clicks fall in
    gaps = goal_gaps(ob.objectives, paid, months, offer)
    by_goal = {g.goal: g for g in gaps}
    out = []
    for o in ob.objectives:
        g = by_goal.get(o.goal) if o.from_brief else None
        total = forecast_total(g) if g is not None else None
        if total is not None and o.target is not None:
            o = replace(o, realistic=total >= o.target, realistic_target=None
                        if total >= o.target else _realistic(total, g),
                        organic_bookings=g.organic_plan or None)
        out.append(o)
    out = with_ads_forecast(out, paid, months)  # an ads KPI's target: the forecast's
    # the repeat rate committed to what its past-buyer programme forecasts (lever_goals)
    return replace(ob, objectives=held_at_today(with_programme(linked_rates(
        out, clicks, forms, dated), paid)))


def site_clicks_by_month(paid: Paid, on_forms: set[str]) -> dict[str, int]:
    """The paid clicks that visit the site, by the month they happen in (each platform's
    clicks phased as its impressions are, ``Paid.monthly``): {YYYY-MM: clicks}, months
    with at least one click only."""
    by = {c.platform: c for c in paid.channels if c.platform not in on_forms and c.clicks > 0}
    out: dict[str, float] = {}
    for r in paid.monthly:
        c = by.get(r["platform"])
        if c is not None and c.impressions > 0:
            out[r["month"][:7]] = out.get(r["month"][:7], 0.0) + \
                c.clicks * r["impressions"] / c.impressions
    return {m: round(v) for m, v in sorted(out.items()) if v >= 0.5}


def ads_forecast(kpi: str, paid: Paid) -> dict | None:
    """The paid forecast's conversion campaigns on an ads KPI measured on the history's
    (``objectives.ads_kpis``): the plan's one ROAS or cost per conversion
    (``conversion_cost``, as ``Paid.totals``), with the figures it rests on; None for
    another KPI or without conversions."""
    both = campaigns(paid.channels)
    if not both["conversions"]:
        return None
    value = roas(both["revenue"], both["spend"]) if kpi == "roas" else \
        cost(both["spend"], both["conversions"]) if kpi == "cpa" else None
    if value is None:
        return None
    return {"value": round(value, 4), "spend": round(both["spend"], 2),
            "revenue": round(both["revenue"], 2), "conversions": round(both["conversions"], 1)}


def with_ads_forecast(objectives: list[Objective], paid: Paid, months: int
                      ) -> list[Objective]:
    """A problem's objective on an ads KPI of the history (ROAS, cost per conversion) takes
    the paid forecast's value as its target (``ads_forecast``): one figure for the KPI in the
    objectives and the paid chapter, never a growth pace the forecast does not back, and
    never today's value held flat against a forecast the plan's own spending misses by
    design. When the forecast is worse than today, ``baseline.covers["worse"]`` keeps what
    the sentence says why with: the sales (ROAS) or conversions (cost per conversion) a
    month today and forecast, and whether they rise (``more``: the plan buys more volume at
    a lower average return while one more still pays)."""
    from .objectives import _trajectory

    cat = kpi_catalogue()
    paid_months = len(getattr(paid, "paid_months", None) or []) or months
    out = []
    for o in objectives:
        f = ads_forecast(o.kpi, paid) if not o.from_brief and o.baseline.value is not None \
            and o.baseline.detail == "ads_history" else None
        if f is not None:
            today, up = o.baseline.value, cat[o.kpi]["direction"] == "up"
            covers = dict(o.baseline.covers, forecast=f)
            if f["value"] < today if up else f["value"] > today:
                covers["worse"] = worse_than_today(o.kpi, covers, paid_months)
            target = round(f["value"], 4)
            o = replace(o, target=target, baseline=replace(o.baseline, covers=covers),
                        trajectory=_trajectory(today, target, months))
        out.append(o)
    return out


def worse_than_today(kpi: str, covers: dict, months: int) -> dict:
    """{monthly_today, monthly, more}: what an ads KPI's volume is a month in the ads
    history (``covers["ads"]``) and in the forecast (``covers["forecast"]`` over the paid
    ``months``): sales for ROAS, conversions for the cost per conversion; ``more`` when the
    forecast's is higher (a lower return bought for more volume)."""
    field = "revenue" if kpi == "roas" else "conversions"
    ads, f = covers.get("ads") or {}, covers["forecast"]
    today = ads.get(field, 0.0) / ads["months"] if ads.get("months") else 0.0
    plan = f[field] / months if months else 0.0
    return {"monthly_today": round(today, 2), "monthly": round(plan, 2),
            "more": plan > today * 1.0001}


def held_at_today(objectives: list[Objective]) -> list[Objective]:
    """A goal that asks for growth never gets a realistic target worse than today's
    measured value: when what the plan's forecasts give (``realistic_target``) is below
    today's (above it, for a KPI whose direction is down), the realistic target holds
    today's value and the forecast's figure is kept in ``baseline.covers["below_today"]``
    for the sentence that says so and why (the fall is a risk the reviews watch, not a
    goal)."""
    cat = kpi_catalogue()
    out = []
    for o in objectives:
        b, r = o.baseline, o.realistic_target
        if o.realistic or r is None or b.value is None or o.target is None:
            out.append(o)
            continue
        up = cat[o.kpi]["direction"] == "up"
        grows = o.target > b.value if up else o.target < b.value
        if grows and (r < b.value - 1e-9 if up else r > b.value + 1e-9):
            o = replace(o, realistic_target=round(float(b.value), 4), baseline=replace(
                b, covers=dict(b.covers, below_today=r)))
        out.append(o)
    return out


def linked_rates(objectives: list[Objective], paid_clicks: float = 0.0,
                 form_leads: float = 0.0, dated: dict[str, int] | None = None
                 ) -> list[Objective]:
    """A conversion-rate goal and a leads goal that count the same event over the same
    social sessions are one figure seen twice: the rate's target implies a count on the
    site (target x the sessions a month the plan brings: today's, which both baselines
    imply, leads / rate, at the posting the plan keeps (``organic_posting.kept_share``,
    as today's organic leads), plus ``paid_clicks``, the paid forecast's clicks a month that
    visit the site). When that count passes what the leads goal can realistically reach
    on the site (its flagged realistic value, else its target, less ``form_leads``, the
    paid forecast's leads a month on lead gen forms, which no web session brings and the
    web analytics never counts), the rate is flagged too, its realistic value the rate
    that count gives over those sessions; what it implies is kept in
    ``baseline.covers["linked"]`` for the sentence that says it, with ``dated``, the
    clicks by the month they happen in (``site_clicks_by_month``): a test's clicks fall in
    its own months, and the sentence says so rather than a mean of the year."""
    leads = next((o for o in objectives if o.from_brief and o.kpi == "leads_per_month"
                  and o.baseline.value and o.target), None)
    if leads is None:
        return objectives
    count = leads.realistic_target if not leads.realistic else leads.target
    out = []
    for o in objectives:
        b = o.baseline
        same = (b.covers.get("counted") or {}).get("event") == \
            (leads.baseline.covers.get("counted") or {}).get("event")
        if o.kpi == "social_conversion_rate" and o.from_brief and b.value and o.target \
                and same and count is not None:
            # a month, both baselines'; each part whole, and the total their sum (the
            # sentence says "4,058 (3,113 + 944)": never a total off its parts by rounding)
            seen = round(leads.baseline.value / (b.value / 100))
            today = round(seen * kept_share(leads.baseline.covers))  # the posting kept
            paid_clicks = round(paid_clicks)
            sessions = today + paid_clicks
            site = max(0.0, count - form_leads)  # the goal's leads that visit the site
            implied = o.target / 100 * sessions
            if implied > site * 1.0001:
                covers = dict(b.covers, linked={
                    "goal": leads.goal, "sessions": today, "today": seen, "paid": paid_clicks,
                    "total": sessions, "implied": round(implied), "count": round(site),
                    "forms": round(form_leads, 2), "event": (b.covers.get("counted") or {}
                                                             ).get("event"),
                    "months": dict(dated or {})})
                o = replace(o, realistic=False, realistic_target=round(
                    site / sessions * 100, 2), baseline=replace(b, covers=covers))
        out.append(o)
    return out


def forecast_based(o: Objective, paid: Paid, months: int,
                   offer: Sequence[OfferLine] = ()) -> bool:
    """Whether a flagged goal's realistic value is the plan's forecasts (``with_forecasts``)
    rather than the value reachable at the KPI's pace."""
    if o.realistic or o.realistic_target is None or paid.total <= 0:
        return False
    g = next((g for g in goal_gaps([o], paid, months, offer)), None)
    total = forecast_total(g) if g is not None else None
    value = o.baseline.covers.get("below_today", o.realistic_target)  # held at today's
    return total is not None and math.isclose(_realistic(total, g), value)
