"""What a sector lever run by paid creators costs: the calendar's posts of the lever's ideas
(``ideas[].lever`` in the sector playbook) at the playbook's fee per post by platform
(``levers[].cost``: a published figure or an assumption, each with its source), plus the
paid usage rights its reuse as ads needs, in the plan's currency; set against the brief's
production budget, which pays for it (so the plan's total cost and ROI include it)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .brief import Brief
from .currency import convert
from .sectors import playbook


@dataclass
class CreatorCost:
    lever: str  # the playbook lever's key
    name: dict  # its name, en / fr
    posts: dict[str, int]  # creator posts the calendar schedules, by platform
    fees: dict[str, float]  # fee per post by platform, plan currency, usage rights excluded
    rights: float  # usage rights, percent of the fee
    total: float  # fees plus usage rights, plan currency
    production: float  # the brief's production budget that pays for it
    sources: dict[str, str] = field(default_factory=dict)  # per_post / other / rights
    rate: tuple[str, str] | None = None  # (date, source) of the currency conversion
    ads: dict[str, int] = field(default_factory=dict)  # of them run as ads, by platform

    @property
    def shortfall(self) -> float:
        """What the production budget lacks to pay the creators (0 when it covers them)."""
        return max(0.0, round(self.total - self.production, 2))

    def to_json(self) -> dict:
        return {"lever": self.lever, "posts": self.posts,
                "fees": {p: round(v, 2) for p, v in self.fees.items()},
                "rights": self.rights, "total": round(self.total, 2),
                "production": self.production, "shortfall": self.shortfall,
                "sources": self.sources, "rate": list(self.rate) if self.rate else None,
                "ads": self.ads}


def creator_cost(brief: Brief, slots) -> CreatorCost | None:
    """The cost of the sector's costed lever from the calendar ``slots`` that carry it out;
    None when the playbook costs no lever or the calendar schedules none of its posts."""
    lever = next((x for x in playbook(brief.client.sector_kind)["levers"] if x.get("cost")),
                 None)
    if lever is None:
        return None
    mine = [s for s in slots if getattr(s, "lever", "") == lever["key"]]
    posts = Counter(s.platform for s in mine)
    ads = Counter(s.platform for s in mine if getattr(s, "sponsored", False))
    if not posts:
        return None
    cost, currency = lever["cost"], brief.client.currency
    rate = None
    fees = {}
    for platform in posts:
        fee = cost["per_post"].get(platform, cost.get("other"))
        if fee is None:  # no figure for this platform and no fallback: not costed
            continue
        fees[platform], day, source = convert(float(fee), cost["currency"], currency)
        rate = (day, source) if source else rate
    rights = float(cost.get("rights") or 0)
    total = sum(posts[p] * fees[p] for p in fees) * (1 + rights / 100)
    sources = {k: cost[f"{k}_source"] for k in ("per_post", "other", "rights")
               if cost.get(f"{k}_source")}
    return CreatorCost(lever["key"], lever["name"], dict(posts), fees, rights,
                       round(total, 2), float(brief.budget.production or 0), sources, rate,
                       dict(ads))
