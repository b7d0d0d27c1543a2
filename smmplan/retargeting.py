"""Retargeting as a capped pool beside the prospecting curve.

An ads history's retargeting ad sets (``exports.ads.retargeting_rows``: site visitors, cart
abandoners, engagers, past customers) reach people who already know the brand: their size
follows the site's traffic, not the spend, so their low cost per conversion cannot be bought
at scale. A platform with such rows is forecast in two parts: the conversion curve is
fitted on its other (prospecting) rows (``calibration.platform_histories``), and
retargeting is a pool of at most ``max_multiple`` x the history's monthly retargeting spend
(``data/paid.yaml`` ``retargeting``), bought first, at the history's cost per conversion
(and cost per impression and click), with the plan months' CPM season and demand against
the history's. At the history's own spend, the two parts give its conversions exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .catalogue import paid_facts


@dataclass
class PoolMixin:
    """Mixed into a ``budget.ChannelModel`` (``pooled``): its first ``pool_spend`` a month
    buys retargeting at the history's rates; the rest follows the prospecting curve."""

    pool_spend: float = 0.0  # monthly cap of the retargeting spend
    pool_conversions: float = 0.0  # per unit of retargeting spend (the history's)
    pool_impressions: float = 0.0  # per unit of retargeting spend
    pool_clicks: float = 0.0  # per unit of retargeting spend

    def split(self, spend) -> tuple[np.ndarray, np.ndarray]:
        """(retargeting, prospecting) parts of a spend over the model's months."""
        spend = np.asarray(spend, dtype=float)
        pool = np.minimum(spend, self.pool_spend * self.periods)
        return pool, spend - pool

    def chain(self, spend, scenario: str = "mid") -> dict[str, np.ndarray]:
        pool, rest = self.split(spend)
        out = super().chain(rest, scenario)
        impressions = out["impressions"] + pool * self.pool_impressions / self.season
        return {"impressions": impressions,
                "reach": self.audience * -np.expm1(-impressions / self.audience),
                "clicks": out["clicks"] + pool * self.pool_clicks / self.season,
                "conversions": out["conversions"]
                + pool * self.pool_conversions / self.season * self.demand}

    def curve(self, scenario: str = "mid"):
        return lambda spend: self.chain(spend, scenario)["conversions"]


_POOLED: dict[type, type] = {}


def _pooled_class(base: type) -> type:
    """``PoolMixin`` over the model's class (no import of ``budget``: it imports this)."""
    if base not in _POOLED:
        cls = dataclass(type("PooledModel", (PoolMixin, base), {"__module__": __name__}))
        _POOLED[base] = globals()["PooledModel"] = cls
    return _POOLED[base]


def pooled(model, history):
    """The model with the history's retargeting pool (``history.retargeting``), capped at
    ``max_multiple`` x its monthly spend; the model unchanged without one."""
    pool = getattr(history, "retargeting", None)
    if not pool or pool["spend"] <= 0:
        return model
    cap = pool["spend"] / history.months * paid_facts()["retargeting"]["max_multiple"]
    fields = {f: getattr(model, f) for f in model.__dataclass_fields__}
    return _pooled_class(type(model))(**fields, pool_spend=cap,
                       pool_conversions=pool["conversions"] / pool["spend"],
                       pool_impressions=pool["impressions"] / pool["spend"],
                       pool_clicks=pool["clicks"] / pool["spend"])


def pool_json(model, history) -> dict | None:
    """The pool for plan.json and the paid chapter: the history's retargeting rows, spend,
    conversions and cost per conversion, against its prospecting rows', and the monthly
    cap the plan keeps (spend and conversions)."""
    pool = getattr(history, "retargeting", None)
    if not isinstance(model, PoolMixin) or not pool:
        return None
    pros_spend = history.spend - pool["spend"]
    pros_conv = history.conversions - pool["conversions"]
    at_cap = replace(model, season=1.0, demand=1.0, periods=1.0)
    return {"rows": pool["rows"], "spend": round(pool["spend"], 2),
            "conversions": round(pool["conversions"], 2),
            "revenue": round(pool["revenue"], 2) if pool.get("revenue") is not None else None,
            "cpa": round(pool["spend"] / pool["conversions"], 2) if pool["conversions"]
            else None,
            "prospecting_spend": round(pros_spend, 2),
            "prospecting_conversions": round(pros_conv, 2),
            "prospecting_cpa": round(pros_spend / pros_conv, 2) if pros_conv else None,
            "max_multiple": paid_facts()["retargeting"]["max_multiple"],
            "monthly_cap_spend": round(model.pool_spend, 2),
            "monthly_cap_conversions": round(float(at_cap.pool_spend
                                                   * at_cap.pool_conversions), 2)}
