"""Team and cost: the source document's roles sized in FTE, their cost in-house, with an
agency or with freelancers, the plan's total cost, ROI including the team, and a monthly
P&L. Sizing rules and pay figures are in data/roles.yaml with their sources."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from .brief import Brief
from .budget import Paid
from .catalogue import role_facts  # noqa: F401 (re-exported)

# Roles whose time produces content (posting capacity, channels chapter).
CONTENT_ROLES = ("content_manager", "social_media_manager")


@dataclass
class RolePlan:
    role: str
    fte: float
    annual_pay: float  # plan currency
    pay_basis: str  # "brief" or "us_benchmark"
    cost: float  # in-house: loaded cost over the plan period, FTE rounded up to a half
    freelance: float  # exact FTE in days x loaded day cost x freelance premium
    agency: float  # exact FTE x loaded cost x agency multiplier
    best: str  # cheapest of in_house / freelance / agency for this role


@dataclass
class Team:
    roles: list[RolePlan]
    fte: float
    in_house: float
    agency: float
    freelancers: float
    mixed: float  # each role from its cheapest source
    cheapest: str
    posts_per_week: float
    channels: int
    total_cost: dict  # team, ads, production, tools, total
    revenue: float | None
    roi: float | None  # (revenue x margin - total cost) / total cost, percent
    monthly: list[dict]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def content_fte(self) -> float:
        """FTE that produce content (content manager and social media manager): what the
        channels chapter sizes posting capacity from."""
        return sum(r.fte for r in self.roles if r.role in CONTENT_ROLES)


def size_roles(brief: Brief, paid_total: float) -> dict[str, float]:
    """FTE per role. SME: one social media manager, 0.5 to 1.5 FTE from channels and
    posting volume (0.3 + 0.1 per channel + posts per week / 40). Large: a strategist
    (0.5, 1 above 4 channels), content managers (posts per week / 12), community managers
    (channels / 4), an analyst (0.5), campaign managers (paid budget a year / 1M, at least
    0.3 when there is paid media) and designers (posts per week / 15)."""
    rules = role_facts()["sizing"]
    channels = len(brief.situation.channels)
    posts = sum(c.posts_per_week or 0 for c in brief.situation.channels)
    months = brief.client.period.months
    if brief.client.size == "sme":
        fte = min(1.5, max(0.5, 0.3 + 0.1 * channels + posts / 40))
        return {"social_media_manager": round(fte, 2)}
    yearly_paid = paid_total * 12 / months
    return {
        "strategist": 1.0 if channels > 4 else 0.5,
        "content_manager": round(max(0.5, posts / rules["posts_per_content_fte"]), 2),
        "community_manager": round(max(0.5, channels / rules["channels_per_community_fte"]), 2),
        "analyst": 0.5,
        "campaign_manager": round(max(0.3 if yearly_paid else 0.0,
                                      yearly_paid / rules["paid_per_campaign_fte"]), 2),
        "designer": round(max(0.5, posts / rules["posts_per_design_fte"]), 2),
    }


def plan_team(brief: Brief, paid: Paid | None) -> Team:
    """The team chapter's results."""
    facts = role_facts()
    months = brief.client.period.months
    rate = paid.rate if paid else 1.0
    ads = paid.total if paid else brief.budget.paid_media  # what the plan spends on ads
    ftes = size_roles(brief, ads)
    roles = []
    for role, fte in ftes.items():
        given = brief.budget.salaries.get(role)
        pay = given if given is not None else facts["roles"][role]["pay_usd"] * rate
        loaded = pay * facts["employer_cost_factor"] * months / 12  # one FTE, plan period
        hired = np.ceil(fte * 2) / 2  # nobody is hired for less than a half-time post
        costs = {"in_house": hired * loaded, "freelance": fte * loaded *
                 facts["freelance_premium"], "agency": fte * loaded * facts["agency_multiplier"]}
        roles.append(RolePlan(role, fte, round(pay, 2), "brief" if given is not None else
                              "us_benchmark", round(costs["in_house"], 2),
                              round(costs["freelance"], 2), round(costs["agency"], 2),
                              min(costs, key=costs.get)))
    in_house = sum(r.cost for r in roles)
    agency = sum(r.agency for r in roles)
    freelancers = sum(r.freelance for r in roles)
    mixed = sum(min(r.cost, r.freelance, r.agency) for r in roles)
    options = {"in_house": in_house, "agency": agency, "freelancers": freelancers,
               "mixed": mixed}
    team_cost = options[min(options, key=options.get)]
    total = {"team": round(team_cost, 2), "ads": ads, "production": brief.budget.production,
             "tools": brief.budget.tools}
    total["total"] = round(sum(total.values()), 2)
    revenue = paid.totals["revenue"] if paid and paid.aov else None
    margin = (paid.margin or 100) / 100 if paid else 1.0
    roi = (revenue * margin - total["total"]) / total["total"] * 100 if revenue else None
    monthly, cumulative = [], 0.0
    per_month_revenue = {}
    if paid:
        for row in paid.monthly:
            per_month_revenue[row["month"]] = per_month_revenue.get(row["month"], 0) + (
                row["revenue"] or 0)
    for month in brief.client.period.month_starts:
        key = month.isoformat()
        rev = per_month_revenue.get(key, 0.0)
        cost = total["total"] / months
        gross = rev * margin
        cumulative += gross - cost
        monthly.append({"month": key, "team": round(team_cost / months, 2),
                        "ads": round(ads / months, 2),
                        "production": round(brief.budget.production / months, 2),
                        "tools": round(brief.budget.tools / months, 2),
                        "revenue": round(rev, 2), "gross_margin": round(gross, 2),
                        "result": round(gross - cost, 2), "cumulative": round(cumulative, 2)})
    notes = []
    if any(r.pay_basis == "us_benchmark" for r in roles) and brief.client.country != "US":
        notes.append("us_pay_converted")
    if brief.budget.team and abs(brief.budget.team - team_cost) / max(team_cost, 1) > 0.25:
        notes.append("team_budget_gap")
    return Team(roles, round(sum(ftes.values()), 2), round(in_house, 2), round(agency, 2),
                round(freelancers, 2), round(mixed, 2), min(options, key=options.get),
                sum(c.posts_per_week or 0 for c in brief.situation.channels),
                len(brief.situation.channels), total,
                round(revenue, 2) if revenue else None, round(roi, 1) if roi else None,
                monthly, notes)
