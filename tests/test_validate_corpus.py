"""`validate` promises what `build` does: a corpus of awkward and broken exports; for each,
either `load_brief` (what `validate` and `build` run first) reports the problem with the
reader's own message, or every reader the build runs succeeds. Encodings and wrong file
types get plain messages, never raw bytes."""

from __future__ import annotations

import pandas as pd
import pytest

from smmplan.errors import BriefError, DataError
from smmplan.exports.ads import read_ads
from smmplan.exports.posts import read_posts
from smmplan.exports.table import read_table
from smmplan.validation import load_brief

from .conftest import example_raw, standalone, write_brief

POSTS_OK = "Publish time,Post type,Reactions,Comments,Shares\n" + "".join(
    f"2025-03-{d:02d} 10:00,Photo,{d},1,0\n" for d in range(1, 20))
ADS_NO_PLATFORM = "ad_id,age,gender,Impressions,Clicks,Spent,Total_Conversion\n" + "".join(
    f"{i},30-34,M,{10000 + i},{100 + i},{50 + i},{i % 4}\n" for i in range(30))
ADS_CENTS = "Platform,Impressions,Clicks,Spent,Conversions\n" + "".join(
    f"facebook,{100000 + i},{500 + i},{1 + i / 10},{i % 4}\n" for i in range(30))

# name -> (kind, file name, bytes, brief data entry extras, expected problem or None)
CORPUS = {
    "posts without reach": ("posts", "posts.csv", POSTS_OK.encode(), {}, None),
    "posts without any metric": ("posts", "posts.csv",
                                 b"Publish time,Message\n2025-03-01 10:00,hi\n", {},
                                 "no engagement column"),
    "posts without dates": ("posts", "posts.csv", b"Message,Likes\nhi,3\n", {},
                            "no publication date column"),
    "posts with unreadable dates": ("posts", "posts.csv",
                                    b"Publish time,Likes\nsoon,3\nlater,4\n", {},
                                    "no readable date"),
    "posts in UTF-16 from Excel": ("posts", "posts.csv",
                                   POSTS_OK.replace(",", "\t").encode("utf-16"), {}, None),
    "posts in cp1252": ("posts", "posts.csv", ("Heure de publication;Type de publication;"
                        "Réactions;Commentaires\n" + "".join(
                            f"2025-03-{d:02d} 10:00;Été;{d};1\n" for d in range(1, 9)))
                        .encode("cp1252"), {}, None),
    "CSV renamed .xlsx": ("posts", "posts.xlsx", POSTS_OK.encode(), {},
                          "not an Excel file: looks like CSV text"),
    "binary file": ("posts", "posts.csv", bytes(range(256)) * 4, {},
                    "not a text table (binary content)"),
    "ads without platform": ("ads", "ads.csv", ADS_NO_PLATFORM.encode(), {},
                             "no platform column"),
    "ads with a platform in the brief": ("ads", "ads.csv", ADS_NO_PLATFORM.encode(),
                                         {"platform": "facebook"}, None),
    "ads in cents": ("ads", "ads.csv", ADS_CENTS.encode(), {}, "probable unit error"),
    "ads with negative spend": ("ads", "ads.csv",
                                ADS_CENTS.replace("1.0,", "-1.0,", 1).encode(), {},
                                "negative spend"),
}


# name -> (country, currency, expected problem or None): the client's market
MARKETS = {"Brazil in reais": ("BR", "BRL", None), "Japan in yen": ("JP", "JPY", None),
           "Nigeria in naira (no ECB rate)": ("NG", "NGN", None),
           "Taiwan (no World Bank figure)": ("TW", "TWD", "no population figure for TW")}


def _write_case(folder, name):
    """The corpus case ``name`` as a brief (and its file) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = standalone(example_raw("fashion"))
    raw["client"]["name"] = f"Corpus {sorted(CORPUS).index(name)}"
    raw["budget"]["paid"]["channels"] = {"facebook": {}, "instagram": {}}
    kind, file, content, extra, _ = CORPUS[name]
    (folder / file).write_bytes(content)
    raw["data"] = {kind: {"path": file, **extra}}
    return write_brief(folder, raw)


def _write_market(folder, name):
    folder.mkdir(parents=True, exist_ok=True)
    raw = standalone(example_raw("fashion"))
    country, code, _ = MARKETS[name]
    raw["client"].update(name=f"Market {country}", country=country, currency=code)
    raw["budget"]["paid"]["channels"] = {"facebook": {}, "instagram": {}}
    return write_brief(folder, raw)


@pytest.mark.parametrize("name", sorted(MARKETS))
def test_validate_reports_what_the_market_lacks(tmp_path, name):
    from smmplan.budget import plan_paid

    expected = MARKETS[name][2]
    path = _write_market(tmp_path, name)
    try:
        load_brief(path)
    except BriefError as exc:
        assert expected is not None, exc.lines()
        assert all(expected in line and "budget.paid.channels." in line
                   for line in exc.lines())
        with pytest.raises(DataError) as caught:
            plan_paid(load_brief(path, check_files=False))
        assert str(caught.value) in exc.lines()
        return
    assert expected is None, f"validate passed {name}"


@pytest.mark.slow
def test_briefs_that_validate_build_in_one_batch(tmp_path):
    """Every corpus brief that passes `validate` is built by one `build -j 2`: all succeed."""
    from .conftest import run_cli

    paths = [_write_case(tmp_path / "briefs" / f"c{i}", name)
             for i, name in enumerate(sorted(CORPUS)) if CORPUS[name][4] is None]
    paths += [_write_market(tmp_path / "briefs" / f"m{i}", name)
              for i, name in enumerate(sorted(MARKETS)) if MARKETS[name][2] is None]
    checked = run_cli("validate", *map(str, paths))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run_cli("build", *map(str, paths), "-o", str(tmp_path / "out"), "-j", "2",
                    timeout=1500)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert len(list((tmp_path / "out").glob("*/plan.html"))) == len(paths)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_validate_reports_what_build_would_reject(tmp_path, name):
    kind, _, _, _, expected = CORPUS[name]
    path = _write_case(tmp_path, name)
    try:
        brief = load_brief(path)
    except BriefError as exc:
        assert expected is not None, exc.lines()
        (line,) = exc.lines()
        assert expected in line and f"data.{kind}" in line
        assert "\\x" not in line and "\x00" not in line  # no raw bytes echoed
        # build runs the same reader: the same message
        brief = load_brief(path, check_files=False)
        reader = {"posts": read_posts, "ads": read_ads}[kind]
        with pytest.raises(DataError) as caught:
            reader(brief)
        assert str(caught.value) in line
        return
    assert expected is None, f"validate passed {name}"
    frame = {"posts": read_posts, "ads": read_ads}[kind](brief)
    assert len(frame) > 0


def test_a_directory_is_named_as_a_directory(tmp_path):
    (tmp_path / "posts.csv").mkdir()
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"posts": {"path": "posts.csv"}}
    with pytest.raises(BriefError, match="data.posts.path: is a directory"):
        load_brief(write_brief(tmp_path, raw))
    with pytest.raises(DataError, match="is a directory"):
        read_table(tmp_path / "posts.csv")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings_are_detected(tmp_path, encoding):
    text = "Nom;Ville;Montant\nBéatrice;Orléans;12,5\nJürgen;Köln;7\nŒuvre;Besançon;3\n"
    if encoding == "latin-1":
        text = text.replace("Œ", "O")  # not in Latin-1
    (tmp_path / "t.csv").write_bytes(text.encode(encoding))
    table = read_table(tmp_path / "t.csv")
    assert list(table.columns) == ["Nom", "Ville", "Montant"]
    assert table["Ville"].tolist() == ["Orléans", "Köln", "Besançon"]
    assert pd.Series(table["Nom"]).str.contains("é").any()
