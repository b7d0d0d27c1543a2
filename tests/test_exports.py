"""Reading client files as real exports come."""

from __future__ import annotations

import pandas as pd
import pytest

from smmplan.errors import DataError
from smmplan.exports.table import read_header, read_table, sniff_separator


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("\ufeffName;Amount\nÉlodie;1,5\nBob;2\n", "utf-8"),
        ("Name;Amount\nÉlodie;1,5\nBob;2\n", "latin-1"),
        ("Name\tAmount\nÉlodie\t1,5\nBob\t2\n", "utf-8"),
    ],
)
def test_separators_and_encodings(tmp_path, raw, encoding):
    path = tmp_path / "t.csv"
    path.write_bytes(raw.encode(encoding))
    frame = read_table(path)
    assert list(frame.columns) == ["Name", "Amount"]
    assert frame["Name"].tolist() == ["Élodie", "Bob"]
    assert read_header(path) == ["Name", "Amount"]


def test_ga4_comment_lines(tmp_path):
    path = tmp_path / "ga4.csv"
    path.write_text("# ---\n# Account: x\n\nLanding page,Sessions\n/,10\n", encoding="utf-8")
    assert read_table(path)["Sessions"].tolist() == ["10"]


def test_xlsx(tmp_path):
    path = tmp_path / "t.xlsx"
    pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}).to_excel(path, index=False, sheet_name="S")
    assert read_header(path, sheet="S") == ["a", "b"]
    with pytest.raises(DataError, match="t.xlsx"):
        read_table(path, sheet="nope")


def test_bad_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(DataError, match="empty.csv: the file is empty"):
        read_table(empty)
    with pytest.raises(DataError, match="unsupported file type '.json'"):
        read_table(tmp_path / "x.json")


def test_sniff_single_column():
    assert sniff_separator("a\n1\n2\n") == ","


# --- one reader per export kind, column aliases in data/columns.yaml ----------------------

def test_column_finder_prefers_the_map_then_exact_then_contains():
    from smmplan.exports.columns import find_column

    cols = ["Cost per result", "Amount spent (EUR)", "Results", "Purchases conversion value"]
    assert find_column(cols, "ads", "spend") == "Amount spent (EUR)"  # "per" excluded
    assert find_column(cols, "ads", "spend", {"spend": "Cost per result"}) == "Cost per result"
    assert find_column(cols, "ads", "conversions") == "Results"
    assert find_column(cols, "ads", "revenue") == "Purchases conversion value"
    assert find_column(cols, "ads", "impressions") is None
    assert find_column(["  COUVERTURE "], "posts", "reach") == "  COUVERTURE "


def test_ads_reader_names_the_file_and_column():
    from smmplan.exports.ads import ads_frame

    table = pd.DataFrame({"Platform": ["Instagram", "Twitter"], "Amount spent": ["10", "5"],
                          "Impressions": ["1000", "500"], "Link clicks": ["10", "4"],
                          "Purchases": ["1", ""], "Purchases conversion value": ["40", ""]})
    frame = ads_frame(table, {}, "ads.csv")
    assert frame["platform"].tolist() == ["instagram", "x"]
    assert frame["conversions"].tolist() == [1.0, 0.0]
    assert frame["revenue"].sum() == 40.0
    table.loc[1, "Platform"] = "Myspace"
    with pytest.raises(DataError, match=r"ads.csv: column 'Platform': unknown platform.*myspace"):
        ads_frame(table, {}, "ads.csv")
    with pytest.raises(DataError, match=r"ads.csv: no clicks column"):
        ads_frame(table.drop(columns=["Link clicks"]), {}, "ads.csv")


def test_web_and_comment_readers_name_the_file():
    from smmplan.exports.comments import comment_texts
    from smmplan.exports.web import web_frame

    with pytest.raises(DataError, match=r"ga4.csv: no engaged_sessions, conversions column"):
        web_frame(pd.DataFrame({"Landing page": ["/"], "Source": ["instagram"],
                                "Sessions": ["3"]}), {}, "ga4.csv")
    with pytest.raises(DataError, match=r"log.csv: no text column"):
        comment_texts(pd.DataFrame({"Auteur": ["a"]}), {}, "log.csv")
    assert comment_texts(pd.DataFrame({"Commentaire": ["super"]}), {}, "x").tolist() == ["super"]


def test_competitors_export_reaches_the_benchmark(tmp_path):
    from smmplan.brief import parse_brief
    from smmplan.identity import benchmark_competitors, competitors_of

    from .conftest import example_raw, standalone

    (tmp_path / "competitors.csv").write_text(
        "Brand,Platform,Date,Followers,Engagement rate\n"
        "Atelier North,Instagram,2026-01-01,1000,1.0\n"
        "Atelier North,Instagram,2026-02-01,130000,2.5\n"  # latest row wins
        "New Rival,TikTok,2026-02-01,5000,6.0\n", encoding="utf-8")
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"competitors": {"path": "competitors.csv"}}
    brief = parse_brief(raw, tmp_path / "brief.yaml")
    comps = {c.name: c for c in competitors_of(brief)}
    north = {c.platform: c for c in comps["Atelier North"].channels}
    assert north["instagram"].followers == 130000 and north["instagram"].engagement_rate == 2.5
    assert "tiktok" in north  # typed in the brief, not in the export: kept
    assert comps["New Rival"].channels[0].followers == 5000
    names = [e.name for e in benchmark_competitors(brief).entities]
    assert "New Rival" in names
