"""Targets and sub-targets: the audience clustered into personas the plan is built on.

Input: the brief's audience table (typed by ``audience.py``) or, without data, the personas
declared in the brief. Output: a ``Targets`` result with, per target, its size, profile
(z-scores of numeric traits, over-represented categories), value, fitting channels,
message and offer; per offer line, the targets it serves and its sub-targets.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd
from sklearn import config_context, get_config
from sklearn.decomposition import PCA
from threadpoolctl import ThreadpoolController

from .ads_targeting import ads_advice
from .audience import Audience
from .brief import Brief, OfferLine, platform_catalogue
from .jsondata import as_data
from .privacy import min_group
from .segments import (
    ACTIONABLE_K,
    ACTIONABLE_MARGIN,
    WEAK_SILHOUETTE,
    WEAK_STABILITY,
    AudienceSegmenter,
    to_matrix,
    weak_structure,
)
from .target_channels import acquisition_shares

Z_TRAIT = 0.3  # |z| from which a numeric trait describes a segment
LIFT_TRAIT = 1.2  # share in segment / share overall from which a category describes it
MAP_POINTS = 2000  # points drawn on the segment map (a sample: never every row)
SUB_K_MAX = 4
SUB_SAMPLE = 5_000  # rows of a line on which its sub-targets are chosen and fitted
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


@dataclass
class LineTargets:
    """One offer line: which targets it serves and its sub-targets."""

    line: str
    method: str  # "clustered", "rule", "too_few_rows"
    rows: int
    served: list[dict]  # [{target, share (%), index}]
    sub_targets: list[Persona]
    other: int = 0  # rows in sub-targets too small to describe


@dataclass
class Targets:
    declared: bool
    rows: int = 0
    k: int = 0
    # silhouette, actionable, actionable_impossible, silhouette_clear, forced,
    # none_admissible, too_small (audience not clustered: see min_group)
    reason: str = ""
    best_k: int = 0  # the best admissible k by silhouette alone
    weak: list[str] = field(default_factory=list)  # "silhouette", "stability": weak structure
    rule: dict = field(default_factory=dict)  # the k rule's and weak structure's constants
    categories: list[str] = field(default_factory=list)  # per-category spend: their labels
    roles: dict = field(default_factory=dict)  # which feature is what (Audience.roles)
    ads: dict = field(default_factory=dict)  # ads history by age and gender (ads_targeting)
    min_group: int = 0  # smallest group the plan may describe (data/privacy.yaml)
    selection: list[dict] = field(default_factory=list)
    davies_bouldin_agrees: bool = True
    davies_bouldin_k: int = 0
    stability: dict = field(default_factory=dict)
    columns: list[dict] = field(default_factory=list)  # what happened to each column
    features: list[str] = field(default_factory=list)
    reference_date: str | None = None
    personas: list[Persona] = field(default_factory=list)
    lines: list[LineTargets] = field(default_factory=list)
    heatmap: dict = field(default_factory=dict)  # {features, z: [[...]]}
    map_points: dict = field(default_factory=dict)  # {x, y, segment}; a sample, no ids
    explained: list[float] = field(default_factory=list)  # PCA explained variance (%)
    labels: np.ndarray | None = None  # per row, never serialised
    sub_labels: list[str] | None = None  # per row, never serialised
    keys: pd.Series | None = None  # the client's row key, never serialised

    def to_json(self) -> dict:
        """JSON form (docs/plan-json.md): aggregates only, no row-level data."""
        data = as_data(self)
        for private in ("labels", "sub_labels", "keys"):
            data.pop(private)
        return data

    def assignments(self) -> pd.DataFrame | None:
        """The client's row key with target and sub-target labels (audience_segments.csv)."""
        if self.labels is None or self.keys is None:
            return None
        return pd.DataFrame({"key": self.keys.to_numpy(),
                             "target": [f"T{i + 1}" for i in self.labels],
                             "sub_target": self.sub_labels})


def _profiles(features: pd.DataFrame, numeric: list[str], categorical: list[str],
              labels: np.ndarray, k: int, base: np.ndarray | None = None
              ) -> list[list[Trait]]:
    """Traits of each segment ``0..k-1`` of ``labels`` against the rows in ``base``
    (default: all; every row in ``base`` carries a label), one pass per column for all
    segments: numeric columns by z-score of the segment mean (population std, NaN
    ignored), categories by share in the segment against share in ``base`` (lift)."""
    inside = np.ones(len(features), dtype=bool) if base is None else base
    lab = np.asarray(labels)[inside]
    result: list[list[Trait]] = [[] for _ in range(k)]
    for col in numeric:
        values = features[col].to_numpy(dtype=float)[inside]
        valid = ~np.isnan(values)
        if not valid.any():
            continue
        overall, std = float(values[valid].mean()), float(values[valid].std())
        if not std or np.isnan(std):
            continue
        sums = np.bincount(lab, weights=np.where(valid, values, 0.0), minlength=k)
        counts = np.bincount(lab, weights=valid.astype(float), minlength=k)
        for i in range(k):
            seg_mean = float(sums[i] / counts[i]) if counts[i] else float("nan")
            result[i].append(Trait(col, "numeric", None, round((seg_mean - overall) / std, 3),
                                   round(seg_mean, 2), round(overall, 2), None, None))
    for col in categorical:
        column = features[col]
        if not isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype("category")
        names = column.cat.categories
        codes = column.cat.codes.to_numpy()[inside]
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
            g = aud.features.loc[mask, aud.gender_column].astype(str).str.lower().str[0]
            women, men = float(g.isin(["f", "w"]).mean()), float(g.isin(["m", "h"]).mean())
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
    labels = {facts["label"].split(" ")[0].lower(): key for key, facts in catalogue.items()}
    for col in aud.categorical:
        values = aud.features[col].astype(str).str.lower()
        if values.isin(labels).any():
            shares = values[mask].value_counts(normalize=True)
            return {labels[v]: float(s) * 100 for v, s in shares.items() if v in labels}, \
                "acquisition"
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
             reach_all: dict[str, float] | None = None) -> Persona:
    base = np.ones(aud.rows, dtype=bool) if base is None else base
    size, least = int(mask.sum()), min_group(int(base.sum()))
    # a category trait describes size * share people: fewer than the disclosure minimum
    # would point at a few individuals ("Vorname Paul"), so it is not shown
    traits = [t for t in traits if t.kind != "category" or t.share * size / 100 >= least]
    persona = Persona(id=idx, name_traits=distinctive(traits, 2), size=int(mask.sum()),
                      share=round(float(mask.sum() / base.sum() * 100), 1),
                      traits=distinctive(traits, 6))
    if aud.value_column:
        values = aud.features[aud.value_column].to_numpy(dtype=float)
        total = np.nansum(values[base])
        persona.value_mean = round(float(np.nanmean(values[mask])), 2)
        persona.value_share = round(float(np.nansum(values[mask]) / total * 100), 1) \
            if total else None
        overall = np.nanmean(values[base])
        persona.value_index = round(persona.value_mean / overall, 2) if overall else None
    if aud.categories:
        overall_buys = aud.category_shares(base)
        persona.buys = [{"category": label, "share": round(share, 1),
                         "overall": round(overall_buys.get(label, 0.0), 1)}
                        for label, share in list(aud.category_shares(mask).items())[:BUYS]]
    persona.channels = channel_fit(aud, mask, overall=reach_all)
    persona.acquisition = acquisition_shares(aud, mask)
    persona.message = choose_message(traits, persona.value_index, aud)
    persona.offer = _offer_for(aud, mask, lines, persona.value_mean)
    return persona


def _sub_targets(aud: Audience, X: np.ndarray, number: int, line: OfferLine,
                 rows: np.ndarray, lines: list[OfferLine], seed: int,
                 row_labels: np.ndarray, reach_all: dict[str, float]) -> LineTargets:
    """Sub-targets of one offer line (its rows: the mask ``rows``): a second clustering
    inside the line's rows; those
    under ``min_group`` rows are merged into "other". Writes ``L<n>.S<m>`` labels (or
    ``L<n>.other``) into ``row_labels``. Needs neither the targets nor their labels (the
    caller fills ``served`` once they are known), so it runs while the targets' final fit
    does.

    The number of sub-targets is chosen, and their centres fitted, on at most
    ``SUB_SAMPLE`` of the line's rows (seeded); every row of the line is then assigned to
    its nearest centre. Two to four centres are estimated from thousands of rows with an
    error far below the spread of the segments."""
    n = int(rows.sum())
    least = min_group(n)  # a sub-target is described within its line's rows
    if n < 2 * least:
        row_labels[rows] = f"L{number}.other"
        return LineTargets(line.name, "too_few_rows", n, [], [], other=n)
    index = np.flatnonzero(rows)
    fit_on = index
    if n > SUB_SAMPLE:
        rng = np.random.default_rng(seed + number)
        fit_on = np.sort(rng.choice(index, size=SUB_SAMPLE, replace=False))
    # Stability is measured on the targets; two restarts suffice for 2-4 sub-targets.
    seg = AudienceSegmenter(k_min=2, k_max=SUB_K_MAX, min_share=0.1, random_state=seed,
                            bootstraps=0, n_init=2, min_count=least, actionable=None)
    seg.fit(X[fit_on])
    sub = np.zeros(aud.rows, dtype=np.int64)
    sub[index] = seg.labels_ if n <= SUB_SAMPLE else seg.predict(X[index])
    sizes = np.bincount(sub[index], minlength=seg.k_)
    personas, other = [], 0
    profiles = _profiles(aud.features, aud.numeric, aud.categorical, sub, seg.k_, base=rows)
    for j in range(seg.k_):
        mask = rows & (sub == j)
        if sizes[j] < least:
            other += int(sizes[j])
            row_labels[mask] = f"L{number}.other"
            continue
        row_labels[mask] = f"L{number}.S{len(personas) + 1}"
        personas.append(_persona(aud, mask, len(personas), lines, base=rows,
                                 traits=profiles[j], reach_all=reach_all))
    return LineTargets(line.name, "clustered", n, [], personas, other)


def _rows_with(column: pd.Series, values: list[str]) -> np.ndarray:
    """Rows whose value is one of ``values`` (trimmed, case-insensitive); on a categorical
    column the comparison runs on its few categories, not on every row."""
    wanted = {v.strip().lower() for v in values}
    if isinstance(column.dtype, pd.CategoricalDtype):
        hit = np.array([str(c).strip().lower() in wanted for c in column.cat.categories]
                       + [False])
        return hit[column.cat.codes.to_numpy()]  # code -1 (missing) -> the last, False
    return column.astype(str).str.strip().str.lower().isin(wanted).to_numpy()


def _served(labels: np.ndarray, rows: np.ndarray) -> list[dict]:
    """Targets among a line's rows; a cell of fewer than ``min_group`` people is left out."""
    k = labels.max() + 1
    overall = np.bincount(labels, minlength=k) / len(labels)
    counts = np.bincount(labels[rows], minlength=k)
    inside = counts / max(1, rows.sum())
    least = min_group(len(labels))
    return [{"target": int(i), "share": round(float(inside[i] * 100), 1),
             "index": round(float(inside[i] / overall[i]), 2) if overall[i] else None}
            for i in np.argsort(-inside, kind="stable") if counts[i] >= least]


def _rule_lines(aud: Audience, labels: np.ndarray, personas: list[Persona],
                lines: list[OfferLine]) -> list[LineTargets]:
    """Without product information: a line is served by the targets whose offer (chosen by
    price affinity, see ``_offer_for``) is that line; sub-targets are those targets."""
    result = []
    for line in lines:
        mine = [p for p in personas if p.offer == line.name]
        rows = np.isin(labels, [p.id for p in mine])
        served = [{"target": p.id, "share": p.share, "index": None} for p in mine]
        result.append(LineTargets(line.name, "rule", int(rows.sum()), served, []))
    return result


@cache
def _threadpools() -> ThreadpoolController:
    """The process's BLAS and OpenMP thread pools, found once (each lookup inspects every
    loaded library: 20 ms)."""
    return ThreadpoolController()


def _with_config(config: dict, fn, *args):
    """``fn(*args)`` under the caller's scikit-learn configuration (it is per thread)."""
    with config_context(**config):
        return fn(*args)


def find_targets(brief: Brief, aud: Audience | None) -> Targets:
    """The targets chapter's results: clustered from data, else declared in the brief."""
    if aud is None or aud.rows < 2 * min_group(aud.rows):
        return _declared_targets(brief, aud)
    # One BLAS thread: the matrices here are small (samples, centres), and BLAS threads
    # spinning beside the KMeans OpenMP threads cost more than they bring (the k selection
    # takes twice as long on two cores with multi-threaded BLAS).
    # scikit-learn's input checks are skipped: the matrix comes from our own pipeline
    # (imputed, scaled, finite) and every call's parameters are ours; on small audiences
    # the checks cost more than the clustering.
    with _threadpools().limit(limits=1, user_api="blas"), config_context(
            assume_finite=True, skip_parameter_validation=True):
        return _clustered_targets(brief, aud)


def _clustered_targets(brief: Brief, aud: Audience) -> Targets:
    settings = brief.targets
    X, _ = to_matrix(aud.features, aud.numeric, aud.categorical)
    seed = brief.random_seed() % 2**31
    seg = AudienceSegmenter(k=settings.k, k_min=settings.k_min, k_max=settings.k_max,
                            min_share=settings.min_share / 100, random_state=seed,
                            min_count=min_group(aud.rows))
    lines = brief.offer
    by_product = bool(aud.product_column and any(line.audience_values for line in lines))
    by_line = [(number, line, _rows_with(aud.features[aud.product_column],
                                         line_values(aud, line)))
               for number, line in enumerate(lines, start=1)
               if by_product and line.audience_values]
    sub_labels = np.array([""] * aud.rows, dtype=object)

    def independent() -> tuple:
        """What needs neither the targets nor their labels: the offer lines' sub-targets,
        the map's rows and axes, the audience's platform reach."""
        reach = platform_reach(aud)
        results = [_sub_targets(aud, X, number, line, rows, lines, seed, sub_labels, reach)
                   for number, line, rows in by_line]
        rng = np.random.default_rng(seed)
        rows = rng.choice(aud.rows, size=min(aud.rows, MAP_POINTS), replace=False)
        axes = PCA(n_components=2, random_state=0).fit(X[rng.choice(aud.rows, size=min(
            aud.rows, 20_000), replace=False)])
        return reach, results, rows, axes

    seg.select(X)
    if seg.reason_ == "none_admissible":  # every k leaves a group under the minimum
        return _declared_targets(brief, aud)
    if seg.refits_:
        # A real final fit on every row: it runs in a second thread while this one does
        # the independent work. On a large table it is a long MiniBatchKMeans run that a
        # second OpenMP thread does not speed up (it spins), so the second core is better
        # spent on that work. One OpenMP/BLAS thread each meanwhile.
        with _threadpools().limit(limits=1), ThreadPoolExecutor(max_workers=1) as pool:
            fitting = pool.submit(_with_config, get_config(), seg.fit_selected, X)
            reach_all, line_results, map_rows, pca = independent()
            fitting.result()
    else:  # the sample was every row and its fit is the final one: nothing to overlap
        seg.fit_selected(X)
        reach_all, line_results, map_rows, pca = independent()
    labels = seg.labels_
    if np.bincount(labels, minlength=seg.k_).min() < min_group(aud.rows):
        return _declared_targets(brief, aud)
    profiles = _profiles(aud.features, aud.numeric, aud.categorical, labels, seg.k_)
    personas = [_persona(aud, labels == i, i, lines, traits=profiles[i], reach_all=reach_all)
                for i in range(seg.k_)]
    if by_product:
        for result, (_, _, rows) in zip(line_results, by_line, strict=True):
            result.served = _served(labels, rows)
    else:
        line_results = _rule_lines(aud, labels, personas, lines)
    # Heatmap of the features that matter most, and a 2-D map of a sample of rows.
    top = []
    for p in personas:
        for t in p.traits:
            if t.kind == "numeric" and t.feature not in top:
                top.append(t.feature)
    top = top[:8] or aud.numeric[:8]
    z = []
    for p in personas:
        prof = {t.feature: t.z for t in profiles[p.id] if t.kind == "numeric"}
        z.append([prof.get(f) for f in top])
    xy = pca.transform(X[map_rows])
    chosen = seg.selection_.set_index("k").loc[seg.k_, "silhouette"]
    result = Targets(
        declared=False,
        rows=aud.rows,
        k=seg.k_,
        reason=seg.reason_,
        best_k=seg.best_k_,
        weak=weak_structure(float(chosen), seg.stability_["ari_mean"]
                            if seg.stability_["bootstraps"] else None),
        rule={"actionable": list(ACTIONABLE_K), "margin": ACTIONABLE_MARGIN,
              "weak_silhouette": WEAK_SILHOUETTE, "weak_stability": WEAK_STABILITY},
        categories=list(aud.categories),
        roles=aud.roles(),
        min_group=min_group(aud.rows),
        selection=seg.selection_.round(4).to_dict("records"),
        davies_bouldin_agrees=seg.davies_bouldin_agrees_,
        davies_bouldin_k=seg.davies_bouldin_k_,
        stability={k: round(v, 3) if isinstance(v, float) else v
                   for k, v in seg.stability_.items()},
        columns=[as_data(n) for n in aud.notes],
        features=aud.numeric + aud.categorical,
        reference_date=aud.reference_date,
        personas=personas,
        lines=line_results,
        heatmap={"features": top, "z": z},
        map_points={"x": np.round(xy[:, 0], 3).tolist(), "y": np.round(xy[:, 1], 3).tolist(),
                    "segment": labels[map_rows].tolist()},
        explained=[round(float(v) * 100, 1) for v in pca.explained_variance_ratio_],
        labels=labels,
        keys=aud.key,
    )
    result.sub_labels = sub_labels.tolist()
    result.ads = ads_advice(brief, aud, labels, personas)
    return result


def _declared_targets(brief: Brief, aud: Audience | None) -> Targets:
    """The personas declared in the brief; with an audience too small to be split into
    groups of at least ``min_group`` people, also the reason (``too_small``)."""
    personas = [
        Persona(id=i, name_traits=[], size=0, share=p.share or 0.0, traits=[],
                channels=[ChannelFit(c, 0.0, "declared") for c in p.channels],
                offer=p.offer or None, declared=True, declared_name=p.name,
                declared_description=p.description, declared_message=p.message,
                age_range=p.age_range)
        for i, p in enumerate(brief.targets.personas)
    ]
    advice = ads_advice(brief, None, None, personas)
    if aud is None:
        return Targets(declared=True, personas=personas, k=len(personas), ads=advice)
    return Targets(declared=True, personas=personas, k=len(personas), rows=aud.rows,
                   reason="too_small", min_group=min_group(aud.rows), ads=advice)


def platform_reach(aud: Audience) -> dict[str, float]:
    """Expected % of the whole audience using each platform (see ``channel_fit``)."""
    reach, _ = _platform_reach(aud, np.ones(aud.rows, dtype=bool))
    return reach


def target_reach(aud: Audience, mask: np.ndarray) -> dict[str, float]:
    """Expected % of the rows in ``mask`` using each platform."""
    reach, _ = _platform_reach(aud, mask)
    return reach


def declared_reach(personas: list[Persona]) -> dict[str, float]:
    """Share (%) of the declared personas (by their share, equal when not given) who are
    on each platform they list."""
    weights = [p.share or 1.0 for p in personas]
    total = sum(weights) or 1.0
    reach: dict[str, float] = {}
    for p, w in zip(personas, weights, strict=True):
        for c in p.channels:
            reach[c.platform] = reach.get(c.platform, 0.0) + w / total * 100
    return reach
