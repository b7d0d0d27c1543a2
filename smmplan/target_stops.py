"""Each platform's, or target's, own stop threshold: the paid split by target
(``Paid.by_target``) values a conversion at the platform's own value (what the client's ads
history measured there) for prospecting, and at the target's order value only for an
audience of its customers (``target_spend.relative_values``). An ad set breaks even at its
value per conversion x the margin, not at the plan's break-even (``Paid.break_even_cpa``,
on the history's value over all platforms). When every target on a platform shares one
value, the threshold is the platform's (``platform_stops``); else each target's
(``target_stops``). The plan's break-even stays the rule for ads that reach every target.

A target card's message written for people who already buy (``RETAINING``: recognise and
keep, win back, make ambassadors) suits the client's own customer list and e-mail, not paid
prospecting, whose audience has not bought yet: prospecting to that target carries the
discovery message (``PROSPECTING``)."""

from __future__ import annotations

from .catalogue import paid_facts

RETAINING = ("premium", "winback", "loyal")  # targets.message keys aimed at customers
PROSPECTING = "discovery"
MIN_GAP = 0.01  # a threshold within 1 % of the plan's break-even is not a different one


def distinct(stop: float, break_even: float | None) -> bool:
    """Whether a platform's or target's own break-even ``stop`` differs from the plan's by
    more than ``stop_threshold.distinct_share`` (data/paid.yaml): within it, one rule."""
    share = float(paid_facts()["stop_threshold"]["distinct_share"])
    return bool(break_even) and abs(stop - break_even) > share * break_even


def target_stops(paid) -> list[dict]:
    """[{platform, target, value (per conversion), stop (break-even of that target's ad
    sets)}] (``stops``) when targets on one platform differ (an audience of customers
    valued at its own index); [] otherwise: one threshold per platform
    (``platform_stops``) or the plan's."""
    rows = stops(paid)
    return [] if one_per_platform(rows, paid.break_even_cpa) else rows


def platform_stops(paid) -> list[dict]:
    """[{platform, value, stop}] when every funded target on a platform has one value per
    conversion (prospecting: the platform's ads history value) and some platform's
    threshold differs from the plan's break-even; [] otherwise."""
    rows = stops(paid)
    if not rows or not one_per_platform(rows, paid.break_even_cpa):
        return []
    out: dict = {}
    for r in rows:
        out.setdefault(r["platform"], {"platform": r["platform"], "stop": r["stop"],
                                       "value": r.get("history_value", r["value"])})
    return list(out.values())


def one_per_platform(rows: list[dict], break_even: float) -> bool:
    """Whether the thresholds of ``rows`` differ only by platform (within ``MIN_GAP``)."""
    by: dict = {}
    for r in rows:
        by.setdefault(r["platform"], []).append(r["stop"])
    return bool(rows) and all(max(v) - min(v) <= MIN_GAP * break_even for v in by.values())


def stops(paid) -> list[dict]:
    """[{platform, target, value, stop}] for each funded platform x target with
    conversions, when some threshold differs from the plan's break-even (``distinct``;
    first-order break-even, one value per conversion, no per-platform lead values); []
    otherwise."""
    be, margin = paid.break_even_cpa, paid.margin
    if not be or not margin or not paid.aov or paid.break_even_basis != "first_order" \
            or paid.lead_values:
        return []
    funded = [r for r in paid.by_target if r.get("funded") and (r.get("conversions") or 0) > 0
              and r.get("revenue")]
    held = history_held(paid, funded)
    rows = []
    for r in funded:
        value = r["revenue"] / r["conversions"]
        factor = held.get(r["platform"], {}).get("factor", 1.0)
        rows.append({"platform": r["platform"], "target": r["target"],
                     "value": round(value, 2), "stop": round(value * factor * margin / 100, 2)}
                    | ({"planned_stop": round(value * margin / 100, 2),
                        "history_value": held[r["platform"]]["value"],
                        "planned_value": held[r["platform"]]["planned"]}
                       if r["platform"] in held else {}))
    if not any(distinct(r["stop"], be) for r in rows):
        return []
    return rows


def history_held(paid, funded: list[dict]) -> dict:
    """{platform: {value, planned, factor}} for each platform whose funded targets are
    valued, on average, above what a conversion there is worth in the client's own ads
    history (its revenue over its conversions): their thresholds are scaled down to the
    history's value (``factor``) until the first month measures a conversion's value from
    those targets. The client's data first: a forecast's target mix is a hope until then."""
    out = {}
    for platform in dict.fromkeys(r["platform"] for r in funded):
        cal = (getattr(paid, "calibration", None) or {}).get(platform) or {}
        if not cal.get("conversions") or not cal.get("revenue"):
            continue
        mine = [r for r in funded if r["platform"] == platform]
        planned = sum(r["revenue"] for r in mine) / sum(r["conversions"] for r in mine)
        history = cal["revenue"] / cal["conversions"]
        if above_history(planned, history):
            out[platform] = {"value": round(history, 2), "planned": round(planned, 2),
                             "factor": history / planned}
    return out


def prospecting_swaps(paid, personas) -> list[dict]:
    """[{target, platforms, card (its message key)}]: the funded targets whose card message
    is for customers (``RETAINING``), with the platforms their prospecting runs on; their
    ads carry ``PROSPECTING`` instead."""
    funded: dict = {}
    for r in paid.by_target:
        if r.get("funded") and (r.get("spend") or 0) > 0:
            funded.setdefault(r["target"], []).append(r["platform"])
    return [{"target": p.id, "platforms": funded[p.id], "card": p.message}
            for p in personas if p.id in funded and not p.declared
            and p.message in RETAINING]


def above_history(value: float, history: float | None) -> bool:
    """Whether a value per conversion the plan expects on a platform is above what one is
    worth there in the client's ads history (beyond ``MIN_GAP``): the one rule of the held
    thresholds (``history_held``) and of the low scenario (``low_values``)."""
    return bool(history) and value > history * (1 + MIN_GAP)


def low_values(models, values: list, fitted: dict) -> tuple[list, dict]:
    """The low scenario's value per conversion on each platform: the history's (its
    ``PlatformHistory.value``) where the plan expects more from its targets there
    (``above_history``), else the plan's; with {platform: {value, planned}} of those held."""
    out, held = [], {}
    for m, v in zip(models, values, strict=True):
        history = getattr(fitted.get(m.platform), "value", None)
        if v and above_history(v, history):
            out.append(history)
            held[m.platform] = {"value": round(history, 2), "planned": round(v, 2)}
        else:
            out.append(v)
    return out, held
