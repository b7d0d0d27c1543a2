"""The interactive workbook: scenario files, and JupyterLab driven in a real browser."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml

from smmplan.errors import BriefError
from smmplan.paths import EXAMPLES_DIR, NOTEBOOKS_DIR, ROOT
from smmplan.plan import sha256
from smmplan.validation import load_brief

from .conftest import browser_required, run_cli

FASHION = EXAMPLES_DIR / "fashion" / "brief.yaml"


def write_scenario(folder, data):
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_scenario_is_applied_and_validated(tmp_path):
    path = write_scenario(tmp_path, {"brief": "brief.yaml", "targets": {"k": 4},
                                     "budget": {"paid_media": 700000},
                                     "goals": {"kpi_targets": {"conversation_rate": 70}}})
    brief = load_brief(FASHION, scenario=path)
    assert brief.targets.k == 4 and brief.budget.paid_media == 700000
    assert brief.goals.kpi_targets == {"conversation_rate": 70}
    assert brief.client.name == "Maison Lune"  # the rest of the brief is untouched
    bad = write_scenario(tmp_path, {"client": {"name": "x"}})
    with pytest.raises(BriefError, match="client: not a scenario section"):
        load_brief(FASHION, scenario=bad)
    bad = write_scenario(tmp_path, {"targets": {"k": 1}})
    with pytest.raises(BriefError, match=r"\(with .*scenario.yaml\): targets.k"):
        load_brief(FASHION, scenario=bad)
    bad = write_scenario(tmp_path, {"goals": {"kpi_targets": {"likes": 3}}})
    with pytest.raises(BriefError, match="unknown KPI"):
        load_brief(FASHION, scenario=bad)


def test_build_with_a_saved_scenario_carries_its_values(tmp_path):
    path = write_scenario(tmp_path, {"targets": {"k": 4}, "budget": {"paid_media": 700000},
                                     "goals": {"kpi_targets": {"conversation_rate": 70}}})
    res = run_cli("build", str(FASHION), "--scenario", str(path), "-o", str(tmp_path / "out"),
                  "-q")
    assert res.returncode == 0, res.stderr
    data = json.loads((tmp_path / "out" / "maison-lune" / "plan.json").read_text())
    assert data["targets"]["k"] == 4
    assert data["budget"]["envelope"] == 700000  # the brief budget; total stops at break-even
    targets = {o["kpi"]: o["target"] for o in data["objectives"]["objectives"]}
    assert targets["conversation_rate"] == 70
    scenario = data["provenance"]["scenario"]
    assert scenario["name"] == "scenario.yaml" and scenario["sha256"] == sha256(path)


def test_a_scenario_saved_in_a_notebook_never_changes_a_build(tmp_path):
    import nbformat

    path = write_scenario(tmp_path, {"budget": {"paid_media": 700000}})
    books = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, books)
    for book in books.glob("0*.ipynb"):  # as a lab session would have saved them
        nb = nbformat.read(book, as_version=4)
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        cell.source = cell.source.replace("scenario_path = None",
                                          f"scenario_path = {str(path)!r}")
        assert str(path) in cell.source
        nbformat.write(nb, book)
    res = run_cli("build", str(FASHION), "--notebooks", str(books), "-o",
                  str(tmp_path / "out"), "-q")
    assert res.returncode == 0, res.stderr
    data = json.loads((tmp_path / "out" / "maison-lune" / "plan.json").read_text())
    assert data["budget"]["envelope"] == load_brief(FASHION).budget.paid_media != 700000
    assert data["provenance"]["scenario"] is None
    missing = run_cli("build", str(FASHION), "--scenario", str(tmp_path / "none.yaml"), "-o",
                      str(tmp_path / "out"))
    assert missing.returncode == 2 and "scenario file not found" in missing.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    pytest.importorskip("jupyterlab")
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(NOTEBOOKS_DIR, root / "notebooks")
    port, token = _free_port(), "smmplan-test-token"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(root / "config"),
           "JUPYTER_RUNTIME_DIR": str(root / "runtime")}
    env.pop("SMMPLAN_STATIC", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root / 'notebooks'}", "--LabApp.news_url=",
         "--ServerApp.port_retries=0", "--ServerApp.allow_root=True"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start within 90 s")
    yield {"url": url, "token": token, "root": root}
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.mark.browser
def test_targets_widget_in_jupyterlab(jupyterlab):
    chromium = shutil.which("chromium")
    if not chromium:
        if browser_required():
            pytest.fail("Chromium is required but not installed")
        pytest.skip("Chromium not installed")
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        _run_all(page, jupyterlab["url"], jupyterlab["token"], "02_targets.ipynb")
        artifacts = ROOT / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        try:
            slider = page.wait_for_selector(".widget-slider .noUi-handle, .widget-hslider "
                                            ".noUi-handle", timeout=90_000)
        except Exception:
            page.screenshot(path=str(artifacts / "jupyterlab-failure.png"), full_page=False)
            raise
        output = page.locator(".jp-OutputArea-output pre:has-text('silhouette')").first
        output.wait_for(timeout=120_000)
        before = output.inner_text()
        # the panel redraws the chapter's charts: the sizes chart has one bar per target
        bars = ("() => [...document.querySelectorAll('.widget-output .js-plotly-plot')]"
                ".map(p => p.querySelectorAll('.barlayer .point').length)")
        page.wait_for_function(f"({bars})().some(n => n > 0)", timeout=120_000)
        drawn = page.evaluate(bars)
        slider.click()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "before => [...document.querySelectorAll('.jp-OutputArea-output pre')]"
            ".some(e => e.innerText.includes('silhouette') && e.innerText !== before)",
            arg=before, timeout=120_000)
        after = page.locator(".jp-OutputArea-output pre:has-text('silhouette')").first
        assert after.inner_text() != before
        page.wait_for_function(f"before => ({bars})().some(n => n === Math.max(...before) + 1)",
                               arg=drawn, timeout=120_000)
        page.screenshot(path=str(artifacts / "jupyterlab-targets.png"), full_page=False)
        browser.close()


def _start_lab(command: list[str], env: dict, root) -> tuple[subprocess.Popen, str, str]:
    """JupyterLab from ``command`` on a free port with a token; (process, url, token)."""
    port, token = _free_port(), "smmplan-test-token"
    env = {**env, "JUPYTER_CONFIG_DIR": str(root / "config"),
           "JUPYTER_RUNTIME_DIR": str(root / "runtime")}
    extra = ["--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
             f"--IdentityProvider.token={token}", "--LabApp.news_url=",
             "--ServerApp.port_retries=0", "--ServerApp.allow_root=True"]
    proc = subprocess.Popen([*command, *[a for a in extra if a not in command]], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            return proc, url, token
        except OSError:
            time.sleep(0.5)
    proc.kill()
    pytest.fail("JupyterLab did not start within 90 s")


def _run_all(page, url: str, token: str, notebook: str) -> None:
    """Open a notebook in a fresh JupyterLab layout and run all its cells."""
    page.goto(f"{url}/lab/tree/{notebook}?reset&token={token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=60_000)
    page.get_by_text("Kernel status: Idle").first.wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(2000)
    for _ in range(3):  # the first click can land before the session is wired up
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        try:
            page.locator(".jp-InputPrompt:has-text('[1]')").first.wait_for(timeout=20_000)
            return
        except Exception:
            continue


def _keep(page) -> None:
    page.locator("button:has-text('Keep this scenario')").first.click()
    page.get_by_text("Kept in").first.wait_for(timeout=120_000)


@pytest.mark.browser
def test_a_workspace_keeps_three_chapters_choices_and_the_build_carries_them(tmp_path):
    """The issue's goal: in a client workspace, change k, a KPI target and the budget in
    three notebooks, Keep in each, build: the plan carries all three, and the package's
    notebooks are byte-identical afterwards."""
    import hashlib

    pytest.importorskip("jupyterlab")
    chromium = shutil.which("chromium")
    if not chromium:
        if browser_required():
            pytest.fail("Chromium is required but not installed")
        pytest.skip("Chromium not installed")
    from playwright.sync_api import sync_playwright

    from smmplan.workspace import create_workspace, lab_command

    def digests() -> dict:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in NOTEBOOKS_DIR.iterdir() if p.is_file()}

    package = digests()
    client = tmp_path / "client"
    shutil.copytree(FASHION.parent, client, ignore=shutil.ignore_patterns("actuals"))
    brief = client / "brief.yaml"
    default_k = load_brief(brief).targets.k
    folder = create_workspace(brief)
    command, env = lab_command(folder)
    proc, url, token = _start_lab(command, env, tmp_path)
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=args)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            try:
                # 1. targets: one more target than the plan chose
                _run_all(page, url, token, "lab/02_targets.ipynb")
                slider = page.wait_for_selector(".widget-slider .noUi-handle, "
                                                ".widget-hslider .noUi-handle",
                                                timeout=120_000)
                output = page.locator(".jp-OutputArea-output pre:has-text('silhouette')")
                output.first.wait_for(timeout=120_000)
                before = output.first.inner_text()
                slider.click()
                page.keyboard.press("ArrowRight")
                page.wait_for_function(
                    "before => [...document.querySelectorAll('.jp-OutputArea-output pre')]"
                    ".some(e => e.innerText.includes('silhouette') && e.innerText !== before)",
                    arg=before, timeout=120_000)
                _keep(page)
                k = yaml.safe_load((client / "scenario.yaml").read_text())["targets"]["k"]
                assert k != default_k
                # 2. objectives: a KPI target by its label
                _run_all(page, url, token, "lab/03_objectives.ipynb")
                field = page.locator(".widget-text:has(.widget-label:text-is("
                                     "'Comments per post')) input").first
                field.wait_for(timeout=120_000)
                field.fill("75")
                field.press("Enter")
                page.locator(".jp-OutputArea-output pre:has-text('Comments per post: "
                             "60.4006 -> 75')").first.wait_for(timeout=60_000)
                _keep(page)
                # 3. budget: the total
                _run_all(page, url, token, "lab/06_budget.ipynb")
                total = page.locator(".widget-text:has(.widget-label:text-is('Paid budget')) "
                                     "input").first
                total.wait_for(timeout=120_000)
                forecast = page.locator(".jp-OutputArea-output pre:has-text('Conversions')")
                forecast.first.wait_for(timeout=120_000)
                before = forecast.first.inner_text()
                total.fill("700000")
                total.press("Enter")
                page.wait_for_function(
                    "before => [...document.querySelectorAll('.jp-OutputArea-output pre')]"
                    ".some(e => e.innerText.includes('Conversions') && e.innerText !== before)",
                    arg=before, timeout=120_000)
                _keep(page)
                page.screenshot(path=str(artifacts / "jupyterlab-workspace.png"))
            except Exception:
                page.screenshot(path=str(artifacts / "jupyterlab-workspace-failure.png"))
                raise
            finally:
                browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    scenario = client / "scenario.yaml"
    kept = yaml.safe_load(scenario.read_text())
    assert kept["targets"] == {"k": k}
    assert kept["goals"]["kpi_targets"] == {"conversation_rate": 75}
    assert kept["budget"]["paid_media"] == 700000
    res = run_cli("build", str(brief), "--scenario", str(scenario), "-o",
                  str(tmp_path / "out"), "-q")
    assert res.returncode == 0, res.stderr
    data = json.loads((tmp_path / "out" / "maison-lune" / "plan.json").read_text())
    assert data["targets"]["k"] == k
    assert {o["kpi"]: o["target"] for o in data["objectives"]["objectives"]}[
        "conversation_rate"] == 75
    assert data["budget"]["envelope"] == 700000
    assert data["provenance"]["scenario"]["sha256"] == sha256(scenario)
    assert digests() == package
