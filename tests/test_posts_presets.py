"""Post exports as platforms write them: every preset of docs/export-presets.md is read
without a column map, duplicates are removed and counted, and an export without reach is
still used (engagement on the best denominator present, else per post)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmplan.errors import DataError
from smmplan.exports.posts import posts_frame
from smmplan.metrics import by_group, frame_metric, ranking_kpi
from smmplan.objectives import analyse_posts, post_kpis

from .conftest import SHARED_DATASETS

# Header lists of the presets (sources in docs/export-presets.md), with what each column
# is: the key it must be read as, or None for a column the reader ignores.
PRESETS: dict[str, dict[str, str | None]] = {
    "meta_facebook_2025_en": {
        "Post ID": "id", "Page ID": None, "Page name": None, "Title": None,
        "Description": None, "Duration (sec)": None, "Publish time": "date",
        "Caption type": None, "Permalink": None, "Is crosspost": None, "Is share": None,
        "Post type": "content_type", "Languages": None, "Custom labels": None,
        "Funded content status": None, "Data comment": None, "Date": None,
        "Views": "views", "Reach": "reach", "Reactions, Comments and Shares": "engagements",
        "Reactions": "likes", "Comments": "comments", "Shares": "shares",
        "Total clicks": "clicks"},
    "meta_facebook_2024_en": {
        "Post ID": "id", "Page name": None, "Title": None, "Publish time": "date",
        "Permalink": None, "Post type": "content_type", "Date": None,
        "Impressions": "impressions", "Reach": "reach",
        "Reactions, comments and shares": "engagements", "Reactions": "likes",
        "Comments": "comments", "Shares": "shares", "Total clicks": "clicks"},
    "meta_instagram_2025_en": {
        "Post ID": "id", "Account ID": None, "Account username": None,
        "Account name": None, "Description": None, "Duration (sec)": None,
        "Publish time": "date", "Permalink": None, "Post type": "content_type",
        "Data comment": None, "Date": None, "Views": "views", "Reach": "reach",
        "Likes": "likes", "Shares": "shares", "Follows": None, "Comments": "comments",
        "Saves": "saves"},
    "meta_instagram_2024_en": {
        "Post ID": "id", "Account username": None, "Description": None,
        "Publish time": "date", "Permalink": None, "Post type": "content_type",
        "Date": None, "Impressions": "impressions", "Reach": "reach", "Likes": "likes",
        "Shares": "shares", "Follows": None, "Comments": "comments", "Saves": "saves"},
    "meta_facebook_2025_fr": {
        "Identifiant de la publication": "id", "Nom de la Page": None, "Titre": None,
        "Heure de publication": "date", "Lien permanent": None,
        "Type de publication": "content_type", "Date": None, "Vues": "views",
        "Couverture": "reach", "Réactions, commentaires et partages": "engagements",
        "Réactions": "likes", "Commentaires": "comments", "Partages": "shares",
        "Total des clics": "clicks"},
    "meta_instagram_2024_fr": {
        "Identifiant de la publication": "id", "Description": None,
        "Heure de publication": "date", "Lien permanent": None,
        "Type de publication": "content_type", "Impressions": "impressions",
        "Couverture": "reach", "Mentions J'aime": "likes", "Partages": "shares",
        "Commentaires": "comments", "Enregistrements": "saves"},
    "tiktok_en": {
        "Video title": None, "Video link": "id", "Post time": "date",
        "Total likes": "likes", "Total comments": "comments", "Total shares": "shares",
        "Total views": "views"},
    "tiktok_fr": {
        "Titre de la vidéo": None, "Heure de publication": "date",
        "Total des mentions J'aime": "likes", "Total des commentaires": "comments",
        "Total des partages": "shares", "Vues de la vidéo": "views"},
    "linkedin_page_en": {
        "Post title": None, "Post link": "id", "Post type": None,
        "Campaign name": None, "Posted by": None, "Created date": "date",
        "Campaign start date": None, "Campaign end date": None, "Audience": None,
        "Impressions": "impressions", "Views (excluding off-site video views)": "views",
        "Off-site views": None, "Clicks": "clicks", "Click through rate (CTR)": None,
        "Likes": "likes", "Comments": "comments", "Reposts": "shares",
        "Follows": None, "Engagement rate": None, "Content Type": "content_type"},
    "linkedin_page_fr": {
        "Titre de la publication": None, "Lien de la publication": "id",
        "Date de création": "date", "Impressions": "impressions", "Clics": "clicks",
        "J'aime": "likes", "Commentaires": "comments", "Republications": "shares",
        "Taux d'engagement": None, "Type de contenu": "content_type"},
    "youtube_studio_en": {
        "Content": "id", "Video title": None, "Video publish time": "date",
        "Comments added": "comments", "Shares": "shares", "Dislikes": None,
        "Likes": "likes", "Subscribers lost": None, "Subscribers gained": None,
        "Average view duration": None, "Views": "views", "Watch time (hours)": None,
        "Subscribers": None, "Impressions": "impressions",
        "Impressions click-through rate (%)": None},
    "youtube_studio_fr": {
        "Contenu": "id", "Titre de la vidéo": None,
        "Heure de publication de la vidéo": "date", "Commentaires ajoutés": "comments",
        "Partages": "shares", "J'aime": "likes", "Vues": "views",
        "Durée de visionnage (heures)": None, "Abonnés": None,
        "Impressions": "impressions"},
}
# What the reader divides by, in its order of preference.
DENOMINATORS = ("reach", "impressions", "views")


def _fixture(header: dict[str, str | None], rows: int = 40, seed: int = 0) -> pd.DataFrame:
    """An export with ``header``'s columns: plausible numbers, text elsewhere."""
    rng = np.random.default_rng(seed)
    data: dict[str, list] = {}
    dates = pd.date_range("2025-03-03 08:00", periods=rows, freq="31h")
    for name, key in header.items():
        if key == "date":
            data[name] = dates.strftime("%m/%d/%Y %H:%M").tolist()
        elif key == "id":
            data[name] = [f"p{i:04d}" for i in range(rows)]
        elif key == "content_type":
            data[name] = rng.choice(["Photo", "Video", "Carousel"], rows).tolist()
        elif key in ("reach", "impressions", "views"):
            base = {"reach": 1000, "impressions": 1500, "views": 2500}[key]
            data[name] = (rng.integers(base, base * 5, rows)).astype(str).tolist()
        elif key in ("likes", "comments", "shares", "saves", "clicks"):
            data[name] = rng.integers(0, 80, rows).astype(str).tolist()
        elif key is None:
            data[name] = [f"{name} {i}" if i % 3 else "" for i in range(rows)]
    frame = pd.DataFrame(data)
    engagement = [n for n, k in header.items() if k == "engagements"]
    if engagement:  # the total of the parts, as Meta writes it
        parts = [n for n, k in header.items() if k in ("likes", "comments", "shares")]
        frame[engagement[0]] = sum(frame[p].astype(int) for p in parts).astype(str)
    return frame[list(header)]


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_preset_is_read_without_a_column_map(preset):
    header = PRESETS[preset]
    table = _fixture(header)
    posts = posts_frame(table, {}, latest=pd.Timestamp("2030-01-01"))
    col = {key: name for name, key in header.items() if key}
    # engagements, computed here independently: the export's total, else its parts
    if "engagements" in col:
        expected = table[col["engagements"]].astype(float)
    else:
        parts = [col[k] for k in ("likes", "comments", "shares", "saves") if k in col]
        expected = sum(table[p].astype(float) for p in parts)
    assert len(posts) == len(table)
    assert posts["engagements"].tolist() == pytest.approx(expected.tolist())
    basis = next(d for d in DENOMINATORS if d in col)
    assert ranking_kpi(posts) == f"engagement_rate_{basis}"
    rates = expected / table[col[basis]].astype(float) * 100
    assert posts["rate"].tolist() == pytest.approx(rates.tolist())
    assert frame_metric(posts, f"engagement_rate_{basis}") == pytest.approx(rates.mean())
    # every denominator present gives its rate, each by its own definition
    kpis = post_kpis(posts)
    for d in DENOMINATORS:
        if d in col:
            assert kpis[f"engagement_rate_{d}"] == pytest.approx(
                (expected / table[col[d]].astype(float)).mean() * 100)
        else:
            assert f"engagement_rate_{d}" not in kpis
    for key in ("likes", "comments", "shares", "saves", "clicks"):
        if key in col:
            assert posts[key].tolist() == pytest.approx(table[col[key]].astype(float).tolist())
    when = pd.to_datetime(table[col["date"]], format="%m/%d/%Y %H:%M")
    assert posts["weekday"].tolist() == when.dt.weekday.tolist()
    assert posts["hour"].tolist() == when.dt.hour.tolist()
    if "content_type" in col:
        assert set(posts["content_type"]) == set(table[col["content_type"]])


def test_duplicated_posts_are_removed_and_counted():
    table = _fixture(PRESETS["meta_instagram_2025_en"], rows=10)
    same_id = table.iloc[[2]].copy()
    same_id["Likes"] = "999"  # a later copy of post 2 with updated figures
    doubled = pd.concat([table, table.iloc[[0, 1]], same_id], ignore_index=True)
    posts = posts_frame(doubled, {}, latest=pd.Timestamp("2030-01-01"))
    assert len(posts) == 10
    assert posts.attrs["issues"]["duplicates"] == 3
    assert 999 not in posts["likes"].tolist()  # the first copy is kept
    assert analyse_posts(posts)["issues"]["duplicates"] == 3


def test_identical_rows_without_an_id_are_duplicates():
    table = pd.DataFrame({"Publish time": ["2025-03-03 10:00"] * 3 + ["2025-03-04 10:00"],
                          "Likes": ["5", "5", "6", "5"], "Comments": ["1"] * 4})
    posts = posts_frame(table, {}, latest=pd.Timestamp("2030-01-01"))
    assert len(posts) == 3 and posts.attrs["issues"]["duplicates"] == 1


def test_an_export_without_reach_is_used_on_the_best_denominator():
    """An Instagram export with impressions but no reach (the issue's second case)."""
    header = dict(PRESETS["meta_instagram_2024_en"])
    del header["Reach"]
    table = _fixture(header)
    posts = posts_frame(table, {}, latest=pd.Timestamp("2030-01-01"))
    assert "reach" not in posts and ranking_kpi(posts) == "engagement_rate_impressions"
    history = analyse_posts(posts)
    assert history["rate_kpi"] == "engagement_rate_impressions"
    engagements = sum(table[c].astype(float) for c in ("Likes", "Shares", "Comments",
                                                       "Saves"))
    frame = table.assign(rate=engagements / table["Impressions"].astype(float) * 100)
    expected = frame.groupby("Post type")["rate"].mean()
    got = {r["content_type"]: r["rate"] for r in history["by_type"]}
    assert got == pytest.approx(expected.round(3).to_dict())
    span = (posts["date"].max().normalize() - posts["date"].min().normalize()).days + 1
    assert history["posts_per_week"] == pytest.approx(round(len(table) / span * 7, 2))


def test_an_export_with_only_reactions_comments_and_shares_is_used_per_post():
    """A third-party Facebook export: no reach, impressions, views or followers."""
    table = pd.DataFrame({
        "post_id": [f"{i}" for i in range(30)] + ["3", "4"],
        "status_type": (["photo", "video", "link"] * 11)[:32],
        "status_published": pd.date_range("2025-01-06 09:00", periods=32, freq="19h")
        .strftime("%Y-%m-%d %H:%M:%S"),
        "num_reactions": [str(10 + i) for i in range(32)],
        "num_comments": [str(i % 5) for i in range(32)],
        "num_shares": [str(i % 3) for i in range(32)]})
    columns = {"id": "post_id", "content_type": "status_type", "date": "status_published",
               "likes": "num_reactions", "comments": "num_comments", "shares": "num_shares"}
    posts = posts_frame(table, columns, latest=pd.Timestamp("2030-01-01"))
    assert len(posts) == 30 and posts.attrs["issues"]["duplicates"] == 2
    assert ranking_kpi(posts) == "engagements_per_post"
    kept = table.iloc[:30]
    engagements = sum(kept[c].astype(float) for c in ("num_reactions", "num_comments",
                                                      "num_shares"))
    expected = engagements.groupby(kept["status_type"]).mean()
    got = by_group(posts, "content_type").set_index("content_type")["rate"]
    assert got.to_dict() == pytest.approx(expected.to_dict())
    k = post_kpis(posts)
    assert k["engagements_per_post"] == pytest.approx(engagements.mean())
    assert k["conversation_rate"] == pytest.approx(kept["num_comments"].astype(float).mean())
    assert "engagement_rate_reach" not in k and "reach_per_post" not in k


def test_a_post_export_without_any_metric_is_an_error():
    table = pd.DataFrame({"Publish time": ["2025-03-03 10:00"], "Message": ["hello"]})
    with pytest.raises(DataError, match="posts.csv: no engagement column"):
        posts_frame(table, {}, file="posts.csv")
    table = pd.DataFrame({"Message": ["hello"], "Likes": ["3"]})
    with pytest.raises(DataError, match="no publication date column"):
        posts_frame(table, {}, file="posts.csv")


def test_per_post_follows_are_not_an_audience_size():
    """LinkedIn's "Followers" column per post counts the follows it brought."""
    table = pd.DataFrame({"Created date": ["03/03/2025"] * 2 + ["03/04/2025"],
                          "Impressions": ["900", "1200", "800"],
                          "Likes": ["30", "50", "12"], "Followers": ["1", "0", "2"]})
    posts = posts_frame(table, {}, latest=pd.Timestamp("2030-01-01"))
    assert "followers" not in posts and posts["follows"].tolist() == [1, 0, 2]
    assert posts.attrs["notes"] == ["followers_are_follows"]
    assert "engagement_rate_followers" not in post_kpis(posts)


@pytest.mark.skipif(not (SHARED_DATASETS / "facebook_metrics").is_dir(),
                    reason="shared/datasets not present")
def test_real_facebook_export_without_reach_is_still_used():
    """The UCI Facebook export with its reach and impression columns removed: engagement by
    type on followers (page total likes), the same posts, the comment baseline kept."""
    from smmplan.exports.table import read_table

    table = read_table(SHARED_DATASETS / "facebook_metrics" / "dataset_Facebook.csv")
    table = table[[c for c in table.columns if "Reach" not in c and "reach" not in c
                   and "Impressions" not in c]]
    posts = posts_frame(table, {})
    assert len(posts) == 500 and ranking_kpi(posts) == "engagement_rate_followers"
    rate = (pd.to_numeric(table["Total Interactions"])
            / pd.to_numeric(table["Page total likes"]) * 100)
    expected = rate.groupby(table["Type"]).mean()
    got = {r["content_type"]: r["rate"] for r in analyse_posts(posts)["by_type"]}
    assert got == pytest.approx(expected.round(3).to_dict())
    assert post_kpis(posts)["conversation_rate"] == pytest.approx(
        pd.to_numeric(table["comment"]).sum() / 500)
