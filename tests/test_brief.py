"""Brief validation: good briefs, and each kind of bad input."""

from __future__ import annotations

import json

import pytest

from smmplan.brief import Brief, slugify
from smmplan.errors import BriefError
from smmplan.paths import BRIEF_TEMPLATE, example_briefs
from smmplan.validation import load_brief

from .conftest import example_raw, run_cli, standalone, write_brief


def test_examples_are_valid_and_different():
    briefs = [load_brief(p) for p in example_briefs()]
    assert len(briefs) == 3
    assert {b.client.language for b in briefs} == {"en", "fr"}
    assert {b.client.currency for b in briefs} >= {"EUR", "USD"}
    assert {b.client.size for b in briefs} == {"sme", "large"}
    fashion = next(b for b in briefs if b.slug == "maison-lune")
    assert set(fashion.data_files()) == {"audience", "posts", "ads"}


def test_template_brief_is_valid():
    brief = load_brief(BRIEF_TEMPLATE)
    assert brief.client.name == "Client name"


def _errors(tmp_path, raw) -> list[str]:
    path = write_brief(tmp_path, raw)
    with pytest.raises(BriefError) as info:
        load_brief(path)
    for line in info.value.lines():
        assert line.startswith(f"{path}: "), line
    return info.value.lines()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda r: r["client"].pop("name"), "client.name", "required field is missing"),
        (lambda r: r["client"].update(size="tiny"), "client.size", "'sme' or 'large'"),
        (lambda r: r["client"].update(language="de"), "client.language", "'en' or 'fr'"),
        (lambda r: r["client"].update(currency="EURO"), "client.currency", "unknown currency"),
        (lambda r: r["client"].update(country="XX"), "client.country", "unknown country"),
        (lambda r: r["client"]["period"].update(months=0), "client.period.months", "greater"),
        (lambda r: r["client"]["period"].update(start="2027-13-01"), "client.period.start",
         "date"),
        (lambda r: r["brand"]["visual_identity"].update(primary_color="red"),
         "brand.visual_identity.primary_color", "#RRGGBB"),
        (lambda r: r["situation"]["problems"]["sales"].update(score=4),
         "situation.problems.sales.score", "less than or equal to 3"),
        (lambda r: r["situation"]["problems"].pop("digital_culture"),
         "situation.problems.digital_culture", "required"),
        (lambda r: r["situation"]["channels"][0].update(platform="myspace"),
         "situation.channels.0.platform", "unknown platform 'myspace'"),
        (lambda r: r["situation"]["channels"][0].update(followers=-5),
         "situation.channels.0.followers", "greater than or equal to 0"),
        (lambda r: r["budget"].update(paid_media="lots"), "budget.paid_media", "valid number"),
        (lambda r: r["client"].update(nmae="x"), "client.nmae", "unknown field"),
        (lambda r: r.update(offer=[]), "offer", "at least 1"),
    ],
)
def test_each_bad_field_is_named(tmp_path, change, field, words):
    raw = standalone(example_raw())
    change(raw)
    lines = _errors(tmp_path, raw)
    assert any(f": {field}: " in line and words in line for line in lines), lines


def test_every_problem_is_listed_at_once(tmp_path):
    raw = standalone(example_raw())
    raw["client"]["size"] = "tiny"
    raw["brand"]["visual_identity"]["secondary_color"] = "blue"
    raw["data"] = {"posts": {"path": "missing.csv"}}
    lines = _errors(tmp_path, raw)
    assert len(lines) == 3
    assert any("data.posts.path: file not found" in line and "missing.csv" in line
               for line in lines)


def test_missing_data_file_and_mapped_column(tmp_path):
    raw = standalone(example_raw())
    (tmp_path / "posts.csv").write_text("Date;Reach\n2026-01-01;10\n", encoding="utf-8")
    raw["data"] = {
        "posts": {"path": "posts.csv", "columns": {"reach": "Reach", "date": "Publish time"}},
        "ads": {"path": "ads.csv"},
    }
    lines = _errors(tmp_path, raw)
    assert any("data.posts.columns.date: column 'Publish time' is not in posts.csv" in line
               for line in lines), lines
    assert any("data.ads.path: file not found" in line for line in lines), lines


def test_missing_logo(tmp_path):
    raw = standalone(example_raw())
    raw["brand"]["visual_identity"]["logo"] = "logo.png"
    assert any("brand.visual_identity.logo: file not found" in line
               for line in _errors(tmp_path, raw))


def test_yaml_syntax_and_shape_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("client:\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(BriefError) as info:
        load_brief(bad)
    assert "YAML syntax error" in info.value.lines()[0] and "line " in info.value.lines()[0]
    listy = tmp_path / "list.yaml"
    listy.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(BriefError, match="must be a YAML mapping"):
        load_brief(listy)


def test_cli_validate_exit_codes_and_lines(tmp_path):
    good = [str(p) for p in example_briefs()]
    ok = run_cli("validate", *good)
    assert ok.returncode == 0 and ok.stdout.count(": valid") == 3
    raw = standalone(example_raw())
    raw["client"]["language"] = "it"
    bad = write_brief(tmp_path, raw)
    res = run_cli("validate", good[0], str(bad), str(tmp_path / "absent.yaml"))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert lines == [
        f"{bad}: client.language: Input should be 'en' or 'fr' (got 'it')",
        f"{tmp_path / 'absent.yaml'}: file not found",
    ]
    assert "Traceback" not in res.stderr


def test_cli_schema_is_json_schema():
    res = run_cli("schema")
    schema = json.loads(res.stdout)
    assert res.returncode == 0
    assert set(schema["required"]) >= {"client", "brand", "offer", "situation", "goals", "budget"}
    assert schema == json.loads(json.dumps(Brief.model_json_schema()))


def test_cli_new_writes_a_valid_brief_and_never_overwrites(tmp_path):
    res = run_cli("new", 'Café "Étoile" & Co', cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    path = tmp_path / "cafe-etoile-co" / "brief.yaml"
    brief = load_brief(path)
    assert brief.client.name == 'Café "Étoile" & Co'
    path.write_text(path.read_text() + "# my edits\n")
    again = run_cli("new", 'Café "Étoile" & Co', cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert path.read_text().endswith("# my edits\n")


def test_slug_and_period():
    assert slugify("Maison Fournil & Fils") == "maison-fournil-fils"
    assert slugify("<script>") == "script"
    assert slugify("!!!") == "client"
    brief = load_brief(example_briefs()[0])
    assert brief.client.period.end.isoformat() == "2028-01-31"
