"""A platform with an ads history keeps the history's point when its targets are cut, and
the plan's split never forecasts less than today's split at the same spend.

Targets a card rules out on a platform (few of them came through it,
``target_spend.channel_verdicts``) bought none of the history's conversions: the platform's
curve, cut to the targets it keeps, still passes through the history's conversions at the
history's spend, and a conversion is still worth the history's value per conversion. A
target left out for its return (``target_spend.unearning``) took its part of the history's
conversions and value with it: the curve is the card-cut one scaled to the part kept
(``target_spend.restrict``). So at today's spend and today's split, on the history's months,
the forecast gives today's result (``fit``, checked by ``checks.py``).

The optimiser's split is kept only when it forecasts at least what today's platform split
forecasts at the same conversion spend (``no_worse_than_today``); else today's split is.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from . import target_spend as ts

TOLERANCE = 0.02  # the forecast at today's spend and split against today's result


def _through(model, history) -> float:
    """The lift that puts ``model`` through the history's conversions at its spend (the
    history's months, season and demand); the model's own when it cannot."""
    at = replace(model, season=1.0, periods=history.months, demand=1.0)
    full = float(at.chain(history.spend)["conversions"])
    pool = float(replace(at, lift=0.0).chain(history.spend)["conversions"])  # retargeting
    if full - pool <= 0 or history.conversions <= pool:
        return model.lift
    return model.lift * (history.conversions - pool) / (full - pool)


def restricted(base: list, values: list, targets: list[dict], left_out: dict,
               fitted: dict) -> list:
    """Each platform's model (``base``, copied) on the targets it keeps
    (``target_spend.restrict``), with a platform with an ads history (``fitted``) kept on
    its history's point for the targets its cards rule out (module doc)."""
    out = []
    for m, v in zip(base, values, strict=True):
        gone = left_out.get(m.platform, {})
        cut = ts.restrict(replace(m), targets, gone, v or None)
        history = fitted.get(m.platform)
        cards = {k: x for k, x in gone.items() if x.get("channel")}
        if history is None or not cards or not history.conversions or cut.max == 0.0:
            out.append(cut)
            continue
        on_cards = ts.restrict(replace(m), targets, cards, v or None)
        value = cut.value
        if history.value and on_cards.value and cut.value:
            value = history.value * cut.value / on_cards.value
        out.append(replace(cut, lift=_through(on_cards, history), value=value))
    return out


def kept_mean(platform: str, targets: list[dict], gone: dict) -> float:
    """The mean relative value (``target_spend.relative_values``) of the targets a platform
    keeps, weighed by their part of its audience (1.0 when all are prospecting)."""
    return ts.kept_share(platform, targets, gone)[1]


def split_values(models, values: list, targets: list[dict], left_out: dict) -> list:
    """The value ``target_spend.target_split`` scales by each target's relative value so
    that a platform's targets add up to its own revenue (its value per conversion)."""
    return [v / kept_mean(m.platform, targets, left_out.get(m.platform, {}))
            for m, v in zip(models, values, strict=True)]


def today_shares(fitted: dict, names: list[str]) -> list[float] | None:
    """Each planned platform's share of today's conversion spend (the history's); None
    without a history on the planned platforms."""
    spent = {p: h.spend for p, h in fitted.items() if p in names}
    if not spent or not sum(spent.values()):
        return None
    return [spent.get(p, 0.0) / sum(spent.values()) for p in names]


def no_worse_than_today(alloc, shares: list[float] | None, budget: float, conversions,
                        lower: list[float], upper: list[float], by_revenue: bool):
    """The optimiser's allocation (``optimiser.Allocation``), or today's split of ``budget``
    when that is within the bounds and forecasts more (revenue, else conversions:
    ``conversions`` returns both for a list of spends); with whether today's was kept."""
    if shares is None:
        return alloc, False
    today = [budget * w for w in shares]
    if not all(lo - 0.01 <= x <= hi + 0.01 for x, lo, hi in zip(today, lower, upper,
                                                                 strict=True)):
        return alloc, False
    k = 1 if by_revenue else 0
    if conversions(today)[k] <= conversions(list(alloc.spend))[k] * (1 + 1e-6):
        return alloc, False
    return replace(alloc, spend=np.array(today, dtype=float)), True


def today_models(base: list, values: list, targets: list[dict] | None, left_out: dict,
                 fitted: dict) -> tuple[list, list]:
    """The platforms' models on the targets today's campaigns reach (all but those their
    cards rule out: the plan's cut for return apart) and their values per conversion."""
    cards = {p: {k: x for k, x in d.items() if x.get("channel")} for p, d in left_out.items()}
    models = restricted(base, values, targets or [], cards, fitted)
    return models, [m.value or v for m, v in zip(models, values, strict=True)]


def fit(fitted: dict, models, values: list) -> dict | None:
    """The models (``today_models``) at today's spend and split, on the history's months:
    {revenue, conversions (forecast), revenue_today, conversions_today, gap (relative, on
    revenue when the history has it, else conversions)}, over the platforms with revenue
    in the history when some have (as ``paid_value.against_today``); None without one."""
    conv = rev = conv_then = rev_then = 0.0
    seen, valued = False, any(h.revenue for h in fitted.values())
    for m, v in zip(models, values, strict=True):
        h = fitted.get(m.platform)
        if h is None or not h.spend or (valued and not h.revenue):
            continue
        seen = True
        at = replace(m, season=1.0, periods=h.months, demand=1.0)
        c = float(at.chain(h.spend)["conversions"])
        conv, rev = conv + c, rev + c * (v or 0.0)
        conv_then, rev_then = conv_then + h.conversions, rev_then + (h.revenue or 0.0)
    if not seen:
        return None
    basis, then = (rev, rev_then) if rev_then else (conv, conv_then)
    return {"conversions": round(conv, 2), "revenue": round(rev, 2),
            "conversions_today": round(conv_then, 2), "revenue_today": round(rev_then, 2),
            "gap": round(basis / then - 1, 4) if then else 0.0, "tolerance": TOLERANCE}
