"""What the ads history says about who to target, for the targets chapter.

The cheapest and dearest values of each people breakdown of the ads export (age band,
gender, region, interest), with the same figures as the paid chapter: both come from
``exports.ads.ads_breakdowns`` on the same export, rounded the same way. An age band or a
gender is matched to the targets over-represented in it (share of the target in the band
at least ``MATCH_LIFT`` times the audience's), or, for personas declared in the brief, to
those whose age range overlaps the band. Nothing when the export has no such breakdown.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .audience import Audience
from .brief import Brief
from .errors import DataError
from .exports.ads import PEOPLE_BREAKDOWNS, ads_breakdowns, read_ads

MATCH_LIFT = 1.2  # share of a target in a segment / the audience's, from which they match
DECIMALS = 4  # the paid chapter's rounding of the breakdown table (plan.json)
_BAND = re.compile(r"^\s*(\d{1,3})\s*(?:-|–|to|à)\s*(\d{1,3})\s*$|^\s*(\d{1,3})\s*\+\s*$",
                   re.I)
_WOMEN, _MEN = ("f", "w"), ("m", "h")  # female, femme, women; male, homme, men


def age_band(value: str) -> tuple[float, float] | None:
    """An age band's bounds: "25-34" -> (25, 35), "65+" -> (65, inf); None otherwise."""
    found = _BAND.match(str(value))
    if not found:
        return None
    if found.group(3):
        return float(found.group(3)), float("inf")
    return float(found.group(1)), float(found.group(2)) + 1


def gender_of(value: object) -> str | None:
    """"women" or "men" for a gender value (female, F, femme, women...), else None."""
    text = str(value).strip().lower()
    if not text or text in ("unknown", "inconnu", "nan", "all", "tous"):
        return None
    return "women" if text[0] in _WOMEN else "men" if text[0] in _MEN else None


def _members(aud: Audience, key: str, value: str) -> np.ndarray | None:
    """Per row: 1.0 in the segment, 0.0 outside, NaN unknown; None when the audience has
    no column for this breakdown."""
    if key == "age" and aud.age_column and age_band(value):
        lo, hi = age_band(value)
        ages = aud.features[aud.age_column].to_numpy(dtype=float)
        return np.where(np.isnan(ages), np.nan, ((ages >= lo) & (ages < hi)).astype(float))
    if key == "gender" and aud.gender_column and gender_of(value):
        people = aud.features[aud.gender_column].astype(object).map(
            lambda v: gender_of(v) if pd.notna(v) else None)
        known = people.notna().to_numpy()
        return np.where(known, (people == gender_of(value)).to_numpy(dtype=float), np.nan)
    return None


def _matched(aud: Audience | None, labels: np.ndarray | None, personas: list, key: str,
             value: str) -> list[dict]:
    """The targets over-represented in one segment: [{target, share, index}] (share: % of
    the target in the segment), strongest first; declared personas by age range."""
    if aud is not None and labels is not None:
        member = _members(aud, key, value)
        if member is None:
            return []
        known = ~np.isnan(member)
        overall = float(member[known].mean()) if known.any() else 0.0
        found = []
        for p in personas:
            mine = known & (labels == p.id)
            if not mine.any() or not overall:
                continue
            share = float(member[mine].mean())
            if share / overall >= MATCH_LIFT:
                found.append({"target": p.id, "share": round(share * 100, 1),
                              "index": round(share / overall, 2)})
        return sorted(found, key=lambda m: -m["index"])
    band = age_band(value) if key == "age" else None
    found = []
    for p in personas if band else []:
        declared = age_band(p.age_range or "")
        if declared and declared[0] < band[1] and band[0] < declared[1]:
            found.append({"target": p.id, "share": None, "index": None})
    return found


def _segment(row: pd.Series) -> dict:
    return {"value": str(row["value"]), "cost_per_result": float(row["cost_per_result"]),
            "low": float(row["low"]), "high": float(row["high"]),
            "results": float(row["results"])}


def ads_advice(brief: Brief, aud: Audience | None, labels: np.ndarray | None,
               personas: list) -> dict:
    """The ads export's cheapest and dearest segment of each people breakdown, with the
    targets each matches: ``{"breakdowns": [{breakdown, cheapest, dearest, clear,
    cheapest_targets, dearest_targets}]}`` (``clear``: the two 90 % intervals do not
    overlap); {} without an ads export or people breakdowns, or when the export cannot be
    read (the paid chapter says why)."""
    try:
        frame = read_ads(brief)
    except DataError:
        return {}
    if frame is None:
        return {}
    table = ads_breakdowns(frame).round(DECIMALS)
    items = []
    for key in PEOPLE_BREAKDOWNS:
        group = table[table["breakdown"] == key].sort_values("cost_per_result",
                                                             kind="stable")
        if len(group) < 2:
            continue
        low, high = group.iloc[0], group.iloc[-1]
        items.append({
            "breakdown": key, "cheapest": _segment(low), "dearest": _segment(high),
            "clear": bool(low["high"] < high["low"]),
            "cheapest_targets": _matched(aud, labels, personas, key, str(low["value"])),
            "dearest_targets": _matched(aud, labels, personas, key, str(high["value"]))})
    return {"breakdowns": items} if items else {}
