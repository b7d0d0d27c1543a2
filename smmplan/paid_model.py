"""The paid chapter's results as the model hands them to the views: one platform's planned
spend and forecast (``ChannelPlan``) and the whole chapter's (``Paid``), built by
``budget.plan_paid`` (and re-exported there)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .budget_sweep import conversions_at
from .conversion_cost import campaigns, cost, roas
from .jsondata import as_data
from .paid_demand import Demand


@dataclass
class ChannelPlan:
    platform: str
    spend: float
    awareness_spend: float
    conversion_spend: float
    impressions: float
    reach: float
    clicks: float
    conversions: float
    revenue: float
    cpa: float | None
    roas: float | None
    conversions_low: float
    conversions_high: float
    extrapolated: bool = False  # planned monthly spend beyond twice the history's highest
    awareness_reach: float = 0.0  # people the awareness spend alone reaches
    awareness_impressions: float = 0.0  # the impressions that awareness spend buys


@dataclass
class Paid:
    objective: str
    total: float
    awareness_share: float  # percent
    aov: float | None  # value of one conversion: average order value x sale rate
    margin: float | None  # percent
    break_even_cpa: float | None
    rate: float
    rate_source: str
    channels: list[ChannelPlan]
    excluded: list[dict]  # {platform, reason}
    models: list[dict]  # rates, audience and their sources, per platform
    equal_split_conversions: float
    sweep: list[dict]  # {factor, budget (total), conversion_budget, conversions, revenue,
    #                    marginal_cpa}
    break_even_budget: float | None
    scenarios: dict[str, dict]  # low / mid / high totals
    monthly: list[dict]
    sponsor: list[dict]
    history: dict | None = None
    by_target: list[dict] = field(default_factory=list)  # per platform and target
    min_useful_spend: float = 0.0  # below it a platform gets nothing (optimiser)
    effective_frequency: float = 0.0  # exposures per person the reach curve assumes
    notes: list[str] = field(default_factory=list)
    conversion: str = "purchase"  # what one conversion is (brief, or inferred)
    aov_basis: str = "brief"  # "history": the ads export's conversion value per conversion
    envelope: float = 0.0  # the brief's paid budget; ``total`` is what the plan spends
    held_back: dict | None = None  # past break-even: {budget, conversions, marginal_cpa}
    envelope_conversions: float = 0.0  # conversions the whole envelope would buy
    historical_split: dict | None = None  # {conversions, revenue} at the history's split
    equal_split: dict | None = None  # {conversions, revenue, feasible}
    calibration: dict = field(default_factory=dict)  # per platform with history
    cpa_notes: list[dict] = field(default_factory=list)  # forecast CPA under the history's
    marginal_cpa: float | None = None  # cost of one more conversion at the planned budget
    order_value: dict = field(default_factory=dict)  # {basis, index by month, factor}
    first_order_break_even: float | None = None  # one conversion's value x margin
    customer_value: dict | None = None  # repeat orders over a horizon (paid_value.py)
    books: str | None = None  # the offer line one conversion books (brief)
    break_even_basis: str = "first_order"  # per conversion (never the customer value)
    unearned: list[dict] = field(default_factory=list)  # {platform, marginal_cpa, break_even,
    #                     conversions (the forecast's at min_useful_spend: a test's reading)}
    cvr_set_aside: dict = field(default_factory=dict)  # platform: why its web rate was not used
    cvr_counts: dict | None = None  # {event, pages}: the goal's key events the web rates count
    consumer_rated: list = field(default_factory=list)  # B2B lead goal: pessimistic rates
    lead_values: dict = field(default_factory=dict)  # B2B lead goal: value per platform
    # B2B lead goal: platforms forecast on their lead gen forms' published cost per lead
    # {platform: {site (the web rate it replaces), cpl: {low, mid, high}}}
    lead_forms: dict = field(default_factory=dict)
    deal: dict | None = None  # {months, close_rate, after_plan}: revenue booked at the deal
    today: dict | None = None  # ROAS of the ads history beside the forecast's (against_today)
    paid_months: list[str] = field(default_factory=list)  # months paid runs in (roll-out)
    seats: dict | None = None  # {line, capacity, fill, free (a month), budget_before,
    #                            before_basis (the stop it replaced: envelope / break_even)}
    peaks: list[dict] = field(default_factory=list)  # demand peaks the cost outweighs
    left_out: list[dict] = field(default_factory=list)  # {platform, target, cost, break_even}
    lifetime: dict | None = None  # annual lines: the conversions over contract years
    retention: dict | None = None  # past-buyer programme from the held-back budget
    tests: list[dict] = field(default_factory=list)  # dated, capped tests (trial_test)
    stop: str = "envelope"  # what set ``total``: the envelope, the break-even budget
    #                         ("break_even"), the free seats ("seats") or the lead bound ("bound")
    demand: Demand | None = None  # the demand by month the phasing follows (not in the JSON)

    @property
    def conversion_budget(self) -> float:
        """The part of the paid budget that buys conversions (the rest buys awareness)."""
        return self.total * (1 - self.awareness_share / 100)

    def to_json(self) -> dict:
        data = as_data(self)
        del data["demand"]
        return data

    @property
    def totals(self) -> dict:
        """The forecast's totals. ``cpa`` and ``roas`` are the plan's one cost per
        conversion and one return on ad spend: the conversion campaigns' spend over their
        conversions and their revenue over that spend (``conversion_cost.campaigns``), the
        ads history's own definitions, the figures every chapter quotes; the awareness
        spend buys reach and is costed on it (``views.budget_notes.cost_note``).
        ``roas_all_in`` is the revenue over the whole paid spend, awareness included, said
        once under that name (``budget.roas``)."""
        both = campaigns(self.channels)
        rev = sum(c.revenue for c in self.channels)
        return {"spend": self.total, "conversions": sum(c.conversions for c in self.channels),
                "revenue": rev, "conversion_spend": both["spend"],
                "cpa": cost(both["spend"], both["conversions"]),
                "roas": roas(both["revenue"], both["spend"]),
                "roas_all_in": rev / self.total if self.total else None}


def held_less(paid: Paid, amount: float) -> dict:
    """The budget held back (``Paid.held_back``) once ``amount`` of it is given a use: one
    amount, so every text that shows what is held back shows the rest. What the rest would
    still buy on top of the plan is read on the budget curve (``Paid.sweep``: returns fall
    as spend grows, so the first pounds of the rest buy more than its average), never more
    than the whole held-back amount's figure (its month caps); in proportion where the
    curve does not reach that far."""
    held = paid.held_back
    out = dict(held)
    left = round(held["budget"] - amount, 2)
    if held.get("conversions"):
        gain = curve_gain(paid.sweep, paid.total, left)
        conv = min(held["conversions"], gain) if gain is not None \
            else held["conversions"] * left / held["budget"]
        out["conversions"] = round(conv, 2)
        if held.get("marginal_cpa"):
            out["marginal_cpa"] = round(left / conv, 2) if conv > 0 else None
    out["budget"] = left
    return out


def curve_gain(sweep: list[dict], total: float, more: float) -> float | None:
    """Conversions ``more`` buys on top of a paid budget of ``total``, read on the budget
    curve (``budget_sweep.conversions_at``); None outside the curve."""
    budgets = [r["budget"] for r in sweep]
    if not budgets or total < min(budgets) or total + more > max(budgets):
        return None
    return conversions_at(sweep, total + more) - conversions_at(sweep, total)


def monthly_sums(paid: Paid, key: str) -> dict[str, float]:
    """The paid forecast's ``key`` (conversions, revenue) summed by month ("YYYY-MM")."""
    sums: dict[str, float] = {}
    for row in paid.monthly:
        month = str(row["month"])[:7]
        sums[month] = sums.get(month, 0.0) + float(row.get(key) or 0.0)
    return sums
