"""The lab's panels redraw their chapter's charts and table, and named scenarios are
compared side by side with the figures of the plan each would build (issue 17)."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan

from .conftest import run_cli

FASHION = EXAMPLES_DIR / "fashion"
B2B = EXAMPLES_DIR / "b2b-software"


@pytest.fixture
def fashion(tmp_path):
    folder = tmp_path / "fashion"
    shutil.copytree(FASHION, folder, ignore=shutil.ignore_patterns("actuals"))
    return folder


@pytest.fixture
def b2b(tmp_path):
    folder = tmp_path / "b2b"
    shutil.copytree(B2B, folder)
    return folder


# ---- panels redraw the chapter's charts and key table --------------------------------

def _bars(figure: dict) -> list[float]:
    """Spend per platform in the allocation chart (its two stacked traces added)."""
    traces = figure["data"]
    return [sum(t["y"][i] for t in traces) for i in range(len(traces[0]["y"]))]


def test_budget_panel_redraws_the_split_sweep_and_table(fashion):
    from smmplan import lab

    plan = load_plan(fashion / "brief.yaml")
    panel = lab.BudgetPanel(plan)
    before = panel.view.figures["allocation"]
    assert set(panel.view.figures) == {"allocation", "budget_sweep"}
    # untouched, the panel shows what the chapter shows
    assert _bars(before) == pytest.approx([c.spend for c in plan.paid.channels])
    assert [r["spend"] for r in panel.view.tables["budget"]] == pytest.approx(
        [c.spend for c in plan.paid.channels])
    panel.total.value = 2 * panel.total.value
    after = panel.view.figures["allocation"]
    # more budget is placed only as far as it pays (revenue objective: break-even stop):
    # the plan already stops at break-even, so a doubled envelope buys about the same
    # spend (within the coarser budget grid), never a platform cut by the larger envelope
    assert plan.paid.total < plan.paid.envelope
    assert sum(_bars(after)) == pytest.approx(sum(_bars(before)), rel=0.05)
    assert [b > 0 for b in _bars(after)] == [b > 0 for b in _bars(before)]
    assert [r["spend"] for r in panel.view.tables["budget"]] == pytest.approx(_bars(after))
    doubled = load_plan(fashion / "brief.yaml", _scenario(fashion, {"budget": {
        "paid_media": 2 * plan.brief.budget.paid_media}}))
    assert _bars(after) == pytest.approx([c.spend for c in doubled.paid.channels])
    panel.planned["tiktok"].value = False  # a platform left out: one bar fewer
    assert len(panel.view.figures["allocation"]["data"][0]["x"]) == len(before["data"][0]["x"]) - 1
    panel.total.value = 0  # refused: nothing drawn, nothing kept
    assert panel.view.figures == {} and panel.keeper.keep() is None


def test_targets_panel_redraws_the_k_chart_sizes_and_table(fashion):
    from smmplan import lab

    plan = load_plan(fashion / "brief.yaml")
    panel = lab.TargetsPanel(plan)
    sizes = panel.view.figures["segment_sizes"]["data"][0]
    assert len(sizes["y"]) == plan.targets.k == len(panel.view.tables["segments"])
    k = plan.targets.k + 1
    panel.slider.value = k
    assert len(panel.view.figures["segment_sizes"]["data"][0]["y"]) == k
    assert len(panel.view.tables["segments"]) == k
    marker = panel.view.figures["k_selection"]["data"][0]["marker"]["symbol"]
    ks = panel.view.figures["k_selection"]["data"][0]["x"]
    assert [x for x, s in zip(ks, marker, strict=True) if s == "star"] == [k]
    assert ks == [r["k"] for r in plan.targets.selection]  # the whole sweep, star moved


def test_objectives_panel_redraws_the_trajectory_and_table(fashion):
    from smmplan import lab

    plan = load_plan(fashion / "brief.yaml")
    panel = lab.ObjectivesPanel(plan)

    label = panel.fields["conversation_rate"].description

    def target():
        return next(r["target"] for r in panel.view.tables["objectives"] if r["kpi"] == label)

    def last(figure):
        return next(t["y"][-1] for t in figure["data"] if t["name"] == label)

    before, shown = panel.view.figures["trajectory"], target()
    field = panel.fields["conversation_rate"]
    base = next(r["baseline"] for r in lab.kpi_rows(plan) if r["kpi"] == "conversation_rate")
    field.value = round(field.value * 1.1, 2)
    assert target() != shown  # the SMART table shows the new target
    after = panel.view.figures["trajectory"]
    assert last(after) == pytest.approx(field.value / base * 100, abs=0.1) != last(before)
    field.value = -5  # refused: nothing drawn
    assert panel.view.figures == {} and panel.view.tables == {}


# ---- named scenarios and their comparison ---------------------------------------------

def _scenario(folder, data: dict, name: str = "alone.yaml"):
    path = folder / name
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _name_three(brief):
    """Recommended (the brief), Prudent and Ambitious budgets; Ambitious is kept."""
    from smmplan import lab

    lab.name_scenario(brief, "Recommended")
    lab.keep(brief, "budget", {"paid_media": 150000})
    lab.keep(brief, "objectives", {"engagement_rate_reach": 4})
    lab.name_scenario(brief, "Prudent")
    lab.keep(brief, "budget", {"paid_media": 400000})
    return lab.name_scenario(brief, "Ambitious")


def test_each_named_scenario_is_compared_with_the_figures_of_its_own_plan(b2b):
    from smmplan import lab
    from smmplan.comparison import FIGURES, compare, plan_figures
    from smmplan.scenario import named_scenarios

    brief = b2b / "brief.yaml"
    path = _name_three(brief)
    kept = yaml.safe_load(path.read_text())
    assert kept["scenarios"]["Recommended"] == {}
    assert kept["scenarios"]["Prudent"] == {"budget": {"paid_media": 150000},
                                             "goals": {"kpi_targets":
                                                       {"engagement_rate_reach": 4}}}
    assert kept["scenarios"]["Ambitious"]["budget"] == {"paid_media": 400000}
    assert len(lab.history(path)) == 5  # each naming is a Keep: undoable
    plan = load_plan(brief, path)
    rows = compare(plan, named_scenarios(kept))
    assert [r["name"] for r in rows] == ["Recommended", "Prudent", "Ambitious"]
    assert [r["applied"] for r in rows] == [False, False, True]
    for row in rows:  # one number, one value: a plan built with that scenario alone
        alone = load_plan(brief, _scenario(b2b, kept["scenarios"][row["name"]],
                                           f"{row['name']}.yaml"))
        figures = plan_figures(alone)
        assert {k: row[k] for k in FIGURES} == figures
        assert figures["paid"] == alone.paid.total
        assert figures["total_cost"] == alone.team.total_cost["total"]
        assert figures["roi"] == alone.team.roi
        assert figures["cpa"] == alone.paid.totals["cpa"]
    # the recommended plan may keep part of the $240,000 back (leads bounded by the history)
    # each spends at most its envelope (Cloudline's lead cap stops both below 150,000)
    assert rows[0]["paid"] <= 240000 and rows[1]["paid"] <= 150000
    assert rows[1]["conversions"] <= rows[0]["conversions"] <= rows[2]["conversions"]


def test_a_comparison_reuses_targets_only_when_the_scenario_cannot_change_them(fashion):
    from smmplan.comparison import compare, plan_figures

    plan = load_plan(fashion / "brief.yaml")
    rows = compare(plan, {"Brief": {}, "Lean": {"budget": {"paid_media": 400000}},
                          "Pricier": {"budget": {"order_values": {"Womenswear": 150}}}})
    assert rows[0]["applied"] and rows[0]["conversions"] == plan.paid.totals["conversions"]
    for row, data in zip(rows[1:], [{"budget": {"paid_media": 400000}},
                                    {"budget": {"order_values": {"Womenswear": 150}}}],
                         strict=True):
        alone = load_plan(fashion / "brief.yaml", _scenario(fashion, data))
        assert {k: row[k] for k in plan_figures(alone)} == plan_figures(alone)


def test_named_scenarios_and_the_comparison_are_checked_as_the_build_would(b2b):
    from smmplan import lab
    from smmplan.errors import BriefError
    from smmplan.validation import load_brief

    brief = b2b / "brief.yaml"
    path = _name_three(brief)
    before = path.read_bytes()
    with pytest.raises(BriefError, match="compare: no named scenario 'Bold'"):
        lab.keep_comparison(brief, ["Prudent", "Bold"])
    with pytest.raises(BriefError, match="give the scenario a name"):
        lab.name_scenario(brief, "  ")
    assert path.read_bytes() == before
    bad = _scenario(b2b, {"scenarios": {"Zero": {"budget": {"paid_media": -5}}}})
    with pytest.raises(BriefError, match=r"scenarios.Zero\): budget.paid_media"):
        load_brief(brief, scenario=bad)
    bad = _scenario(b2b, {"scenarios": {"Zero": {"budget": {"paid_media": 0}}},
                          "compare": ["Zero"]})  # refused before any kernel, exit 2
    res = run_cli("validate", str(brief), "--scenario", str(bad))
    assert res.returncode == 2, res.stderr
    assert "scenarios.Zero): budget.paid_media: must be positive" in res.stderr
    bad = _scenario(b2b, {"scenarios": {"Odd": {"client": {"name": "x"}}}})
    with pytest.raises(BriefError, match="scenarios.Odd.client: not a scenario section"):
        load_brief(brief, scenario=bad)
    data = yaml.safe_load(before)  # a named scenario the build could not place
    data["scenarios"]["Floor"] = {"budget": {"paid": {"channels": {"linkedin": {
        "min": 300000}}}}}
    with pytest.raises(BriefError, match=r"scenarios.Floor\).*linkedin.min"):
        lab.check_scenario(brief, data)
    # named scenarios and the comparison never change the brief the file applies
    assert load_brief(brief, scenario=path).budget.paid_media == 400000


def test_the_plan_shows_a_comparison_only_when_one_was_kept(b2b):
    from smmplan import lab
    from smmplan import views as v

    brief = b2b / "brief.yaml"
    path = _name_three(brief)
    assert v.scenario_comparison(load_plan(brief, path)).blocks == []  # named, not kept
    assert v.scenario_comparison(load_plan(brief)).blocks == []  # no scenario
    lab.keep_comparison(brief, ["Prudent", "Ambitious"])
    plan = load_plan(brief, path)
    assert len(v.scenario_comparison(plan).blocks) == 4
    table = plan.record.tables["scenario_comparison"]
    assert [r["scenario_name"] for r in table["rows"]] == ["Prudent", "Ambitious (this plan)"]
    assert table["rows"][1]["conversions"] == plan.paid.totals["conversions"]
    assert plan.record.figures["scenario_comparison"]["chapter"] == "budget"
    lab.keep_comparison(brief, [])  # no comparison kept any more
    assert "compare" not in yaml.safe_load(path.read_text())
    assert lab.undo(path) is not None and yaml.safe_load(path.read_text())["compare"] == [
        "Prudent", "Ambitious"]


def test_comparison_panel_names_compares_and_keeps(b2b):
    from smmplan import lab
    from smmplan.lab_compare import ComparisonPanel

    brief = b2b / "brief.yaml"
    path = _name_three(brief)
    panel = ComparisonPanel(load_plan(brief, path))
    assert panel.chosen() == ["Recommended", "Prudent", "Ambitious"]  # none kept: all
    panel.picks["Recommended"].value = False
    rows = panel.compare()
    assert [r["scenario_name"] for r in panel.view.tables["scenario_comparison"]] == [
        "Prudent", "Ambitious (this plan)"]
    assert panel.view.figures["scenario_comparison"]["data"][0]["y"] == [
        r["conversions"] for r in rows]
    import plotly.graph_objects as go

    assert go.Figure(panel.view.figures["scenario_comparison"]).layout.title.text
    assert panel.keep() == path
    assert yaml.safe_load(path.read_text())["compare"] == ["Prudent", "Ambitious"]
    panel.name.value = "Ambitious"  # naming again replaces the scenario of that name
    lab.keep(brief, "budget", {"paid_media": 500000})
    assert panel.name_kept("Ambitious") == path
    assert yaml.safe_load(path.read_text())["scenarios"]["Ambitious"]["budget"] == {
        "paid_media": 500000}
    assert panel.name_kept("") is None and "Nothing saved" in panel.message.value


def test_a_kept_comparison_reaches_plan_json(b2b, tmp_path):
    from smmplan import lab
    from smmplan.comparison import FIGURES, compare
    from smmplan.scenario import named_scenarios

    brief = b2b / "brief.yaml"
    path = _name_three(brief)
    lab.keep_comparison(brief, ["Prudent", "Recommended", "Ambitious"])
    res = run_cli("build", str(brief), "--scenario", str(path), "-o", str(tmp_path / "out"),
                  "-q")
    assert res.returncode == 0, res.stderr
    out = next((tmp_path / "out").iterdir())
    data = json.loads((out / "plan.json").read_text())
    table = data["tables"]["scenario_comparison"]
    assert table["chapter"] == "budget"
    expected = compare(load_plan(brief, path), {
        n: named_scenarios(yaml.safe_load(path.read_text()))[n]
        for n in ["Prudent", "Recommended", "Ambitious"]})
    for row, want in zip(table["rows"], expected, strict=True):
        assert {k: row[k] for k in FIGURES if k in row} == pytest.approx(
            {k: want[k] for k in FIGURES if k in row})
    applied = table["rows"][2]
    assert applied["scenario_name"] == "Ambitious (this plan)"
    assert applied["paid"] == pytest.approx(data["budget"]["total"])
    assert applied["conversions"] == pytest.approx(sum(
        c["conversions"] for c in data["budget"]["channels"]))
    assert applied["total_cost"] == pytest.approx(data["team"]["total_cost"]["total"])
    assert applied["roi"] == pytest.approx(data["team"]["roi"])
    assert "scenario_comparison" in data["figures"]
    assert (out / "tables" / "scenario_comparison.csv").is_file()
    assert "Scenarios compared" in (out / "plan.html").read_text()
