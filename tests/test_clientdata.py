"""Reading client files as real exports come."""

from __future__ import annotations

import pandas as pd
import pytest

from smmplan.clientdata import read_header, read_table, sniff_separator
from smmplan.errors import DataError


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
