"""Targets and sub-targets: the audience clustered into personas the plan is built on.

Input: the brief's audience table (typed by ``audience.py``) or, without data, the personas
declared in the brief. Output: a ``Targets`` result with, per target, its size, profile
(z-scores of numeric traits, over-represented categories), value, fitting channels,
message and offer; per offer line, the targets it serves and its sub-targets.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .ads_targeting import ads_advice
from .audience import Audience
from .brief import Brief, OfferLine
from .jsondata import as_data
from .personas import (  # noqa: F401 - the targets' parts, importable from here
    BUYS,
    LIFT_TRAIT,
    Z_TRAIT,
    ChannelFit,
    Persona,
    Trait,
    _persona,
    _profiles,
    channel_fit,
    choose_message,
    distinctive,
    line_values,
    platform_reach,
    target_reach,
)
from .privacy import min_group

# scikit-learn (``segments``) is imported by the functions that fit, not with this module:
# a plan's kernel unpickles the targets its build computed and never fits, and importing
# scikit-learn (with the SciPy it loads) was about a third of a kernel's start.

MAP_POINTS = 2000  # points drawn on the segment map (a sample: never every row)
SUB_K_MAX = 4
SUB_SAMPLE = 5_000  # rows of a line on which its sub-targets are chosen and fitted


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
    from .segments import AudienceSegmenter, sample_rows

    index = np.flatnonzero(rows)
    fit_on = index
    if n > SUB_SAMPLE:
        rng = np.random.default_rng(seed + number)
        fit_on = np.sort(rng.choice(index, size=SUB_SAMPLE, replace=False))
    # Stability is measured on the targets; two restarts suffice for 2-4 sub-targets.
    seg = AudienceSegmenter(k_min=2, k_max=SUB_K_MAX, min_share=0.1, random_state=seed,
                            bootstraps=0, n_init=2, min_count=least, actionable=None)
    seg.fit(sample_rows(X, fit_on) if n > SUB_SAMPLE else X[fit_on])
    # the line's rows as an audience of their own, read once: every figure below is
    # worked out on them, not on every row of the audience per sub-target
    mine = aud.rows_of(index)
    sub = seg.labels_ if n <= SUB_SAMPLE else seg.predict(X, index)  # per line row
    sizes = np.bincount(sub, minlength=seg.k_)
    personas, other = [], 0
    tags = np.empty(seg.k_, dtype=object)
    profiles = _profiles(mine.features, mine.numeric, mine.categorical, sub, seg.k_)
    for j in range(seg.k_):
        if sizes[j] < least:
            other += int(sizes[j])
            tags[j] = f"L{number}.other"
            continue
        tags[j] = f"L{number}.S{len(personas) + 1}"
        personas.append(_persona(mine, sub == j, len(personas), lines, traits=profiles[j],
                                 reach_all=reach_all))
    row_labels[index] = tags[sub]
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


def find_targets(brief: Brief, aud: Audience | None) -> Targets:
    """The targets chapter's results: clustered from data, else declared in the brief."""
    if aud is None or aud.rows < 2 * min_group(aud.rows):
        return _declared_targets(brief, aud)
    # One BLAS and one OpenMP thread throughout: the k selection, the stability refits and
    # the sub-targets fit samples of at most 10,000 rows, on which a second thread brings
    # little and its spinning costs much: on a shared two-core machine under load the k
    # selection at 1,000,000 rows took 7.5 to 10.7 s (1.9 to 2.4 s of CPU) with two OpenMP
    # threads against 1.0 to 1.3 s (0.3 s of CPU) with one, the same results. The final
    # fit on every row runs in a second thread beside the independent work (see below).
    # scikit-learn's input checks are skipped: the matrix comes from our own pipeline
    # (imputed, scaled, finite) and every call's parameters are ours; on small audiences
    # the checks cost more than the clustering.
    from sklearn import config_context

    from .segments import threadpools

    with threadpools().limit(limits=1), config_context(
            assume_finite=True, skip_parameter_validation=True):
        return _clustered_targets(brief, aud)


def _clustered_targets(brief: Brief, aud: Audience) -> Targets:
    from sklearn import get_config
    from sklearn.decomposition import PCA

    from . import segments
    from .segments import (
        ACTIONABLE_K,
        ACTIONABLE_MARGIN,
        WEAK_SILHOUETTE,
        WEAK_STABILITY,
        AudienceSegmenter,
        in_worker,
        prepare_matrix,
        weak_structure,
    )

    settings = brief.targets
    matrix = prepare_matrix(aud.features, aud.numeric, aud.categorical)
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
    sub_labels = np.full(aud.rows, "", dtype=object)

    def sub_lines() -> list[LineTargets]:
        """The offer lines' sub-targets: they need neither the k nor the targets."""
        return [_sub_targets(aud, X, number, line, rows, lines, seed, sub_labels, reach_all)
                for number, line, rows in by_line]

    def map_axes() -> tuple:
        """The map's rows and axes (they need neither either)."""
        rng = np.random.default_rng(seed)
        rows = rng.choice(aud.rows, size=min(aud.rows, MAP_POINTS), replace=False)
        axes = PCA(n_components=2, random_state=0).fit(X[rng.choice(aud.rows, size=min(
            aud.rows, 20_000), replace=False)])
        return rows, axes

    reach_all = platform_reach(aud)  # the whole audience's, for targets and sub-targets
    if aud.rows > segments.SELECTION_SAMPLE:  # the final fit refits every row (refits_)
        # This thread chooses k, its candidates fitted in two threads (both cores: the
        # choice, the final fit and the targets' description are the longest chain);
        # then the final fit on every row runs in a worker thread (a long MiniBatchKMeans
        # run that a second OpenMP thread does not speed up: it spins, so the cores are
        # better spent on this work; one OpenMP/BLAS thread each: find_targets,
        # segments.in_worker) and the offer lines' sub-targets in another (until the
        # targets are described), while this one draws the map's axes and the
        # stability's refits, then describes the targets.
        # The full matrix is written in a worker thread (NumPy, which lets go of the GIL)
        # while the k selection reads only its sample's rows (the same floats).
        config = get_config()
        pool = ThreadPoolExecutor(max_workers=2)
        try:
            writing = pool.submit(in_worker, config, matrix.rows)
            seg.select(matrix, workers=2)
            X = writing.result()
            if seg.reason_ == "none_admissible":  # every k leaves a group under the minimum
                pool.shutdown()
                return _declared_targets(brief, aud)
            fitting = pool.submit(in_worker, config, seg.fit_final, X)
            by_lines = pool.submit(in_worker, config, sub_lines)
            map_rows, pca = map_axes()
            refits = seg.refit_labels(X)  # on the selection sample
            fitting.result()
            seg.stability_from(X, refits)
        except BaseException:  # no worker left running (it holds the matrix) on an error
            pool.shutdown(cancel_futures=True)
            raise
        lines_done = by_lines.result
    else:  # the sample is every row and its fit is the final one: nothing to overlap
        X = matrix.rows()
        seg.select(X)
        if seg.reason_ == "none_admissible":  # every k leaves a group under the minimum
            return _declared_targets(brief, aud)
        seg.fit_selected(X)
        pool, line_results = None, sub_lines()
        map_rows, pca = map_axes()

        def lines_done() -> list[LineTargets]:
            return line_results
    labels = seg.labels_
    if np.bincount(labels, minlength=seg.k_).min() < min_group(aud.rows):
        if pool is not None:
            pool.shutdown()
        return _declared_targets(brief, aud)
    profiles = _profiles(aud.features, aud.numeric, aud.categorical, labels, seg.k_)
    personas = []
    for i in range(seg.k_):  # each target described on its own rows, read once
        mask = labels == i
        personas.append(_persona(aud, mask, i, lines, traits=profiles[i], reach_all=reach_all,
                                 own=aud.rows_of(np.flatnonzero(mask))))
    line_results = lines_done()
    if pool is not None:
        pool.shutdown()
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
