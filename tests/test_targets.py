"""Targets: typing and PII removal, clustering on known structure, profiles, outputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmplan.audience import parse_dates, parse_numbers, prepare_audience
from smmplan.brief import parse_brief
from smmplan.errors import BriefError, DataError
from smmplan.exports.table import read_table
from smmplan.personas import _profile
from smmplan.privacy import min_group
from smmplan.segments import AudienceSegmenter, mean_silhouette, to_matrix
from smmplan.targets import find_targets
from smmplan.validation import load_brief

from .conftest import SHARED_DATASETS, example_raw, standalone, write_brief


def planted(n_per: int = 150, seed: int = 0, channel_noise: float = 0.1) -> pd.DataFrame:
    """Three well-separated groups in mixed data, plus identity columns and noise."""
    rng = np.random.default_rng(seed)
    groups = [(22, 40, "TikTok", "Streetwear"), (38, 250, "Instagram", "Dresses"),
              (58, 120, "Facebook", "Outerwear")]
    rows = []
    for g, (age, spend, channel, cat) in enumerate(groups):
        for i in range(n_per):
            rows.append({
                "Customer ID": f"C{g}{i:04d}",
                "Full Name": f"Person {g}-{i}",
                "E-mail": f"p{g}{i}@example.org",
                "Phone": f"+33 6 {rng.integers(10, 99)} {rng.integers(10, 99)} "
                         f"{rng.integers(10, 99)} {rng.integers(10, 99)}",
                "Age": round(rng.normal(age, 3)),
                "Spend": f"{rng.normal(spend, spend * 0.1):.2f}".replace(".", ","),
                "Channel": channel if rng.random() >= channel_noise else "Newsletter",
                "Category": cat,
                "Opt-in": rng.choice(["oui", "non"]),
                "Truth": g,
            })
    return pd.DataFrame(rows).sample(frac=1, random_state=seed).reset_index(drop=True)


def test_identity_columns_are_dropped_and_types_found():
    table = planted().drop(columns="Truth").astype(str)
    aud = prepare_audience(table, "aud.csv")
    notes = {n.column: (n.action, n.kind) for n in aud.notes}
    assert notes["Customer ID"] == ("key", "identity")
    for col in ("Full Name", "E-mail", "Phone"):
        assert notes[col] == ("dropped", "identity"), col
    assert notes["Age"] == ("kept", "numeric")
    assert notes["Spend"] == ("kept", "numeric")  # decimal commas read
    assert notes["Opt-in"] == ("kept", "boolean")
    assert notes["Channel"] == ("kept", "category")
    for col in ("Full Name", "E-mail", "Phone", "Customer ID"):
        assert col not in aud.features.columns
    assert aud.value_column == "Spend" and aud.product_column == "Category"


def test_planted_clusters_are_recovered():
    # A 50/50 flag unrelated to the groups is real structure for k-means (it splits every
    # group in two), so the planted test leaves it out.
    # Nor does it mix channels across groups: a rare channel shared by every group is real
    # structure too when groups are this tight.
    table = planted(channel_noise=0).drop(columns="Opt-in")
    truth = table.pop("Truth").to_numpy()
    aud = prepare_audience(table.astype(str), "aud.csv")
    X, _ = to_matrix(aud.features, aud.numeric, aud.categorical)
    seg = AudienceSegmenter(random_state=3).fit(X)
    assert seg.k_ == 3
    from sklearn.metrics import adjusted_rand_score

    assert adjusted_rand_score(truth, seg.labels_) > 0.95
    assert seg.stability_["ari_mean"] > 0.9
    assert np.bincount(seg.labels_).tolist() == sorted(np.bincount(seg.labels_), reverse=True)


@pytest.mark.parametrize("k", [2, 3, 7])
def test_mean_silhouette_equals_scikit_learn(k):
    from sklearn.metrics import pairwise_distances, silhouette_score

    rng = np.random.default_rng(k)
    X = rng.normal(size=(300, 5))
    labels = rng.integers(0, k, 300)
    labels[0] = k - 1  # every label used; and one singleton cluster when k > 2
    if k > 2:
        labels[labels == 1] = 0
        labels[5] = 1
    D = pairwise_distances(X)
    assert mean_silhouette(D, labels) == pytest.approx(
        silhouette_score(D, labels, metric="precomputed"), abs=1e-12)


@pytest.mark.parametrize("kind", ["amounts", "normal", "counts", "yes_no", "constant", "two"])
def test_skewness_equals_pandas(kind):
    """The preprocessor's skewness test (> 1: log1p) reads the same float as pandas."""
    from smmplan.segments import skewness

    rng = np.random.default_rng(7)
    values = {"amounts": lambda: np.round(rng.lognormal(3, 1, 200_001), 2),
              "normal": lambda: rng.normal(size=999),
              "counts": lambda: rng.poisson(1, 50_000).astype(float),
              "yes_no": lambda: (rng.random(10_000) < 0.1).astype(float),
              "constant": lambda: np.full(40, 3.5),
              "two": lambda: np.array([1.0, 4.0])}[kind]()
    expected = np.float64(pd.Series(values).skew())
    assert np.array(skewness(values)).tobytes() == expected.tobytes()


def test_categories_differing_only_by_spaces_are_one_category():
    table = pd.DataFrame({"City": ["Paris", "Paris ", " Lyon", "Lyon", "N/A", None] * 20,
                          "Spend": [float(i) for i in range(120)]})
    aud = prepare_audience(table, "t.csv")
    city = aud.features["City"]
    assert list(city.cat.categories) == ["Lyon", "Paris"]
    assert city.isna().sum() == 40 and (city == "Paris").sum() == 40


def test_reproducible_with_the_same_seed():
    table = planted().drop(columns="Truth").astype(str)
    aud = prepare_audience(table, "aud.csv")
    X, _ = to_matrix(aud.features, aud.numeric, aud.categorical)
    a = AudienceSegmenter(random_state=7).fit(X).labels_
    b = AudienceSegmenter(random_state=7).fit(X).labels_
    assert (a == b).all()


def test_select_then_fit_selected_is_fit():
    table = planted().drop(columns="Truth").astype(str)
    aud = prepare_audience(table, "aud.csv")
    X, _ = to_matrix(aud.features, aud.numeric, aud.categorical)
    whole = AudienceSegmenter(random_state=5).fit(X)
    split = AudienceSegmenter(random_state=5).select(X)
    assert not hasattr(split, "labels_") and split.k_ == whole.k_
    split.fit_selected(X)
    assert (split.labels_ == whole.labels_).all()
    assert split.stability_ == whole.stability_
    assert split.fit_selected(X).stability_ == whole.stability_  # same resamples again
    with pytest.raises(ValueError, match="the X that select was given"):
        split.fit_selected(X[:10])


def test_to_matrix_is_the_preprocessors_matrix():
    """to_matrix writes the blocks itself: the same float32 matrix as the ColumnTransformer
    of ``preprocessor`` (imputation, log of skewed amounts, scaling, weighted one-hot)."""
    from smmplan.segments import preprocessor

    table = planted().drop(columns="Truth").astype(str)
    table.loc[::7, "Age"] = "n/a"  # missing values: imputed by the median
    table.loc[::11, "Channel"] = ""  # and by the most frequent category
    table.loc[::5, "Spend"] = "5000,00"  # a skewed amount: log-transformed
    aud = prepare_audience(table, "aud.csv")
    X, _ = to_matrix(aud.features, aud.numeric, aud.categorical)
    data = aud.features[aud.numeric].astype("float32")
    for col in aud.categorical:
        data[col] = aud.features[col].astype("category").cat.codes.astype("int32")
    prep = preprocessor(aud.features, aud.numeric, aud.categorical)
    assert any(name.startswith("skewed:") for name, _, _ in prep.transformers)
    expected = prep.fit_transform(data)
    assert X.dtype == np.float32 and X.flags.c_contiguous
    assert X.shape == expected.shape and np.array_equal(X, expected)


def test_matrix_rows_of_a_sample_are_the_full_matrix_rows(monkeypatch):
    """prepare_matrix writes any rows: a sample's rows are the whole matrix's rows, the
    same floats (the k selection reads them while the whole matrix is written); the
    numeric columns fitted in two threads (a large table) give the same matrix."""
    import smmplan.segments as segments
    from smmplan.segments import prepare_matrix

    table = planted().drop(columns="Truth").astype(str)
    table.loc[::7, "Age"] = "n/a"
    table.loc[::11, "Channel"] = ""
    table.loc[::5, "Spend"] = "5000,00"
    aud = prepare_audience(table, "aud.csv")
    X, _ = to_matrix(aud.features, aud.numeric, aud.categorical)
    rows = prepare_matrix(aud.features, aud.numeric, aud.categorical)
    index = np.array([0, 5, 6, 77, len(X) - 1])
    assert len(rows) == len(X) and np.array_equal(rows[index], X[index])
    assert rows[index].dtype == np.float32 and np.array_equal(rows.rows(), X)
    monkeypatch.setattr(segments, "PARALLEL_ROWS", 0)  # every table "large"
    assert np.array_equal(to_matrix(aud.features, aud.numeric, aud.categorical)[0], X)


def test_a_sample_is_clustered_in_float64_and_predicts_float32_rows():
    """A sample of the matrix is clustered in float64 (more precise, and faster in
    scikit-learn than float32), every row of it stays float32; a model fitted on the
    sample labels the float32 rows as it labels them converted."""
    from smmplan.segments import PREDICT_BLOCK, sample_rows

    X = np.random.default_rng(0).normal(size=(PREDICT_BLOCK + 500, 3)).astype(np.float32)
    X[: len(X) // 2] += 4
    index = np.arange(0, len(X), 7)
    sample = sample_rows(X, index)
    assert sample.dtype == np.float64 and np.array_equal(sample, X[index].astype(np.float64))
    assert sample_rows(X, np.arange(len(X))).dtype == np.float32  # every row: as it is
    seg = AudienceSegmenter(k=2, bootstraps=0, min_count=10).fit(sample)
    rows = np.arange(3, len(X), 2)  # more rows than a block: converted block by block
    expected = seg._relabel[seg.model_.predict(X[rows].astype(np.float64))]
    assert np.array_equal(seg.predict(X, rows), expected)
    assert np.array_equal(seg.predict(X), seg._relabel[seg.model_.predict(
        X.astype(np.float64))])


def test_text_columns_factorised_in_threads_type_the_same(monkeypatch):
    """A large table's text columns are factorised in worker threads: the same typed
    table and notes as one after the other."""
    import smmplan.audience as audience

    table = planted().drop(columns="Truth").astype(str)
    table.loc[::9, "Channel"] = "n/a"
    alone = prepare_audience(table, "aud.csv")
    monkeypatch.setattr(audience, "PARALLEL_ROWS", 0)
    threaded = prepare_audience(table, "aud.csv")
    pd.testing.assert_frame_equal(threaded.features, alone.features)
    assert threaded.notes == alone.notes


@pytest.mark.parametrize("sub_sample", [None, 80])
def test_sub_targets_cover_every_row_of_their_line(monkeypatch, sub_sample):
    """Sub-targets fitted on a sample of a line's rows still label every row of it."""
    import smmplan.targets as targets
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.plan import Plan

    if sub_sample:
        monkeypatch.setattr(targets, "SUB_SAMPLE", sub_sample)
    plan = Plan(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml"))
    tg = find_targets(plan.brief, plan.audience)
    labels = pd.Series(tg.sub_labels)
    clustered = [(n, lt) for n, lt in enumerate(tg.lines, start=1) if lt.method == "clustered"]
    assert clustered and all(lt.rows > 80 for _, lt in clustered)  # 80: a sample of each
    for n, lt in clustered:
        mine = labels.str.startswith(f"L{n}.")
        assert mine.sum() == lt.rows == sum(p.size for p in lt.sub_targets) + lt.other
        # cells under the disclosure minimum are left out: the shares shown sum to <= 100
        least = min_group(len(tg.labels))
        counts = np.bincount(tg.labels[mine.to_numpy()], minlength=tg.k)
        assert lt.served and {s["target"] for s in lt.served} == {
            i for i in range(tg.k) if counts[i] >= least}
        assert sum(s["share"] for s in lt.served) <= 100.5


def test_a_line_described_on_its_own_rows_equals_the_masks_on_every_row():
    """Sub-targets are described on their line's rows (``Audience.rows_of``): the same
    profile and persona as masks over every row with the line as base, also when the
    acquisition column names no platform inside the line (decided on the whole audience)."""
    from smmplan.personas import _persona, _profiles, platform_reach
    from smmplan.target_channels import acquisition_shares

    table = planted(n_per=200)
    aud = prepare_audience(table.drop(columns="Truth"), "t.csv", {"product": "Category"})
    brief = parse_brief({**example_raw("fashion"), "data": {}}, None)
    rows = (table["Category"] != "Streetwear").to_numpy() & (table["Age"] > 30).to_numpy()
    index = np.flatnonzero(rows)
    mine = aud.rows_of(index)
    sub = np.zeros(aud.rows, dtype=np.int64)
    sub[index] = (table["Age"].to_numpy()[index] > 45).astype(int)
    local = sub[index]
    assert _profiles(aud.features, aud.numeric, aud.categorical, sub, 2, base=rows) == \
        _profiles(mine.features, mine.numeric, mine.categorical, local, 2)
    traits = _profiles(mine.features, mine.numeric, mine.categorical, local, 2)
    reach = platform_reach(aud)  # the whole audience's, as _sub_targets passes it
    for j in range(2):
        assert _persona(aud, rows & (sub == j), j, brief.offer, traits[j], base=rows,
                        reach_all=reach) == _persona(mine, local == j, j, brief.offer,
                                                     traits[j], reach_all=reach)
    # a target (base: everyone) described on its own rows: the same persona
    for j in range(2):
        target = sub == j
        assert _persona(aud, target, j, brief.offer, traits[j], reach_all=reach) == _persona(
            aud, target, j, brief.offer, traits[j], own=aud.rows_of(np.flatnonzero(target)))
    # a line acquired through no platform (newsletter only): its acquisition shares are
    # still read in the whole audience's acquisition column (none), not in the next column
    # that names platforms inside the line
    table["Seen on"] = np.where(np.arange(len(table)) % 2, "Instagram", "Facebook")
    aud = prepare_audience(table.drop(columns="Truth"), "t.csv", {"product": "Category"})
    assert aud.categorical.index("Channel") < aud.categorical.index("Seen on")
    quiet = (table["Channel"] == "Newsletter").to_numpy()
    assert acquisition_shares(aud, quiet) == {} == acquisition_shares(
        aud.rows_of(np.flatnonzero(quiet)), np.ones(int(quiet.sum()), bool))


def test_select_in_two_threads_is_select():
    """The candidate k fitted in two threads: the same choice, table and final fit."""
    table = planted().drop(columns="Truth").astype(str)
    aud = prepare_audience(table, "aud.csv")
    X, _ = to_matrix(aud.features, aud.numeric, aud.categorical)
    one = AudienceSegmenter(random_state=5).select(X)
    two = AudienceSegmenter(random_state=5).select(X, workers=2)
    assert len(two.selection_) > 1 and two.k_ == one.k_ and two.reason_ == one.reason_
    pd.testing.assert_frame_equal(two.selection_, one.selection_)
    assert (two.fit_selected(X).labels_ == one.fit_selected(X).labels_).all()


def test_every_fit_runs_one_openmp_thread_in_whichever_thread(monkeypatch):
    """Above the selection sample the fits run in worker threads too (the k candidates,
    the final fit, the offer lines' sub-targets); OpenMP's thread count is per thread, so
    each worker sets its own: one, as in the calling thread."""
    import os

    from sklearn.cluster import KMeans, MiniBatchKMeans
    from sklearn.utils._openmp_helpers import _openmp_effective_n_threads

    import smmplan.segments as segments
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.plan import Plan

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: OpenMP runs one thread anyway")
    seen = []
    for cls in (KMeans, MiniBatchKMeans):
        def spy(self, *args, _fit=cls.fit, **kwargs):
            seen.append(_openmp_effective_n_threads())
            return _fit(self, *args, **kwargs)

        monkeypatch.setattr(cls, "fit", spy)
    monkeypatch.setattr(segments, "SELECTION_SAMPLE", 300)  # 1,200 rows: more than that
    plan = Plan(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml"))
    assert not find_targets(plan.brief, plan.audience).declared
    assert len(seen) > 10 and set(seen) == {1}


def test_final_fit_in_a_thread_is_complete_and_reproducible(monkeypatch):
    """Above the selection sample the final fit runs beside the offer lines' clustering."""
    import smmplan.segments as segments
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.plan import Plan

    monkeypatch.setattr(segments, "SELECTION_SAMPLE", 300)  # 1,200 rows: more than that
    plan = Plan(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml"))
    first = find_targets(plan.brief, plan.audience)
    again = find_targets(plan.brief, plan.audience)
    assert sum(p.size for p in first.personas) == first.rows == 1200
    assert (first.labels == again.labels).all() and first.sub_labels == again.sub_labels
    assert first.stability == again.stability and first.stability["bootstraps"] == 5
    assert all(lt.served for lt in first.lines if lt.method == "clustered")
    # the same targets and stability as the segmenter's own fit (select, final fit,
    # bootstrap refits in turn), though the refits ran beside the final fit
    X, _ = to_matrix(plan.audience.features, plan.audience.numeric,
                     plan.audience.categorical)
    settings = plan.brief.targets
    alone = AudienceSegmenter(k=settings.k, k_min=settings.k_min, k_max=settings.k_max,
                              min_share=settings.min_share / 100,
                              random_state=plan.brief.random_seed() % 2**31,
                              min_count=min_group(1200)).fit(X)
    assert alone.refits_ and (alone.labels_ == first.labels).all()
    assert {k: round(v, 3) if isinstance(v, float) else v
            for k, v in alone.stability_.items()} == first.stability


def test_forced_k_and_min_share():
    table = planted().drop(columns="Truth").astype(str)
    aud = prepare_audience(table, "aud.csv")
    X, _ = to_matrix(aud.features, aud.numeric, aud.categorical)
    forced = AudienceSegmenter(k=5, random_state=0).fit(X)
    assert forced.k_ == 5 and forced.reason_ == "forced"
    strict = AudienceSegmenter(min_share=0.4, random_state=0).fit(X)
    assert strict.k_ == 2  # only k=2 keeps every segment above 40 %


def test_z_score_profile_is_correct():
    frame = pd.DataFrame({"x": [1.0, 2, 3, 10, 11, 12], "c": pd.Categorical(list("aabbbb"))})
    mask = np.array([True, True, True, False, False, False])
    traits = {(t.feature, t.value): t for t in _profile(frame, ["x"], ["c"], mask)}
    x = frame["x"].to_numpy()
    assert traits[("x", None)].z == pytest.approx((2 - x.mean()) / x.std(), abs=1e-3)
    b = traits[("c", "a")]
    assert b.share == pytest.approx(66.7, abs=0.1) and b.overall == pytest.approx(33.3, abs=0.1)
    assert b.lift == pytest.approx(2.0)


def test_dates_become_age_and_recency():
    table = pd.DataFrame({
        "Birth date": ["01/02/1990", "15/06/1985", "2000-03-01", "", "31/12/1979"] * 10,
        "Last order": ["2026-01-10", "2026-02-01", "2025-12-24", "2026-01-31", "2026-01-01"]
        * 10,
        "Segment": ["a", "b", "a", "b", "a"] * 10,
    })
    aud = prepare_audience(table, "t.csv")
    assert "age" in aud.features and "days since Last order" in aud.features
    assert aud.reference_date == "2026-02-01"
    assert aud.features["days since Last order"].min() == 0
    assert aud.features["age"].iloc[0] == pytest.approx(36.0, abs=0.1)
    assert aud.features["age"].isna().sum() == 10


def test_number_and_date_parsing():
    assert parse_numbers(pd.Series(["1 234,5", "2,25", "€3", "abc"])).tolist()[:3] == \
        [1234.5, 2.25, 3.0]
    assert np.isnan(parse_numbers(pd.Series(["1 234,5", "abc"]))[1])
    us = parse_dates(pd.Series(["11/28/2025 18:04", "01/02/2026 09:00"]))
    assert us.dt.month.tolist() == [11, 1]


@pytest.mark.parametrize(
    ("table", "columns", "message"),
    [
        (pd.DataFrame(), None, "no rows"),
        (pd.DataFrame({"a": ["1", "2"]}), {"id": "Customer"}, "column 'Customer'"),
        (pd.DataFrame({"e": [""] * 5, "c": ["x"] * 5}), None, "no column can be used"),
    ],
)
def test_bad_tables_name_file_and_column(table, columns, message):
    with pytest.raises(DataError, match=message) as info:
        prepare_audience(table, "aud.csv", columns)
    assert "aud.csv" in str(info.value)


def test_empty_constant_and_coerced_columns_are_reported():
    table = pd.DataFrame({"n": [*"123456789", "x"] * 8, "const": ["k"] * 80,
                          "empty": [""] * 80, "cat": list("abcd") * 20})
    aud = prepare_audience(table, "t.csv")
    notes = {n.column: n for n in aud.notes}
    assert notes["n"].coerced == 8 and notes["n"].kind == "numeric"
    assert notes["const"].action == "dropped" and notes["const"].kind == "constant"
    assert notes["empty"].kind == "empty"


def test_too_few_rows_for_forced_k_is_a_validation_error(tmp_path):
    raw = standalone(example_raw("fashion"))
    table = planted(10).drop(columns="Truth")
    table.to_csv(tmp_path / "aud.csv", index=False)
    raw["data"] = {"audience": {"path": "aud.csv"}}
    raw["targets"] = {"k": 4}
    path = write_brief(tmp_path, raw)
    with pytest.raises(BriefError, match=r"targets.k: 30 rows in aud.csv are too few for 4"):
        load_brief(path)


def test_fashion_targets_and_outputs_have_no_personal_data(tmp_path):
    brief = load_brief(next(p for p in __import__("smmplan.paths").paths.example_briefs()
                            if p.parent.name == "fashion"))
    from smmplan.plan import Plan

    plan = Plan(brief)
    tg = plan.targets
    assert 2 <= tg.k <= 8
    assert sum(p.size for p in tg.personas) == tg.rows == 1200
    assert {lt.method for lt in tg.lines} == {"clustered"}
    data = __import__("json").dumps(tg.to_json())
    raw = read_table(brief.resolve("audience.csv"))
    for col in ("Email", "Phone", "Last Name", "Customer ID"):
        for value in raw[col].head(50):
            assert str(value) not in data
    assignments = tg.assignments()
    assert list(assignments.columns) == ["key", "target", "sub_target"]
    assert assignments["key"].tolist() == raw["Customer ID"].tolist()
    assert set(assignments["target"]) == {f"T{i + 1}" for i in range(tg.k)}


def test_declared_personas_without_data():
    raw = standalone(example_raw("bakery"))
    raw["targets"] = {"personas": [
        {"name": "Parents du quartier", "share": 40, "age_range": "30-45",
         "channels": ["instagram", "facebook"], "message": "Le goûter du mercredi"},
        {"name": "Actifs pressés", "channels": ["instagram"]}]}
    brief = parse_brief(raw, __import__("pathlib").Path("b.yaml"))
    tg = find_targets(brief, None)
    assert tg.declared and [p.declared_name for p in tg.personas] == [
        "Parents du quartier", "Actifs pressés"]
    assert tg.assignments() is None


def test_unknown_platform_in_declared_persona():
    raw = standalone(example_raw("bakery"))
    raw["targets"] = {"personas": [{"name": "x", "channels": ["myspace"]}]}
    with pytest.raises(BriefError, match=r"targets.personas.0.channels.0: unknown platform"):
        parse_brief(raw, __import__("pathlib").Path("b.yaml"))


@pytest.mark.skipif(not (SHARED_DATASETS / "mall_customers").is_dir(),
                    reason="shared/datasets not present")
def test_mall_customers_facts_hold():
    table = read_table(SHARED_DATASETS / "mall_customers" / "Mall_Customers.csv")
    aud = prepare_audience(table[["CustomerID", "Annual Income (k$)",
                                  "Spending Score (1-100)"]], "Mall_Customers.csv")
    assert aud.key_column == "CustomerID"
    X, _ = to_matrix(aud.features, aud.numeric, aud.categorical)
    seg = AudienceSegmenter(random_state=0).fit(X)
    sel = seg.selection_.set_index("k")
    assert seg.k_ == 5
    assert sel.loc[5, "silhouette"] == pytest.approx(0.55, abs=0.02)
    assert sel["davies_bouldin"].idxmin() == 5
    assert sel.loc[5, "davies_bouldin"] == pytest.approx(0.57, abs=0.03)
    groups = aud.features.assign(s=seg.labels_).groupby("s").agg(
        inc=("Annual Income (k$)", "mean"), score=("Spending Score (1-100)", "mean"),
        n=("Annual Income (k$)", "size"))
    found = sorted((round(r.inc), round(r.score), r.n) for r in groups.itertuples())
    expected = sorted([(26, 79, 22), (26, 21, 23), (55, 50, 81), (87, 82, 39), (88, 17, 35)])
    for (i, s, n), (ei, es, en) in zip(found, expected, strict=True):
        assert abs(i - ei) <= 2 and abs(s - es) <= 2 and abs(n - en) <= 2


def weakly_structured(n: int = 800, seed: int = 0) -> pd.DataFrame:
    """Customers whose traits vary together only loosely (one wealth factor and noise):
    the silhouette is best at k = 2 and low everywhere, as in real customer tables."""
    rng = np.random.default_rng(seed)
    wealth = rng.normal(0, 1, n)
    table = pd.DataFrame({"Income": (52000 + 20000 * wealth).round(),
                          "Age": rng.integers(18, 80, n),
                          "Recency": rng.integers(0, 100, n),
                          "Status": rng.choice(["Married", "Single", "Divorced"], n)})
    for i, name in enumerate(["Wines", "Fruits", "Meat", "Fish"]):
        table[f"Mnt{name}"] = np.exp(rng.normal(5 + 0.8 * wealth, 1.0)).round() * (i + 1)
    return table


def test_actionable_k_preferred_when_the_best_k_is_no_real_preference():
    from smmplan.segments import ACTIONABLE_K, WEAK_SILHOUETTE

    aud = prepare_audience(weakly_structured(), "c.csv")
    X, _ = to_matrix(aud.features, aud.numeric, aud.categorical)
    plain = AudienceSegmenter(random_state=0, bootstraps=0, actionable=None).fit(X)
    assert plain.k_ == 2  # silhouette alone settles on two targets
    seg = AudienceSegmenter(random_state=0, bootstraps=0).fit(X)
    sel = seg.selection_.set_index("k")["silhouette"]
    inside = sel.loc[ACTIONABLE_K[0]:ACTIONABLE_K[1]]
    assert seg.reason_ == "actionable" and seg.best_k_ == 2
    assert seg.k_ == int(inside.idxmax())  # the best k of the actionable range
    assert sel[2] < WEAK_SILHOUETTE  # no substantial structure at the best k either


def test_a_clearly_better_k_outside_the_range_is_kept():
    rng = np.random.default_rng(1)  # two tight, far-apart groups: k = 2 by far
    X = np.vstack([rng.normal(0, 0.3, (200, 3)), rng.normal(8, 0.3, (200, 3))])
    seg = AudienceSegmenter(random_state=0, bootstraps=0).fit(X)
    sel = seg.selection_.set_index("k")["silhouette"]
    assert (seg.k_, seg.reason_) == (2, "silhouette_clear")
    assert sel[2] - sel.loc[3:7].max() > 0.05


def test_the_data_or_the_brief_can_forbid_the_actionable_range():
    rng = np.random.default_rng(2)
    X = rng.normal(0, 1, (50, 3))  # 50 rows, groups of at least 20: only k = 2 possible
    seg = AudienceSegmenter(random_state=0, bootstraps=0, min_count=20).fit(X)
    assert (seg.k_, seg.reason_) == (2, "actionable_impossible")
    forced = AudienceSegmenter(k=2, random_state=0, bootstraps=0).fit(
        rng.normal(0, 1, (400, 3)))
    assert (forced.k_, forced.reason_) == (2, "forced")


def test_weak_structure_thresholds():
    from smmplan.segments import WEAK_SILHOUETTE, WEAK_STABILITY, weak_structure

    assert weak_structure(WEAK_SILHOUETTE - 0.01, 0.9) == ["silhouette"]
    assert weak_structure(0.6, WEAK_STABILITY - 0.01) == ["stability"]
    assert weak_structure(0.6, 0.9) == [] and weak_structure(0.6, None) == []


def test_weak_targets_are_said_to_be_hypotheses(tmp_path):
    from smmplan import views as v
    from smmplan.plan import Plan

    weakly_structured().to_csv(tmp_path / "aud.csv", index=False)
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"audience": {"path": "aud.csv"}}
    plan = Plan(load_brief(write_brief(tmp_path, raw)))
    tg = plan.targets
    assert 3 <= tg.k <= 7 and tg.reason == "actionable" and "silhouette" in tg.weak
    intro = v.targets_intro(plan).html()
    assert "no strong grouping" in intro and "hypotheses to test" in intro
    assert "split test" in intro
    assert "hypotheses" in " ".join(v.targets_decisions(plan))
    selection = v.target_selection(plan).html()
    assert "between 3 and 7 targets" in selection and "Kaufman" in selection


def test_k_selection_runs_one_openmp_thread(monkeypatch):
    """The k selection fits small samples: a second OpenMP thread spins more than it
    helps (several times the wall time on a loaded two-core machine)."""
    import os

    from threadpoolctl import threadpool_info

    from smmplan.paths import EXAMPLES_DIR
    from smmplan.plan import Plan

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: OpenMP runs one thread anyway")
    seen = []
    select = AudienceSegmenter.select

    def spy(self, X, *args, **kwargs):
        seen.append([p["num_threads"] for p in threadpool_info() if p["user_api"] == "openmp"])
        return select(self, X, *args, **kwargs)

    monkeypatch.setattr(AudienceSegmenter, "select", spy)
    plan = Plan(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml"))
    find_targets(plan.brief, plan.audience)
    assert seen and all(threads and set(threads) == {1} for threads in seen)


def test_minibatch_draws_with_a_kept_distribution_are_numpys(monkeypatch):
    """``_SameWeights`` draws what ``RandomState`` draws, and the final MiniBatchKMeans run
    with it is scikit-learn's own run: the same mini-batches, centres and labels. It also
    pins the scikit-learn internal it relies on: from 1.7 every mini-batch after the first
    is drawn with ``choice`` from the very array of the first (so the kept distribution
    serves every step but the first); before 1.7 no batch is drawn with weights. A
    scikit-learn that draws its batches another way fails here, whether or not the fit
    still matches."""
    import sklearn
    from sklearn.cluster import MiniBatchKMeans

    from smmplan import segments
    from smmplan.segments import MINIBATCH_ROWS, _kmeans, _SameWeights

    kept: list[bool] = []  # per weighted draw: whether the kept distribution served it

    class Counted(_SameWeights):
        def choice(self, a, size=None, replace=True, p=None):
            if p is not None and replace and size is not None:
                kept.append(getattr(self, "_p", None) is p)
            return super().choice(a, size, replace, p)

    rng = np.random.default_rng(3)
    for n, size, dtype in ((100_000, 4096, np.float32), (50, 7, np.float64)):
        weights = rng.random(n).astype(dtype)
        p = weights / weights.sum()
        numpy_rs, ours = np.random.RandomState(11), _SameWeights(11)
        for _ in range(20):
            a, b = numpy_rs.choice(n, size, p=p), ours.choice(n, size, p=p)
            assert a.dtype == b.dtype and (a == b).all()
            assert numpy_rs.choice(n, 3, replace=False).tolist() == ours.choice(
                n, 3, replace=False).tolist()
    X = np.vstack([rng.normal(c, 1.0, (MINIBATCH_ROWS // 2 + 500, 4)) for c in (0, 4, 8)]
                  ).astype(np.float32)
    model = _kmeans(3, len(X), 7)
    assert isinstance(model, MiniBatchKMeans) and isinstance(model.random_state, _SameWeights)
    monkeypatch.setattr(segments, "_SameWeights", Counted)
    model = _kmeans(3, len(X), 7).fit(X)
    weighted = tuple(int(v) for v in sklearn.__version__.split(".")[:2]) >= (1, 7)
    assert kept == ([False] + [True] * (model.n_steps_ - 1) if weighted else [])
    plain = MiniBatchKMeans(n_clusters=3, random_state=7, n_init=3, batch_size=4096).fit(X)
    assert model.n_steps_ == plain.n_steps_ > 1
    assert model.cluster_centers_.tobytes() == plain.cluster_centers_.tobytes()
    assert (model.labels_ == plain.labels_).all()
