"""The example data files are what the documented, seeded generator writes."""

from __future__ import annotations

from smmplan.exports.table import read_table
from smmplan.paths import EXAMPLES_DIR
from smmplan.sampledata import generate


def test_generator_reproduces_the_committed_files(tmp_path):
    written = generate(tmp_path)
    assert written
    for path in written:
        committed = EXAMPLES_DIR / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), committed


def test_files_carry_real_export_quirks():
    audience = EXAMPLES_DIR / "fashion" / "audience.csv"
    assert audience.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = read_table(audience)
    assert {"Email", "Phone", "First Name"} <= set(frame.columns)
    assert frame["Birth Date"].isna().any()
    bakery = (EXAMPLES_DIR / "bakery" / "posts.csv").read_bytes()
    try:
        bakery.decode("utf-8")
        raise AssertionError("bakery posts should be Latin-1")
    except UnicodeDecodeError:
        pass
    assert read_table(EXAMPLES_DIR / "bakery" / "posts.csv")["Réseau"].notna().all()
    ga4 = (EXAMPLES_DIR / "b2b-software" / "web_analytics.csv").read_text()
    assert ga4.startswith("# ")
