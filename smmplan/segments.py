"""Clustering the audience into targets and sub-targets, the scikit-learn way.

- ``preprocessor``: a ColumnTransformer. Numeric columns: median imputation, log1p for
  skewed non-negative amounts (skewness > 1), standard scaling (variance 1). Each
  categorical column: most-frequent imputation, one-hot encoding, and the 0/1 block
  multiplied by 1 / sqrt(1 - sum of squared level frequencies), which gives the variable a
  total variance of 1 like a numeric column. So every variable, numeric or categorical,
  weighs the same in the distance, and two people who differ on a category are the same
  distance apart whatever the level: rare levels do not split off into their own segment,
  as they do when one-hot columns are standardised one by one (or weighted by 1/sqrt(p),
  as in MCA/FAMD), and a 10-level category does not weigh ten times a numeric column.
- ``AudienceSegmenter``: an estimator (``fit`` returns self, learned attributes end in
  ``_``) that chooses k over a range by silhouette on a seeded sample, rejecting any k whose
  smallest segment is under ``min_share`` or ``MIN_COUNT`` rows, cross-checks the choice
  with the Davies-Bouldin index, fits KMeans (MiniBatchKMeans above ``MINIBATCH_ROWS``)
  on every row, and measures stability as the adjusted Rand index between the fit and
  refits on bootstrap resamples.
- The number of targets prefers an actionable range, ``ACTIONABLE_K`` (3 to 7: fewer
  than three targets is a split a marketer cannot act on, more than seven is more
  messages than a team can write and test): when the best admissible k by silhouette is
  outside the range, the best admissible k inside it is taken instead if its silhouette is
  within ``ACTIONABLE_MARGIN`` of the best one (a difference that small is not a real
  preference of the data), or if the best one shows no substantial structure itself
  (silhouette under ``WEAK_SILHOUETTE``). A k outside the range is kept only when the
  data forbids the range (no admissible k in it: too few rows for the minimum group size,
  or the brief's searched range or forced ``k`` excludes it) or clearly prefers it (by
  more than the margin, with substantial structure).
- The structure is weak (``weak_structure``) when the chosen k's silhouette is under
  ``WEAK_SILHOUETTE`` (0.25: "no substantial structure has been found", Kaufman &
  Rousseeuw 1990, *Finding Groups in Data*, p. 88) or its bootstrap stability (mean
  adjusted Rand index) is under ``WEAK_STABILITY``; the plan then presents the targets as
  hypotheses to test.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
import pandas as pd
from sklearn import config_context, get_config
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.metrics import (
    adjusted_rand_score,
    davies_bouldin_score,
    pairwise_distances,
)
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
from threadpoolctl import ThreadpoolController

from .audience import MIN_TARGET_ROWS, PARALLEL_ROWS

MIN_COUNT = 30  # a sub-target below this is too unstable to describe: merged into "other"
MINIBATCH_ROWS = 50_000
SELECTION_SAMPLE = 10_000
SILHOUETTE_SAMPLE = 2_000
PREDICT_BLOCK = 65_536  # rows converted at a time for a model fitted in float64
BOOTSTRAPS = 5
ACTIONABLE_K = (3, 7)  # the number of targets a plan can act on, preferred when admissible
ACTIONABLE_MARGIN = 0.05  # silhouette a k in ACTIONABLE_K may give up to the best k outside
WEAK_SILHOUETTE = 0.25  # under it: "no substantial structure" (Kaufman & Rousseeuw 1990)
WEAK_STABILITY = 0.5  # mean bootstrap ARI under it: the grouping is not reproducible


def mean_silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette coefficient from a precomputed distance matrix.

    Same value as ``sklearn.metrics.silhouette_score(distances, labels,
    metric="precomputed")`` (tests check it), computed with one matrix product for all
    clusters: the k-selection evaluates many labelings of the same small seeded sample, so
    the distances are computed once and scikit-learn's general, chunked version costs
    several times more for each k. Singletons score 0, as in scikit-learn.
    """
    labels = np.asarray(labels)
    k = int(labels.max()) + 1
    onehot = np.zeros((len(labels), k))
    onehot[np.arange(len(labels)), labels] = 1.0
    sums = distances @ onehot  # distance of each row to every member of each cluster
    counts = onehot.sum(axis=0)
    own = counts[labels]
    rows = np.arange(len(labels))
    a = sums[rows, labels] / np.maximum(own - 1, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        means = sums / counts
    means[rows, labels] = np.inf
    means[:, counts == 0] = np.inf
    b = means.min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.nan_to_num((b - a) / np.maximum(a, b))
    score[own == 1] = 0.0
    return float(score.mean())


def sample_rows(X: np.ndarray, index: np.ndarray) -> np.ndarray:
    """The rows ``index`` of the float32 matrix, in float64 when they are a sample of it.
    The whole matrix stays float32 (half the memory on a million rows); a sample of a few
    thousand rows is clustered in float64, which is both more precise and faster:
    scikit-learn computes float32 distances (k-means++ seeding, silhouette) in float64
    blocks converted one at a time, a third of the targets step's CPU time at a million
    rows (the k selection 0.28 -> 0.19 s of wall time on the bench). Every row (a small
    audience): the matrix's own float32 rows, as before."""
    rows = X[index]
    return rows.astype(np.float64) if len(index) < len(X) else rows


@cache
def threadpools() -> ThreadpoolController:
    """The process's BLAS and OpenMP thread pools, found once (each lookup inspects every
    loaded library: 20 ms)."""
    return ThreadpoolController()


def in_worker(config: dict, fn, *args):
    """``fn(*args)`` in a worker thread under the caller's scikit-learn configuration
    ``config`` (``get_config()``: it is per thread) and with one OpenMP thread: OpenMP's
    thread count is per thread too, and a new thread starts from the process default (every
    core), whatever limit the caller set (``targets.find_targets``). One thread gives the
    same results (the targets at 1,000,000 rows checked byte for byte) without the spinning
    of a second one on a loaded machine."""
    with config_context(**config), threadpools().limit(limits=1, user_api="openmp"):
        return fn(*args)


def skewness(values: np.ndarray) -> float:
    """``pd.Series(values).skew()`` of a float64 array without a missing value, the same
    float (pandas' own operations, a test checks), without the passes pandas makes to
    mask missing values (isna, a copy, two fills): 8 columns of a million rows 48 -> 25 ms
    of CPU."""
    count = np.float64(len(values))
    if count < 3:
        return np.nan
    mean = values.sum(dtype=np.float64) / count
    adjusted = values - mean
    power = adjusted ** 2
    m2 = power.sum(dtype=np.float64)
    power *= adjusted  # the cubes, in place
    m3 = power.sum(dtype=np.float64)
    m2 = np.float64(0) if np.abs(m2) < 1e-14 else m2  # pandas' floating-point guard
    m3 = np.float64(0) if np.abs(m3) < 1e-14 else m3
    if m2 == 0:
        return 0.0
    return float((count * (count - 1) ** 0.5 / (count - 2)) * (m3 / m2 ** 1.5))


def _scale_block(x, weight: float = 1.0):
    return x * weight


def preprocessor(frame: pd.DataFrame, numeric: list[str], categorical: list[str],
                 medians: bool = True) -> ColumnTransformer:
    """The preprocessing pipeline for these columns (see the module docstring).
    ``medians=False``: a column without a missing value gets the fill value 0.0 instead
    of its median (a pass over the column less; ``to_matrix``, which imputes only the
    rows of ``frame``, never uses it)."""
    steps = []
    for col in numeric:
        values = frame[col].to_numpy(dtype=float)
        missing = np.isnan(values)
        present = values[~missing] if missing.any() else values
        skewed = len(present) > 0 and present.min() >= 0 and (
            frame[col].skew() if missing.any() or values.dtype != np.float64
            else skewness(values)) > 1
        # Median imputation with the median computed here: SimpleImputer's own "median"
        # strategy goes through numpy masked arrays, 10 x slower on a million rows.
        median = float(np.median(present)) if len(present) and (
            medians or len(present) < len(values)) else 0.0
        impute = SimpleImputer(strategy="constant", fill_value=median)
        steps.append((f"{'skewed' if skewed else 'numeric'}:{col}", Pipeline(
            [("impute", impute)] + ([("log", FunctionTransformer(np.log1p))] if skewed else [])
            + [("scale", StandardScaler())]), [col]))
    for col in categorical:  # the column arrives as integer category codes, -1 = missing
        freq = frame[col].value_counts(normalize=True).to_numpy()
        spread = 1 - float(np.sum(freq ** 2))
        weight = float(1 / np.sqrt(spread)) if spread > 0 else 0.0  # a Python float keeps
        # the block in float32 (a NumPy float64 scalar would upcast it)
        steps.append((f"cat:{col}", Pipeline([
            ("impute", SimpleImputer(missing_values=-1, strategy="most_frequent")),
            ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False,
                                     dtype=np.float32)),
            ("weight", FunctionTransformer(_scale_block, kw_args={"weight": weight})),
        ]), [col]))
    return ColumnTransformer(steps, remainder="drop", sparse_threshold=0.0)


class MatrixRows:
    """The clustering matrix of a typed table, fitted once and written for any rows.

    ``prepare_matrix`` fits the preprocessing (each numeric column imputed,
    log-transformed when skewed and given its own StandardScaler; each categorical
    column's codes, imputed with the most frequent, and the block's weight); ``rows``
    writes the float32 matrix of some rows, every value worked out row by row (so a
    sample's rows are the full matrix's rows, the same floats). ``len`` and indexing by
    an array of row numbers let the k selection read its sample's rows while the full
    matrix is written in another thread (``targets``). ``prep`` is the preprocessor,
    with the fitted steps of each column in ``fitted_`` (column -> scaler, or the
    categories and weight of a block)."""

    def __init__(self, n: int, numeric: list[tuple[np.ndarray, StandardScaler]],
                 blocks: list[tuple[np.ndarray, np.ndarray]], ones: np.ndarray, width: int,
                 prep: ColumnTransformer) -> None:
        self.n, self.numeric, self.blocks, self.ones = n, numeric, blocks, ones
        self.width, self.prep = width, prep

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, index: np.ndarray) -> np.ndarray:
        return self.rows(index)

    def rows(self, index: np.ndarray | None = None) -> np.ndarray:
        """The float32 matrix of the rows ``index`` (every row when None)."""
        m = self.n if index is None else len(index)
        # zeros from the allocator (pages zeroed on first touch): the one-hot blocks need
        # no pass of their own; each numeric column is written into a row of ``scaled``
        # and the block copied in once, and every one-hot 1 in one pass in row order:
        # writing the row-major matrix column by column would go over all of its memory
        # once per column
        matrix = np.zeros((m, self.width), dtype=np.float32)
        scaled = np.empty((len(self.numeric), m), dtype=np.float32)
        for j, (values, scaler) in enumerate(self.numeric):
            picked = values if index is None else values[index]
            scaled[j] = scaler.transform(picked.reshape(-1, 1))[:, 0]
        matrix[:, :len(self.numeric)] = scaled.T
        del scaled
        if self.blocks:  # each row's columns of its 1s, then flat indices
            flat = np.stack([position[codes if index is None else codes[index]]
                             for codes, position in self.blocks], axis=1)
            flat += (np.arange(m, dtype=np.intp) * self.width)[:, None]
            matrix.reshape(-1)[flat.reshape(-1)] = np.tile(self.ones, m)
        return matrix


def prepare_matrix(frame: pd.DataFrame, numeric: list[str], categorical: list[str]
                   ) -> MatrixRows:
    """Fit the preprocessing of these columns; ``MatrixRows.rows`` writes the matrix.

    The matrix is the one ``preprocessor(...).fit_transform`` gives on the float32 columns
    (numeric) and integer category codes (categorical), block by block in the same order
    (a test checks they are equal), but written column by column into one preallocated
    float32 array: each numeric column is imputed and log-transformed with numpy and
    scaled by its own StandardScaler, each categorical block is filled from the codes.
    On a million rows this takes a tenth of the ColumnTransformer's time, which stacks
    the blocks, copies the result and waits on its worker threads.
    """
    prep = preprocessor(frame, numeric, categorical, medians=False)
    fitted: dict[str, object] = {}

    def column(step: tuple) -> tuple[np.ndarray, StandardScaler]:
        name, pipe, (col,) = step
        values = frame[col].to_numpy(dtype=np.float32)
        fill = pipe.named_steps["impute"].fill_value
        if np.isnan(values).any():
            values = np.where(np.isnan(values), np.float32(fill), values)
        if name.startswith("skewed:"):
            values = np.log1p(values)
        return values, StandardScaler().fit(values.reshape(-1, 1))

    steps = prep.transformers[:len(numeric)]
    if len(frame) >= PARALLEL_ROWS and len(steps) > 1:  # NumPy passes: two threads
        config = get_config()
        with ThreadPoolExecutor(max_workers=2) as pool:
            columns = list(pool.map(lambda step: in_worker(config, column, step), steps))
    else:
        columns = [column(step) for step in steps]
    for (_, _, (col,)), (_, scaler) in zip(steps, columns, strict=True):
        fitted[col] = scaler
    at = len(numeric)
    blocks, ones = [], []  # per block: each code's column, and the block's weight
    for _, pipe, (col,) in prep.transformers[len(numeric):]:
        # integer codes, -1 = missing, imputed with the most frequent
        codes = frame[col].astype("category").cat.codes.to_numpy().astype(np.int32)
        counts = np.bincount(codes[codes >= 0]) if (codes >= 0).any() else np.zeros(1, int)
        codes = np.where(codes < 0, int(np.argmax(counts)), codes)  # ties: smallest code
        present = np.flatnonzero(np.bincount(codes))  # the encoder's sorted categories
        weight = pipe.named_steps["weight"].kw_args["weight"]
        position = np.zeros(int(present.max()) + 1, dtype=np.intp)
        position[present] = np.arange(at, at + len(present))
        blocks.append((codes, position))
        ones.append(np.float32(1) * weight)
        fitted[col] = (present, weight)
        at += len(present)
    prep.fitted_ = fitted
    return MatrixRows(len(frame), columns, blocks, np.array(ones, dtype=np.float32), at, prep)


def to_matrix(frame: pd.DataFrame, numeric: list[str], categorical: list[str]
              ) -> tuple[np.ndarray, ColumnTransformer]:
    """Fit the preprocessor and return the float32 matrix the clustering uses (every row:
    ``prepare_matrix(...).rows()``) with the preprocessor."""
    prepared = prepare_matrix(frame, numeric, categorical)
    return prepared.rows(), prepared.prep


class _SameWeights(np.random.RandomState):
    """``RandomState(seed)``, the same draws, whose ``choice`` from the same probabilities
    ``p`` (the same array) as its first such call reuses their cumulative distribution.
    MiniBatchKMeans (scikit-learn >= 1.7) draws every mini-batch with
    ``choice(n, batch, p=weights)``, which recomputes that distribution over every row at
    each step: three quarters of its CPU time on a million rows (0.92 -> 0.24 s with
    the distribution kept, the bench's table). The indices are NumPy's own:
    ``random_sample(size)`` searched in ``p.cumsum() / p.cumsum()[-1]``, as
    ``RandomState.choice`` does (a test compares them), searched in ascending order of
    the draws (0.21 -> 0.17 s of CPU: the same indices); any other call is NumPy's."""

    def choice(self, a, size=None, replace=True, p=None):
        if p is None or not replace or not isinstance(size, int) or not isinstance(a, int):
            return super().choice(a, size, replace, p)
        if getattr(self, "_p", None) is not p:  # NumPy's checks and draw, then the cdf kept
            drawn = super().choice(a, size, replace, p)
            cdf = np.asarray(p, dtype=np.float64).cumsum()
            cdf /= cdf[-1]
            self._p, self._cdf = p, cdf
            return drawn
        # the same search, of the draws in ascending order: each search starts from the
        # previous one's place, half the time of a search per draw in a random order
        draws = self.random_sample(size)
        order = np.argsort(draws)
        found = np.empty(draws.shape, dtype=int)
        found[order] = self._cdf.searchsorted(draws[order], side="right")
        return found


def _kmeans(k: int, n: int, seed: int, n_init: int = 4):
    if n > MINIBATCH_ROWS:
        return MiniBatchKMeans(n_clusters=k, random_state=_SameWeights(seed), n_init=3,
                               batch_size=4096)
    return KMeans(n_clusters=k, random_state=seed, n_init=n_init)


class AudienceSegmenter(ClusterMixin, BaseEstimator):
    """Choose the number of segments and fit them (scikit-learn estimator conventions).

    Parameters
    ----------
    k : int or None
        Force the number of segments; None chooses it in ``[k_min, k_max]``.
    k_min, k_max : int
        Range searched.
    min_share : float
        Smallest admissible segment, as a fraction of rows (0.05 = 5 %).
    random_state : int
        Seed of every random step.
    bootstraps : int
        Resamples for the stability measure (0 skips it).
    n_init : int
        k-means++ restarts of each KMeans fit (MiniBatchKMeans always uses 3).
    min_count : int
        Smallest admissible segment in rows, a forced k included (the targets chapter
        passes the disclosure minimum of ``privacy.min_group``).
    actionable : tuple of two ints or None
        The preferred range of k (``ACTIONABLE_K``; see the module docstring); None
        chooses by silhouette alone (the offer lines' sub-targets).
    """

    def __init__(self, k: int | None = None, k_min: int = 2, k_max: int = 8,
                 min_share: float = 0.05, random_state: int = 0,
                 bootstraps: int = BOOTSTRAPS, n_init: int = 4,
                 min_count: int = MIN_TARGET_ROWS,
                 actionable: tuple[int, int] | None = ACTIONABLE_K):
        self.k = k
        self.k_min = k_min
        self.k_max = k_max
        self.min_share = min_share
        self.random_state = random_state
        self.bootstraps = bootstraps
        self.n_init = n_init
        self.min_count = min_count
        self.actionable = actionable

    def fit(self, X: np.ndarray, y=None) -> AudienceSegmenter:
        """Choose k (``select``), then fit every row at that k (``fit_selected``)."""
        return self.select(X).fit_selected(X)

    def select(self, X: np.ndarray, workers: int = 1) -> AudienceSegmenter:
        """Choose k on a seeded sample of ``X``: sets ``selection_``, ``k_``, ``reason_``,
        the Davies-Bouldin cross-check, and ``refits_`` (whether ``fit_selected`` will fit
        every row anew, i.e. the sample is not every row). ``workers``: threads the
        candidate k are fitted in (``in_worker``; the same results as one)."""
        n = len(X)
        rng = np.random.default_rng(self.random_state)
        sample_idx = np.sort(rng.choice(n, size=min(n, SELECTION_SAMPLE), replace=False))
        sample = sample_rows(X, sample_idx)
        # no segment under min_count rows, even with a forced k
        min_rows = max(self.min_count, int(np.ceil(self.min_share * n)))
        largest = max(2, min(self.k_max, n // min_rows))
        ks = [self.k] if self.k else list(range(self.k_min, largest + 1))
        # Silhouette on a fixed seeded subset, its distance matrix computed once for all k.
        sil_idx = np.sort(rng.choice(len(sample), size=min(len(sample), SILHOUETTE_SAMPLE),
                                     replace=False))
        # in float64 once: ``mean_silhouette``'s product with the float64 one-hot matrix
        # would convert the float32 distances for every k (the same values, a third of
        # its time)
        distances = pairwise_distances(sample[sil_idx]).astype(np.float64, copy=False)

        def trial(k: int) -> tuple:
            model = _kmeans(k, len(sample), self.random_state, self.n_init).fit(sample)
            labels = model.labels_
            sizes = np.bincount(labels, minlength=k) * (n / len(sample))
            silhouette = (mean_silhouette(distances, labels[sil_idx])
                          if len(np.unique(labels[sil_idx])) > 1 else -1.0)
            return model, {
                "k": k,
                "silhouette": silhouette,
                "davies_bouldin": float(davies_bouldin_score(sample, labels)),
                "min_share": float(sizes.min() / n),
                "admissible": bool(sizes.min() >= min_rows),
            }

        if workers > 1 and len(ks) > 1:  # each k's fit is independent of the others'
            config = get_config()
            with ThreadPoolExecutor(max_workers=workers) as pool:  # largest k (the
                # longest fits) first, so that no long fit starts last
                running = {k: pool.submit(in_worker, config, trial, k)
                           for k in sorted(ks, reverse=True)}
                tried = [running[k].result() for k in ks]
        else:
            tried = [trial(k) for k in ks]
        models = {row["k"]: model for model, row in tried}
        rows = [row for _, row in tried]
        table = pd.DataFrame(rows)
        admissible = table[table["admissible"]]
        if admissible.empty:
            best = int(table["k"].min())
            self.reason_ = "none_admissible"  # callers must not show such segments
        else:
            best = int(admissible.loc[admissible["silhouette"].idxmax(), "k"])
            self.reason_ = "forced" if self.k else "silhouette"
        self.best_k_ = best  # the best admissible k by silhouette alone
        if not self.k and not admissible.empty and self.actionable:
            best, self.reason_ = self._prefer_actionable(admissible, best)
        db_best = int((admissible if not admissible.empty else table)
                      .sort_values("davies_bouldin")["k"].iloc[0])
        table["chosen"] = table["k"] == best
        self.selection_ = table
        self.k_ = best
        self.davies_bouldin_agrees_ = db_best == best
        self.davies_bouldin_k_ = db_best
        # Whether fit_selected fits every row anew (the sample is not every row) or keeps
        # the sample's fit.
        self.refits_ = len(sample) < n
        # What fit_selected needs; the generator's state, so that it draws the same
        # bootstrap resamples however often it is called.
        self._selected = (sample_idx, rng.bit_generator.state, models[best], n)
        return self

    def _prefer_actionable(self, admissible: pd.DataFrame, best: int) -> tuple[int, str]:
        """The best admissible k in ``actionable`` when ``best`` is outside it and the
        silhouette it gives up is at most ``ACTIONABLE_MARGIN``, with the reason."""
        lo, hi = self.actionable
        inside = admissible[admissible["k"].between(lo, hi)]
        if lo <= best <= hi:
            return best, "silhouette"
        if inside.empty:
            return best, "actionable_impossible"  # the data forbids the range
        top = inside.loc[inside["silhouette"].idxmax()]
        score = float(admissible.set_index("k")["silhouette"][best])
        # a best k without substantial structure is no evidence against the range either
        if score - float(top["silhouette"]) <= ACTIONABLE_MARGIN or score < WEAK_SILHOUETTE:
            return int(top["k"]), "actionable"
        return best, "silhouette_clear"  # the data clearly prefers a k outside the range

    def fit_selected(self, X: np.ndarray) -> AudienceSegmenter:
        """Fit the k chosen by ``select`` on every row of the same ``X`` and measure the
        stability: ``fit_final`` then ``stability_from`` the bootstrap refits
        (``refit_labels``)."""
        return self.fit_final(X).stability_from(X, self.refit_labels(X))

    def fit_final(self, X: np.ndarray) -> AudienceSegmenter:
        """Fit the k chosen by ``select`` on every row of the same ``X``: sets ``labels_``,
        ``cluster_centers_``, ``model_``."""
        _, _, sample_model, n = self._selected
        if len(X) != n:
            raise ValueError("fit_selected needs the X that select was given")
        best = self.k_
        if self.refits_:
            final = _kmeans(best, n, self.random_state, self.n_init).fit(X)
            final_labels = final.labels_
        else:  # the selection sample is every row: its fit at the chosen k is final
            final, final_labels = sample_model, sample_model.labels_
        # Order segments by size (largest first) so labels are stable and readable.
        order = np.argsort(-np.bincount(final_labels, minlength=best), kind="stable")
        relabel = np.empty(best, dtype=int)
        relabel[order] = np.arange(best)
        self.labels_ = relabel[final_labels]
        self.cluster_centers_ = final.cluster_centers_[order]
        self.model_ = final
        self._relabel = relabel
        return self

    def stability_from(self, X: np.ndarray, refits: list[np.ndarray]) -> AudienceSegmenter:
        """Stability of the final fit (``fit_final``): the adjusted Rand index between its
        labels of the selection sample and each bootstrap refit's (``refit_labels``, which
        do not depend on the final fit: the targets chapter works them out while the final
        fit runs). Sets ``stability_``."""
        reference = self.predict(X[self._selected[0]])
        scores = [adjusted_rand_score(reference, labels) for labels in refits] or [1.0]
        self.stability_ = {"ari_mean": float(np.mean(scores)), "ari_min": float(np.min(scores)),
                           "bootstraps": self.bootstraps}
        return self

    def refit_labels(self, X: np.ndarray) -> list[np.ndarray]:
        """The stability's ``bootstraps`` refits at the chosen k, each on a resample of
        the selection sample (drawn from the generator's state after ``select``: the same
        resamples however often it is called), as labels of the sample."""
        sample_idx, state, _, n = self._selected
        if len(X) != n:
            raise ValueError("fit_selected needs the X that select was given")
        rng = np.random.default_rng()
        rng.bit_generator.state = state
        sample = sample_rows(X, sample_idx)
        labels = []
        for b in range(self.bootstraps):
            boot = sample[rng.integers(0, len(sample), len(sample))]
            refit = _kmeans(self.k_, len(boot), self.random_state + b + 1, n_init=1).fit(boot)
            labels.append(refit.predict(sample))
        return labels

    def predict(self, X: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Segment of each row of a preprocessed matrix (of its rows ``rows`` when
        given). A model fitted on a float64 sample (``sample_rows``) reads the float32
        matrix's rows converted a block at a time, not as one float64 copy of them."""
        dtype = self.model_.cluster_centers_.dtype
        if X.dtype == dtype:
            return self._relabel[self.model_.predict(X if rows is None else X[rows])]
        count = len(X) if rows is None else len(rows)
        blocks = (X[start:start + PREDICT_BLOCK] if rows is None else
                  X[rows[start:start + PREDICT_BLOCK]] for start in range(0, count, PREDICT_BLOCK))
        return self._relabel[np.concatenate(
            [self.model_.predict(block.astype(dtype)) for block in blocks])]


def weak_structure(silhouette: float, stability: float | None) -> list[str]:
    """Why a grouping is weak: ``"silhouette"`` when under ``WEAK_SILHOUETTE``,
    ``"stability"`` when the mean bootstrap ARI is under ``WEAK_STABILITY``; empty when
    the structure is substantial."""
    why = []
    if silhouette < WEAK_SILHOUETTE:
        why.append("silhouette")
    if stability is not None and stability < WEAK_STABILITY:
        why.append("stability")
    return why
