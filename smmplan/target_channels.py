"""Where to reach each target: only the platforms the plan keeps, ranked by the target's own
acquisition channel when the audience has one (the share of the target who came through
each platform), else by the platform's expected reach in the target; and the target's best
platform when the plan does not keep it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .audience import Audience
from .brief import platform_catalogue


def platform_shares(aud: Audience, mask: np.ndarray) -> list[tuple[str, float]]:
    """Share (fraction) of the rows in ``mask`` whose value names each platform (e.g.
    "Instagram", "TikTok"; trimmed of nothing, case-insensitive), in the first category
    column where some row names one, most frequent first; the shares are of every row in
    ``mask``, missing values included. Empty when no column names platforms.

    Worked out on each column's few categories and its integer codes, never on the
    strings of every row (a million rows per target otherwise)."""
    found = platform_column(aud)
    if found is None:
        return []
    col, categories, names, group, labels = found
    column = aud.features[col]
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype(pd.CategoricalDtype(categories))
    codes = column.cat.codes.to_numpy()  # -1 = missing -> the last entry of ``group``
    mine = group[codes[np.asarray(mask)]]
    counts = np.bincount(mine, minlength=len(names))
    total = counts.sum()
    if not total:
        return []
    # most frequent first, ties ordered exactly as value_counts orders them: its
    # counts in order of first appearance, then the same descending sort
    # (the first row of each value found by a scan that stops there, not by sorting
    # every row of the target)
    seen = np.flatnonzero(counts)
    at = np.array([int(np.argmax(mine == value)) for value in seen], dtype=np.intp)
    appearance = seen[np.argsort(at, kind="stable")]
    ranked = pd.Series(counts[appearance], index=names[appearance]).sort_values(
        ascending=False)
    return [(labels[name], float(count / total)) for name, count in ranked.items()
            if name in labels]


def platform_column(aud: Audience) -> tuple | None:
    """The first category column where some row names a platform (of the whole audience
    when ``aud`` is a subset of it: ``Audience.rows_of``), with its categories, their
    distinct lowered texts, each category's entry among them and the platform labels;
    None without one. Worked out once per audience."""
    whole = getattr(aud, "whole", None) or aud
    found = getattr(whole, "found", None)
    if found is None:  # a stand-in without the cache
        return _platform_column(whole)
    if "platform_column" not in found:
        found["platform_column"] = _platform_column(whole)
    return found["platform_column"]


def _platform_column(aud: Audience) -> tuple | None:
    catalogue = platform_catalogue()["platforms"]
    labels = {facts["label"].split(" ")[0].lower(): key for key, facts in catalogue.items()}
    for col in aud.categorical:
        column = aud.features[col]
        if not isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype("category")
        # each category's lowered text; missing values read "nan", as astype(str) gives
        lowered = [str(c).lower() for c in column.cat.categories] + ["nan"]
        names, group = np.unique(np.array(lowered, dtype=object), return_inverse=True)
        codes = column.cat.codes.to_numpy()  # -1 = missing -> the last entry of lowered
        used = np.bincount(group[codes], minlength=len(names)) > 0
        if any(used[i] and name in labels for i, name in enumerate(names)):
            return col, column.cat.categories, names, group, labels
    return None


def acquisition_shares(aud: Audience, mask: np.ndarray) -> dict[str, float]:
    """Share (%) of the rows in ``mask`` acquired through each platform, from the first
    category column whose values name platforms (e.g. "Instagram", "TikTok"); empty when
    there is none."""
    return {key: round(share * 100, 1) for key, share in platform_shares(aud, mask)}


# Below this share (%) of a target's acquisition, a platform is not where to reach it: the
# plan says it rarely brought that target instead of listing it among the places to go.
MIN_ACQUISITION = 5.0


def few_came(acquisition: dict, platform: str) -> bool:
    """Whether under ``MIN_ACQUISITION`` % (and some) of a target came through a platform:
    not a place to reach it (its card says so, and paid spends nothing on it there)."""
    return bool(acquisition.get(platform)) and acquisition[platform] < MIN_ACQUISITION


def ruled_out(persona) -> list[str]:
    """The platforms a target's card rules out (``few_came``), whether the plan keeps them
    or not: the paid split gives the target no spend there (``target_spend``)."""
    acquisition = getattr(persona, "acquisition", {}) or {}
    return sorted(p for p in acquisition if few_came(acquisition, p))


@dataclass
class Reach:
    platform: str
    share: float | None  # % of the target acquired there, or expected to use it
    basis: str  # "acquisition", the fit's basis ("age", "age+gender"...) or "declared"


def reach_them(persona, kept: list[str]) -> tuple[list[Reach], str | None]:
    """The kept platforms to reach a target (``Persona``), best first, and its best platform
    when the plan does not keep it (else None). Best: the platform most of the target came
    through, else the first of its fitting channels (``targets.channel_fit``)."""
    acquisition = getattr(persona, "acquisition", {}) or {}
    fits = {c.platform: c for c in persona.channels}
    out = []
    for p in kept:
        if few_came(acquisition, p):
            continue  # ``rarely``: said apart
        if acquisition.get(p):
            out.append(Reach(p, acquisition[p], "acquisition"))
        elif p in fits:
            out.append(Reach(p, fits[p].reach if fits[p].basis != "declared" else None,
                             fits[p].basis))
    out.sort(key=lambda r: (r.basis != "acquisition", -(r.share or 0)))
    best = target_home(persona)
    return out, best if best and best not in kept else None


def rarely(persona, kept: list[str]) -> list[Reach]:
    """The kept platforms that brought under ``MIN_ACQUISITION`` % of a target (e.g.
    Facebook 0.2 %): not a place to reach it, said apart, largest first."""
    acquisition = getattr(persona, "acquisition", {}) or {}
    low = [Reach(p, acquisition[p], "acquisition") for p in kept
           if few_came(acquisition, p)]
    return sorted(low, key=lambda r: -(r.share or 0))


def target_home(persona) -> str | None:
    """A target's best channel whatever the plan keeps: the platform most of it came
    through, else its first fitting channel (``reach_them``'s ``best``)."""
    acquisition = getattr(persona, "acquisition", {}) or {}
    if acquisition:
        return max(acquisition, key=acquisition.get)
    return persona.channels[0].platform if persona.channels else None
