"""A target described: its traits (numeric z-scores, over-represented categories), the
platforms that fit it, its message, the offer line it fits and what it buys. Used by the
targets chapter (``targets.py``) for clustered targets and sub-targets."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .audience import Audience
from .brief import OfferLine, platform_catalogue
from .privacy import min_group
from .target_channels import acquisition_shares, platform_shares

Z_TRAIT = 0.3  # |z| from which a numeric trait describes a segment
LIFT_TRAIT = 1.2  # share in segment / share overall from which a category describes it
BUYS = 3  # categories shown as what a target buys (its largest shares of spend)


@dataclass
class Trait:
    feature: str
    kind: str  # "numeric" or "category"
    value: str | None  # the category value
    z: float | None  # numeric: (segment mean - overall mean) / overall std
    mean: float | None  # numeric: segment mean
    overall: float | None  # numeric: overall mean; category: overall share (%)
    share: float | None  # category: share in the segment (%)
    lift: float | None  # category: share in segment / overall share


@dataclass
class ChannelFit:
    platform: str
    reach: float  # expected % of the segment using the platform
    basis: str  # "age", "age+gender", "acquisition", "declared"
    index: float | None = None  # reach in the segment / reach in the whole audience


@dataclass
class Persona:
    id: int
    name_traits: list[Trait]
    size: int
    share: float  # percent
    traits: list[Trait]
    value_mean: float | None = None
    value_share: float | None = None  # % of total value
    value_index: float | None = None  # segment mean / overall mean
    # value per order of the segment / overall (value ÷ orders, when the table counts
    # orders): what one more purchase from this target is worth against the average one
    order_value_index: float | None = None
    channels: list[ChannelFit] = field(default_factory=list)
    acquisition: dict[str, float] = field(default_factory=dict)  # % acquired per platform
    message: str = "nurture"  # message key (targets.message.<key>)
    offer: str | None = None  # offer line name
    declared: bool = False
    declared_name: str = ""
    declared_description: str = ""
    declared_message: str = ""
    age_range: str | None = None
    # per-category spend: [{category, share, overall}] (% of the segment's spend against
    # % of everyone's), its largest shares first
    buys: list[dict] = field(default_factory=list)


def _profiles(features: pd.DataFrame, numeric: list[str], categorical: list[str],
              labels: np.ndarray, k: int, base: np.ndarray | None = None
              ) -> list[list[Trait]]:
    """Traits of each segment ``0..k-1`` of ``labels`` against the rows in ``base``
    (default: all; every row in ``base`` carries a label), one pass per column for all
    segments: numeric columns by z-score of the segment mean (population std, NaN
    ignored), categories by share in the segment against share in ``base`` (lift)."""
    rows = None if base is None else np.flatnonzero(base)  # the mask read once

    def within(values: np.ndarray) -> np.ndarray:  # no copy of every row without a base
        return values if rows is None else values.take(rows)

    lab = within(np.asarray(labels))
    sizes = np.bincount(lab, minlength=k).astype(float)
    result: list[list[Trait]] = [[] for _ in range(k)]
    for col in numeric:
        values = within(features[col].to_numpy(dtype=float))
        valid = ~np.isnan(values)
        whole = bool(valid.all())  # no missing value: the sums need no mask
        if not whole:
            if not valid.any():
                continue
            values = values[valid]
        overall, std = float(values.mean()), float(values.std())
        if not std or np.isnan(std):
            continue
        sums = np.bincount(lab if whole else lab[valid], weights=values, minlength=k)
        counts = sizes if whole else np.bincount(lab[valid], minlength=k).astype(float)
        for i in range(k):
            seg_mean = float(sums[i] / counts[i]) if counts[i] else float("nan")
            result[i].append(Trait(col, "numeric", None, round((seg_mean - overall) / std, 3),
                                   round(seg_mean, 2), round(overall, 2), None, None))
    for col in categorical:
        column = features[col]
        if not isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype("category")
        names = column.cat.categories
        codes = within(column.cat.codes.to_numpy())
        known = codes >= 0  # shares among present values, as value_counts gives them
        joint = np.bincount(lab[known] * len(names) + codes[known],
                            minlength=k * len(names)).reshape(k, len(names)).astype(float)
        if not joint.sum():
            continue
        ref = joint.sum(axis=0) / joint.sum()
        for i in range(k):
            if not joint[i].sum():
                continue
            seg = joint[i] / joint[i].sum()
            for j in np.argsort(-seg, kind="stable"):
                if seg[j] > 0 and ref[j] > 0:
                    result[i].append(Trait(col, "category", str(names[j]), None, None,
                                           round(float(ref[j]) * 100, 1),
                                           round(float(seg[j]) * 100, 1),
                                           round(float(seg[j] / ref[j]), 2)))
    return result


def _profile(features: pd.DataFrame, numeric: list[str], categorical: list[str],
             mask: np.ndarray, base: np.ndarray | None = None) -> list[Trait]:
    """Traits of the rows in ``mask`` against the rows in ``base`` (default: all)."""
    return _profiles(features, numeric, categorical, np.asarray(mask).astype(int), 2,
                     base)[1]


def distinctive(traits: list[Trait], n: int = 4) -> list[Trait]:
    """The traits that set a segment apart: largest |z|, and categories with a lift of
    at least LIFT_TRAIT that cover at least 10 % of the segment, strongest first."""
    numeric = [t for t in traits if t.kind == "numeric" and abs(t.z) >= Z_TRAIT]
    cats = [t for t in traits if t.kind == "category" and t.lift >= LIFT_TRAIT
            and t.share >= 10]
    numeric.sort(key=lambda t: -abs(t.z))
    cats.sort(key=lambda t: -(t.lift - 1) * np.sqrt(t.share))
    picked: list[Trait] = []
    while (numeric or cats) and len(picked) < n:  # alternate kinds, strongest first
        for pool in (cats, numeric):
            if pool and len(picked) < n:
                picked.append(pool.pop(0))
    return picked


def _age_bands(ages: np.ndarray) -> dict[str, float]:
    ages = ages[~np.isnan(ages)]
    ages = ages[ages >= 18]
    if not len(ages):
        return {}
    bins = {"18-29": (18, 30), "30-49": (30, 50), "50-64": (50, 65), "65+": (65, 200)}
    return {band: float(((ages >= lo) & (ages < hi)).mean()) for band, (lo, hi) in bins.items()}


def _platform_reach(aud: Audience, mask: np.ndarray) -> tuple[dict[str, float], str]:
    """Expected % of the rows in ``mask`` using each platform, and the basis used."""
    catalogue = platform_catalogue()["platforms"]
    reach: dict[str, float] = {}
    if aud.age_column:
        bands = _age_bands(aud.features.loc[mask, aud.age_column].to_numpy(dtype=float))
        gender = None
        if aud.gender_column:
            # each value's first letter, lowered, worked out on the column's categories
            column = aud.features[aud.gender_column].astype("category")
            first = np.array([str(c).lower()[:1] for c in column.cat.categories] + ["n"])
            g = first[column.cat.codes.to_numpy()[np.asarray(mask)]]  # missing: "nan"
            women, men = (float(np.isin(g, ["f", "w"]).mean()),
                          float(np.isin(g, ["m", "h"]).mean())) if len(g) else (0.0, 0.0)
            if women + men > 0.5:
                gender = (women / (women + men), men / (women + men))
        for key, facts in catalogue.items():
            if not bands or "age_use" not in facts:
                continue
            value = sum(share * facts["age_use"][band] for band, share in bands.items())
            if gender and "gender_use" in facts:
                use = facts["gender_use"]
                value *= (gender[0] * use["women"] + gender[1] * use["men"]) / (
                    (use["women"] + use["men"]) / 2)
            reach[key] = min(value, 100.0)
        return reach, "age+gender" if gender else "age"
    shares = platform_shares(aud, mask)
    if shares:
        return {key: share * 100 for key, share in shares}, "acquisition"
    return {}, ""


def channel_fit(aud: Audience, mask: np.ndarray, top: int = 3,
                overall: dict[str, float] | None = None) -> list[ChannelFit]:
    """Platforms that fit a segment.

    With an age column: the expected share of the segment using each platform, from the
    segment's age-band mix and each band's usage rate (data/platforms.yaml, Pew 2024),
    adjusted for the gender mix when a gender column exists. Without age: platforms named
    in an acquisition or source column. Platforms reaching at least 25 % of the segment are
    ranked by their index (reach in the segment / reach in the whole audience), so the
    channels that set the segment apart come first, not the ones everybody uses.
    """
    reach, basis = _platform_reach(aud, mask)
    if overall is None:  # the whole audience's reach (callers with many segments pass it)
        overall = platform_reach(aud)
    fits = [ChannelFit(k, round(v, 1), basis,
                       round(v / overall[k], 2) if overall.get(k) else None)
            for k, v in reach.items() if v >= 25 or basis == "acquisition"]
    fits.sort(key=lambda f: (-(f.index or 0), -f.reach))
    return fits[:top]


def order_value_index(aud: Audience, values: np.ndarray, mask: np.ndarray,
                      base: np.ndarray, own: Audience | None = None,
                      everyone: list | None = None) -> float | None:
    """A target's value per order against everyone's (total value ÷ total orders), when
    the audience table counts orders; None otherwise. A target that orders often is worth
    more as a customer (``value_index``), not more per purchase. With ``own`` (the rows
    in ``mask`` as an audience: ``Audience.rows_of``) the target's side is read there;
    ``everyone``: a one-item list holding the base's value per order once worked out (the
    same for every target of an audience), filled here when empty."""
    column = aud.roles().get("orders")
    if not column:
        return None

    def per_order(values: np.ndarray, orders: np.ndarray, rows: np.ndarray | None
                  ) -> float | None:
        ok = ~(np.isnan(values) | np.isnan(orders))
        if rows is not None:
            ok &= rows
        n = float(orders[ok].sum())
        return float(values[ok].sum()) / n if n > 0 else None

    orders = aud.features[column].to_numpy(dtype=float)
    mine = per_order(values, orders, mask) if own is None else per_order(
        own.features[aud.value_column].to_numpy(dtype=float),
        own.features[column].to_numpy(dtype=float), None)
    if everyone is None:
        everyone = []
    if not everyone:
        everyone.append(per_order(values, orders, base))
    return round(mine / everyone[0], 2) if mine and everyone[0] else None


def choose_message(traits: list[Trait], value_index: float | None, aud: Audience) -> str:
    """The message that fits a segment (key of targets.message.*), by documented rules:
    high value (index >= 1.25) -> premium; long since last order (recency z >= 0.5) ->
    win-back; frequent buyers (orders z >= 0.5) -> loyal; younger (age z <= -0.5) ->
    discovery; otherwise -> nurture."""
    z = {t.feature: t.z for t in traits if t.kind == "numeric"}
    recency = next((v for k, v in z.items() if k.startswith("days since")), None)
    orders = next((v for k, v in z.items() if "order" in k.lower() or "purchase" in k.lower()
                   or "commande" in k.lower()), None)
    if value_index is not None and value_index >= 1.25:
        return "premium"
    if recency is not None and recency >= 0.5:
        return "winback"
    if orders is not None and orders >= 0.5:
        return "loyal"
    if aud.age_column and z.get(aud.age_column, 0) <= -0.5:
        return "discovery"
    return "nurture"


def line_values(aud: Audience, line: OfferLine) -> list[str]:
    """The product values of an offer line (``audience_values``), a per-category spend
    column's name standing for its category's label ("MntWines" -> "Wines")."""
    by_column = {col.lower(): label for label, col in aud.categories.items()}
    return [by_column.get(v.strip().lower(), v) for v in line.audience_values]


def _line_of(value: object, lines: list[OfferLine], aud: Audience) -> str | None:
    if not isinstance(value, str):
        return None
    low = value.strip().lower()
    for line in lines:
        if low in {v.strip().lower() for v in line_values(aud, line)}:
            return line.name
    return None


def _offer_for(aud: Audience, mask: np.ndarray, lines: list[OfferLine],
               value_mean: float | None) -> str | None:
    """The offer line with most of the segment's rows (product column mapped to lines),
    else the line whose average order value is closest (in ratio) to the segment's
    average basket (value / orders), else the first line."""
    if aud.product_column and any(line.audience_values for line in lines):
        counts = aud.features.loc[mask, aud.product_column].value_counts()
        by_line: dict[str, int] = {}
        for value, count in counts.items():
            line = _line_of(value, lines, aud)
            if line:
                by_line[line] = by_line.get(line, 0) + int(count)
        if by_line:
            return max(by_line, key=by_line.get)
    basket = _basket(aud, mask)
    priced = [line for line in lines if line.average_order_value]
    if basket and priced:
        return min(priced, key=lambda line: abs(np.log(basket / line.average_order_value))).name
    return lines[0].name if lines else None


def _basket(aud: Audience, mask: np.ndarray) -> float | None:
    if not aud.value_column:
        return None
    orders = next((c for c in aud.numeric if "order" in c.lower() and "days" not in c.lower()),
                  None)
    value = float(np.nanmean(aud.features.loc[mask, aud.value_column]))
    if orders:
        count = float(np.nanmean(aud.features.loc[mask, orders]))
        return value / count if count else None
    return value


def _persona(aud: Audience, mask: np.ndarray, idx: int, lines: list[OfferLine],
             traits: list[Trait], base: np.ndarray | None = None,
             reach_all: dict[str, float] | None = None, own: Audience | None = None
             ) -> Persona:
    """The segment of the rows in ``mask`` described against the rows in ``base`` (default:
    all). ``own``: the rows in ``mask`` as an audience of their own (``Audience.rows_of``),
    where the segment's own figures are read without a pass over every row."""
    everyone = base is None  # every row: no copy of a column through an all-true mask
    base = np.ones(aud.rows, dtype=bool) if base is None else base
    size, base_size = int(mask.sum()), int(base.sum())
    least = min_group(base_size)
    # the segment's own rows: in ``own`` (all of them) or in ``aud`` (``mask``)
    seg, rows = (aud, mask) if own is None else (own, np.ones(own.rows, dtype=bool))
    # a category trait describes size * share people: fewer than the disclosure minimum
    # would point at a few individuals ("Vorname Paul"), so it is not shown
    traits = [t for t in traits if t.kind != "category" or t.share * size / 100 >= least]
    persona = Persona(id=idx, name_traits=distinctive(traits, 2), size=size,
                      share=round(float(np.int64(size) / np.int64(base_size) * 100), 1),
                      traits=distinctive(traits, 6))
    if aud.value_column:
        values = aud.features[aud.value_column].to_numpy(dtype=float)
        # everyone's figures, the same for every target of the audience: worked out once
        known = aud.found.setdefault("everyone", {}) if everyone else {}
        if "total" not in known:
            within = values if everyone else values[base]
            known.update(total=np.nansum(within), overall=np.nanmean(within), per_order=[])
        total = known["total"]
        mine = values[mask] if own is None else \
            own.features[aud.value_column].to_numpy(dtype=float)
        persona.value_mean = round(float(np.nanmean(mine)), 2)
        persona.value_share = round(float(np.nansum(mine) / total * 100), 1) \
            if total else None
        overall = known["overall"]
        persona.value_index = round(persona.value_mean / overall, 2) if overall else None
        persona.order_value_index = order_value_index(aud, values, mask, base, own,
                                                      known["per_order"])
    if aud.categories:
        overall_buys = aud.category_shares(base)
        persona.buys = [{"category": label, "share": round(share, 1),
                         "overall": round(overall_buys.get(label, 0.0), 1)}
                        for label, share in list(seg.category_shares(rows).items())[:BUYS]]
    if reach_all is None:  # the whole audience's, also when ``own`` holds the rows
        reach_all = platform_reach(aud)
    persona.channels = channel_fit(seg, rows, overall=reach_all)
    persona.acquisition = acquisition_shares(seg, rows)
    persona.message = choose_message(traits, persona.value_index, aud)
    persona.offer = _offer_for(seg, rows, lines, persona.value_mean)
    return persona


def platform_reach(aud: Audience) -> dict[str, float]:
    """Expected % of the whole audience using each platform (see ``channel_fit``)."""
    reach, _ = _platform_reach(aud, np.ones(aud.rows, dtype=bool))
    return reach


def target_reach(aud: Audience, mask: np.ndarray) -> dict[str, float]:
    """Expected % of the rows in ``mask`` using each platform."""
    reach, _ = _platform_reach(aud, mask)
    return reach
