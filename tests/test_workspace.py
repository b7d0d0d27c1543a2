"""The lab's plumbing without a browser: the plan cache, scenario checks, the merged
scenario file, the panels' starting values, and client workspaces."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan

FASHION = EXAMPLES_DIR / "fashion"


@pytest.fixture
def client(tmp_path):
    """A copy of the fashion example's folder (brief and data files)."""
    folder = tmp_path / "client"
    shutil.copytree(FASHION, folder, ignore=shutil.ignore_patterns("actuals"))
    return folder


def test_plan_is_computed_again_when_a_data_file_changes(client):
    brief = client / "brief.yaml"
    first = load_plan(brief)
    assert load_plan(brief) is first  # unchanged files: the same plan
    before = first.objectives.baselines
    posts = pd.read_csv(client / "posts.csv")
    posts["Comments"] *= 3
    posts.to_csv(client / "posts.csv", index=False)
    second = load_plan(brief)
    assert second is not first
    after = second.objectives.baselines
    assert after["conversation_rate"].value == pytest.approx(
        before["conversation_rate"].value * 3, rel=0.01)


def test_plan_is_computed_again_when_the_scenario_changes(client):
    brief, scenario = client / "brief.yaml", client / "scenario.yaml"
    scenario.write_text("budget: {paid_media: 500000}\n", encoding="utf-8")
    first = load_plan(brief, scenario)
    assert first.brief.budget.paid_media == 500000 and first.scenario == scenario
    scenario.write_text("budget: {paid_media: 650000}\n", encoding="utf-8")
    assert load_plan(brief, scenario).brief.budget.paid_media == 650000


B2B = EXAMPLES_DIR / "b2b-software" / "brief.yaml"


def _check(scenario: dict, tmp_path, brief=B2B) -> list[str]:
    import yaml

    from smmplan import preflight
    from smmplan.errors import BriefError
    from smmplan.validation import load_brief

    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(scenario), encoding="utf-8")
    try:
        loaded = load_brief(brief, scenario=path)
    except BriefError as exc:
        return exc.lines()
    return preflight.problems(loaded, preflight.label(brief, path))


@pytest.mark.parametrize(("scenario", "expected"), [
    ({"budget": {"paid_media": 0}}, "budget.paid_media: must be positive to plan paid "
     "campaigns (got 0)"),
    ({"budget": {"paid_media": 70000}}, "budget.paid.channels: minimums (linkedin 60,000) "
     "exceed the conversion part of budget.paid_media"),
    ({"budget": {"paid": {"channels": {"linkedin": {"min": 90000, "max": 80000}}}}},
     "budget.paid.channels.linkedin: min (90,000) is above max (80,000)"),
    ({"budget": {"paid": {"channels": {"linkedin": {"min": 300000}}}}},
     "budget.paid.channels.linkedin.min: 300,000 is above the paid budget "
     "(budget.paid_media 240,000)"),
    ({"budget": {"paid": {"channels": {"linkedin": {"max": 70000}, "x": {"max": 10000},
                                       "youtube": {"max": 10000}}}}},
     "budget.paid.channels: maximums (linkedin 70,000, x 10,000, youtube 10,000) cannot place"),
    ({"goals": {"kpi_targets": {"conversation_rate": -50}}},
     "goals.kpi_targets.conversation_rate: cannot be negative (got -50)"),
    ({"goals": {"kpi_targets": {"engagement_rate_reach": 0}}},
     "goals.kpi_targets.engagement_rate_reach: must be above 0"),
    ({"goals": {"kpi_targets": {"ctr": 140}}}, "goals.kpi_targets.ctr: cannot be above 100"),
    ({"budget": {"paid": {"channels": {"myspace": {}}}}}, "budget.paid.channels.myspace"),
])
def test_scenario_check_rejects_what_the_build_would(tmp_path, scenario, expected):
    lines = _check(scenario, tmp_path)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{B2B} (with {tmp_path / 'scenario.yaml'}): ")
    assert expected in lines[0]


def test_a_placeable_scenario_passes_and_a_net_score_may_be_negative(tmp_path):
    assert _check({"budget": {"paid_media": 300000, "paid": {"channels": {
        "linkedin": {"min": 60000, "max": 200000}}}},
        "goals": {"kpi_targets": {"net_sentiment": -10, "conversation_rate": 2}}},
        tmp_path) == []


def test_build_stops_on_a_bad_scenario_before_any_kernel(tmp_path):
    from .conftest import run_cli

    path = tmp_path / "scenario.yaml"
    path.write_text("budget: {paid_media: 0}\n", encoding="utf-8")
    res = run_cli("build", str(B2B), "--scenario", str(path), "-o", str(tmp_path / "out"))
    assert res.returncode == 2
    assert res.stderr.strip() == (f"{B2B} (with {path}): budget.paid_media: must be positive "
                                  "to plan paid campaigns (got 0)")
    assert not (tmp_path / "out").exists()
    res = run_cli("validate", str(B2B), "--scenario", str(path))
    assert res.returncode == 2 and "(got 0)" in res.stderr


def test_what_the_checks_cannot_foresee_is_found_by_running_the_budget_chapter(tmp_path):
    # the maximums add up, but x and youtube are capped below the minimum useful spend
    lines = _check({"budget": {"paid": {"channels": {
        "linkedin": {"min": 60000, "max": 230000}, "x": {"max": 5000},
        "youtube": {"max": 5000}}}}}, tmp_path)
    # (the budget chapter finds it: either no split satisfies the bounds, or, once a platform
    # below break-even is cut, the maximums left cannot place the budget)
    assert len(lines) == 1 and ("budget.paid: no allocation satisfies" in lines[0]
                                or "cannot place the budget" in lines[0]), lines


def test_each_keep_merges_its_chapter_and_can_be_undone(client):
    import yaml

    from smmplan import lab

    brief = client / "brief.yaml"
    path = lab.keep(brief, "targets", {"k": 4})
    lab.keep(brief, "objectives", {"conversation_rate": 75})
    lab.keep(brief, "budget", {"paid_media": 700000, "paid": {"channels": {
        "instagram": {"min": 0, "max": 250000}, "facebook": {"min": 0, "max": None}}}})
    lab.keep(brief, "objectives", {"engagement_rate_reach": 9})
    kept = yaml.safe_load(path.read_text())
    assert kept["brief"] == "brief.yaml"
    assert kept["targets"] == {"k": 4}
    assert kept["goals"] == {"kpi_targets": {"conversation_rate": 75,
                                             "engagement_rate_reach": 9}}
    assert kept["budget"]["paid_media"] == 700000
    assert len(lab.history(path)) == 3
    from smmplan.validation import load_brief

    built = load_brief(brief, scenario=path)
    assert built.targets.k == 4 and built.budget.paid.channels["instagram"].max == 250000
    assert lab.undo(path) is not None  # back to before the last objectives Keep
    assert yaml.safe_load(path.read_text())["goals"] == {"kpi_targets":
                                                         {"conversation_rate": 75}}
    assert len(lab.history(path)) == 2


def test_a_refused_keep_writes_nothing(client):
    from smmplan import lab
    from smmplan.errors import BriefError

    brief = client / "brief.yaml"
    path = lab.keep(brief, "targets", {"k": 3})
    before = path.read_bytes()
    with pytest.raises(BriefError, match=r"goals.kpi_targets.conversation_rate: cannot be "
                       r"negative \(got -50\)"):
        lab.keep(brief, "objectives", {"conversation_rate": -50})
    with pytest.raises(BriefError, match="budget.paid_media: must be positive"):
        lab.keep(brief, "budget", {"paid_media": 0})
    assert path.read_bytes() == before and lab.history(path) == []
    assert sorted(p.name for p in client.iterdir() if p.name.startswith(".")) == []


def _plan_in(folder, scenario: dict | None = None):
    import yaml

    path = None
    if scenario is not None:
        path = folder / "scenario.yaml"
        path.write_text(yaml.safe_dump(scenario), encoding="utf-8")
    return load_plan(folder / "brief.yaml", path)


def test_budget_panel_starts_from_the_brief_and_the_scenario(tmp_path):
    from smmplan import lab

    folder = tmp_path / "b2b"
    shutil.copytree(B2B.parent, folder)
    start = lab.budget_start(_plan_in(folder))
    assert start["total"] == 240000
    def bounds(row):
        return {"min": row["min"], "max": row["max"]}

    assert bounds(start["channels"]["linkedin"]) == {"min": 60000, "max": None}  # brief's floor
    plan = _plan_in(folder, {"budget": {"paid_media": 300000, "paid": {"channels": {
        "youtube": {"min": 0, "max": 50000}}}}})
    start = lab.budget_start(plan)
    assert start["total"] == 300000
    assert bounds(start["channels"]["youtube"]) == {"min": 0, "max": 50000}  # scenario's cap
    assert start["channels"]["linkedin"]["min"] == 60000
    panel = lab.BudgetPanel(plan)
    assert tuple(panel.bounds["linkedin"].value) == (60000, 300000)
    assert panel.bounds["linkedin"].description == "LinkedIn"
    assert panel.keeper.error is None
    assert panel.choices()["paid"]["channels"]["youtube"] == {"min": 0, "max": 50000}
    assert panel.choices()["paid"]["channels"]["linkedin"] == {"min": 60000, "max": None}
    panel.total.value = 1340000  # uncapped maximums follow the total; the cap stays
    assert tuple(panel.bounds["linkedin"].value) == (60000, 1340000)
    assert tuple(panel.bounds["youtube"].value) == (0, 50000)
    assert panel.keeper.error is None, panel.keeper.error
    assert panel.keeper.keep() is not None


def test_keep_after_an_error_saves_nothing_and_says_so(client):
    from smmplan import lab

    plan = _plan_in(client)
    panel = lab.BudgetPanel(plan)
    panel.total.value = 0
    assert panel.keeper.error and "must be positive" in panel.keeper.error
    assert panel.keeper.keep() is None
    assert "Nothing saved" in panel.keeper.message.value
    assert not (client / "scenario.yaml").exists()


def test_objectives_panel_edits_every_kpi_by_label_and_refuses_the_impossible(client):
    from smmplan import lab

    plan = _plan_in(client, {"goals": {"kpi_targets": {"conversation_rate": 70}}})
    rows = lab.kpi_rows(plan)
    editable = {r["kpi"] for r in rows if r["editable"]}
    assert editable == {o.kpi for o in plan.objectives.objectives if o.target is not None}
    assert any(o.from_brief for o in plan.objectives.objectives if o.kpi in editable)
    panel = lab.ObjectivesPanel(plan)
    field = panel.fields["conversation_rate"]
    assert field.description == "Comments per post" and field.value == 70  # the scenario's
    before = (client / "scenario.yaml").read_bytes()
    field.value = -50
    assert "cannot be negative" in panel.keeper.error
    assert panel.keeper.keep() is None
    assert (client / "scenario.yaml").read_bytes() == before
    field.value = 75
    assert panel.keeper.error is None and panel.keeper.keep() == plan.scenario
    assert load_plan(client / "brief.yaml", plan.scenario).brief.goals.kpi_targets[
        "conversation_rate"] == 75


def _digests(folder) -> dict:
    import hashlib

    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_workspace_is_created_then_reopened_and_package_notebooks_never_change(
        client, monkeypatch):
    import nbformat

    from smmplan import lab
    from smmplan.build import chapter_notebooks
    from smmplan.paths import NOTEBOOKS_DIR
    from smmplan.workspace import create_workspace, lab_command

    from .conftest import run_cli

    package = _digests(NOTEBOOKS_DIR)
    res = run_cli("lab", str(client / "brief.yaml"), "--no-start")
    assert res.returncode == 0, res.stderr
    folder = client / "lab"
    names = sorted(p.name for p in folder.glob("*.ipynb"))
    assert names == [p.name for p in chapter_notebooks()]
    summary = nbformat.read(folder / "00_summary.ipynb", as_version=4)
    assert not any("brief_picker" in c.source for c in summary.cells)
    assert all(not c.get("outputs") for c in summary.cells if c.cell_type == "code")
    params = next(c for c in summary.cells if "parameters" in c.metadata.get("tags", []))
    # In a build (static) the kept scenario never applies; in the lab it does.
    scenario = lab.keep(client / "brief.yaml", "targets", {"k": 4})
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SMMPLAN_STATIC", "1")
    names_ = {}
    exec(params.source, names_)
    assert names_["brief_path"] == "../brief.yaml" and names_["scenario_path"] is None
    monkeypatch.setattr(lab, "interactive", lambda: True)
    exec(params.source, names_)
    assert names_["scenario_path"] == scenario
    assert load_plan(names_["brief_path"], names_["scenario_path"]).brief.targets.k == 4
    # Reopening keeps the strategist's notebooks and puts back a missing one.
    notes = folder / "03_objectives.ipynb"
    notes.write_text(notes.read_text() + " ", encoding="utf-8")
    edited = notes.read_bytes()
    (folder / "07_team.ipynb").unlink()
    assert create_workspace(client / "brief.yaml") == folder
    assert notes.read_bytes() == edited and (folder / "07_team.ipynb").is_file()
    command, env = lab_command(folder)
    assert f"--ServerApp.root_dir={client}" in command
    assert env["PATH"].split(":")[0] == str(Path(sys.executable).parent)
    assert _digests(NOTEBOOKS_DIR) == package


def test_lab_refuses_a_brief_the_build_would_refuse(tmp_path):
    from .conftest import example_raw, run_cli, standalone, write_brief

    raw = standalone(example_raw("bakery"))
    raw["budget"]["paid_media"] = 0
    brief = write_brief(tmp_path / "bakery", raw)
    res = run_cli("lab", str(brief), "--no-start")
    assert res.returncode == 2 and "budget.paid_media: must be positive" in res.stderr
    assert not (tmp_path / "bakery" / "lab").exists()


def test_the_budget_chapter_states_that_a_cap_covers_the_whole_spend(client):
    from smmplan.views.budget import budget_allocation

    plan = _plan_in(client, {"budget": {"paid_media": 700000, "paid": {"channels": {
        "instagram": {"min": 0, "max": 250000}, "facebook": {"min": 0, "max": None}}}}})
    ig = next(c for c in plan.paid.channels if c.platform == "instagram")
    assert ig.spend <= 250000 + 0.01 and ig.awareness_spend > 0
    html = budget_allocation(plan).html()
    assert ("Bounds apply to each platform's whole paid spend, awareness and conversions "
            "together: Instagram at most £250,000.") in html.replace("&#39;", "'")
    assert "Bounds apply" not in budget_allocation(_plan_in(client)).html()


def test_a_business_goal_target_is_edited_by_its_label_and_checked_as_the_build_would(
        client):
    from smmplan import lab

    plan = _plan_in(client)
    goal = next(o for o in plan.objectives.objectives
                if o.from_brief and o.kpi == "engagement_rate_reach")
    assert goal.target == 14 and not goal.realistic  # the brief's, flagged unrealistic
    panel = lab.ObjectivesPanel(plan)
    field = panel.fields["engagement_rate_reach"]
    assert field.description == "Engagement rate by reach" and field.value == 14
    assert panel.keeper.choices == {}  # nothing changed: nothing to keep
    field.value = 0
    assert "must be above 0" in panel.keeper.error and panel.keeper.keep() is None
    assert not (client / "scenario.yaml").exists()
    field.value = 7
    assert panel.keeper.choices == {"engagement_rate_reach": 7}
    path = panel.keeper.keep()
    kept = load_plan(client / "brief.yaml", path)
    row = next(o for o in kept.objectives.objectives if o.from_brief and o.goal == goal.goal)
    assert row.kpi == "engagement_rate_reach" and row.target == 7 and row.realistic
    assert row.trajectory[-1] == pytest.approx(7)
    again = lab.ObjectivesPanel(kept)  # reopened on the kept scenario
    assert again.fields["engagement_rate_reach"].value == 7
    assert again.keeper.choices == {"engagement_rate_reach": 7}


def test_a_scenario_target_replaces_an_impossible_business_goal_target(tmp_path):
    from .conftest import example_raw, standalone, write_brief

    raw = standalone(example_raw("b2b-software"))
    raw["goals"]["business_goals"][2]["target"] = -3  # social_conversion_rate
    brief = write_brief(tmp_path / "b2b", raw)
    lines = _check({}, tmp_path, brief)
    assert len(lines) == 1 and "goals.business_goals.2.target: cannot be negative" in lines[0]
    assert _check({"goals": {"kpi_targets": {"social_conversion_rate": 2.5}}}, tmp_path,
                  brief) == []
    lines = _check({"goals": {"kpi_targets": {"social_conversion_rate": 140}}}, tmp_path,
                   brief)
    assert lines == [f"{brief} (with {tmp_path / 'scenario.yaml'}): "
                     "goals.kpi_targets.social_conversion_rate: cannot be above 100 (a share, "
                     "in %; got 140)"]


def test_budget_panel_starts_from_the_chapters_assumptions_and_the_scenarios(client):
    from smmplan import lab

    plan = _plan_in(client)
    start = lab.budget_start(plan)
    models = {m["platform"]: m for m in plan.paid.models}
    assert set(start["channels"]) == {c.platform for c in plan.paid.channels}
    for platform, row in start["channels"].items():
        assert [row[r] for r in ("cpm", "ctr", "cvr")] == [
            round(models[platform][r]["mid"], 4) for r in ("cpm", "ctr", "cvr")]
    assert start["channels"]["instagram"]["season"] == 1.82  # data/paid.yaml
    assert start["awareness_share"] == plan.paid.awareness_share == 15
    assert start["order_values"] == {"Womenswear": 120, "Streetwear": 70, "Sportswear": 85}
    assert "youtube" in start["addable"] and "instagram" not in start["addable"]
    panel = lab.BudgetPanel(plan)
    assert panel.keeper.error is None
    assert panel.choices() == {"paid_media": 620000, "paid": {"channels": {
        p: {"min": 0, "max": None} for p in start["channels"]}}}  # nothing changed
    plan = _plan_in(client, {"budget": {
        "paid": {"awareness_share": 20, "seasonality": {"tiktok": 1.2},
                 "channels": {"instagram": {"cpm": 9}, "tiktok": {}, "facebook": {}}},
        "order_values": {"Womenswear": 150}}})
    start = lab.budget_start(plan)
    assert start["channels"]["instagram"]["cpm"] == 9
    assert start["channels"]["tiktok"]["season"] == 1.2
    assert start["awareness_share"] == 20
    assert start["order_values"]["Womenswear"] == 150
    assert start["brief_order_values"]["Womenswear"] == 120
    panel = lab.BudgetPanel(plan)  # set in the scenario: written again on Keep
    assert panel.rates["instagram"]["cpm"].value == 9 and panel.awareness.value == 20
    choices = panel.choices()
    assert choices["paid"]["channels"]["instagram"]["cpm"] == 9
    assert choices["paid"]["awareness_share"] == 20
    assert choices["paid"]["seasonality"] == {"tiktok": 1.2}
    assert choices["order_values"] == {"Womenswear": 150}


def test_budget_panel_edits_assumptions_and_platforms_and_keeps_them(client):
    import yaml

    from smmplan import lab

    plan = _plan_in(client)
    panel = lab.BudgetPanel(plan)
    panel.rates["instagram"]["ctr"].value = 2.0
    panel.rates["facebook"]["season"].value = 1.3
    panel.awareness.value = 25
    panel.order_values["Womenswear"].value = 150
    panel.planned["tiktok"].value = False
    panel.add_platform("youtube")
    assert panel.keeper.error is None, panel.keeper.error
    path = panel.keeper.keep()
    kept = yaml.safe_load(path.read_text())["budget"]
    assert kept["paid"]["channels"]["instagram"] == {"min": 0, "max": None, "ctr": 2.0}
    assert kept["paid"]["channels"]["tiktok"] is None
    assert kept["paid"]["channels"]["youtube"] == {"min": 0, "max": None}
    assert kept["paid"]["awareness_share"] == 25
    assert kept["paid"]["seasonality"] == {"facebook": 1.3}
    assert kept["order_values"] == {"Womenswear": 150}
    built = load_plan(client / "brief.yaml", path)
    models = {m["platform"]: m for m in built.paid.models}
    assert set(models) == {"instagram", "facebook", "youtube"}
    assert models["instagram"]["ctr"]["mid"] == 2.0
    assert built.paid.awareness_share == 25
    assert built.brief.budget.paid.seasonality == {"facebook": 1.3}
    assert built.brief.offer[0].average_order_value == 150
    again = lab.budget_start(built)  # reopened on the kept scenario
    assert again["channels"]["instagram"]["ctr"] == 2.0 and "tiktok" not in again["channels"]


@pytest.mark.parametrize(("change", "expected"), [
    (lambda p: setattr(p.rates["instagram"]["cvr"], "value", 0),
     "budget.paid.channels.instagram.cvr: must be above 0"),
    (lambda p: setattr(p.rates["instagram"]["ctr"], "value", 150),
     "budget.paid.channels.instagram.ctr"),
    (lambda p: setattr(p.rates["facebook"]["season"], "value", 0),
     "budget.paid.seasonality.facebook: must be above 0"),
    (lambda p: setattr(p.awareness, "value", 100),
     "budget.paid.awareness_share: must be under 100"),
    (lambda p: [setattr(c, "value", False) for c in p.planned.values()],
     "plan at least one platform"),
])
def test_budget_panel_refuses_assumptions_the_build_would(client, change, expected):
    from smmplan import lab

    panel = lab.BudgetPanel(_plan_in(client))
    change(panel)
    assert expected in (panel.keeper.error or ""), panel.keeper.error
    assert panel.keeper.keep() is None and not (client / "scenario.yaml").exists()


def test_scenario_order_values_and_removed_platforms(tmp_path):
    from smmplan.errors import BriefError
    from smmplan.validation import load_brief

    path = tmp_path / "scenario.yaml"
    path.write_text("budget:\n  order_values: {Hats: 10}\n", encoding="utf-8")
    with pytest.raises(BriefError, match=r"budget.order_values.Hats: no offer line of that "
                       "name"):
        load_brief(B2B, scenario=path)
    path.write_text("budget:\n  paid: {channels: {x: null}}\n"
                    "  order_values: {Cloudline Teams: 5000}\n", encoding="utf-8")
    brief = load_brief(B2B, scenario=path)
    assert set(brief.budget.paid.channels) == {"linkedin", "youtube"}
    assert brief.offer[0].average_order_value == 5000
    assert load_brief(B2B).offer[0].average_order_value == 4800
