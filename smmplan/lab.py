"""The interactive workbook: widgets shown in JupyterLab only (never in batch builds, where
``SMMPLAN_STATIC=1``, and never in the client HTML, whose template drops widget views).

One scenario file per client, ``scenario.yaml`` beside the brief: each chapter's panel
starts from the brief's and the kept scenario's values, recomputes its part live, and its
"Keep" merges that chapter's choices into the file (the file as it was goes to
``scenario.history/``, so a Keep can be undone). A choice the build would refuse is
never saved. ``smmplan build BRIEF --scenario FILE`` applies the file (docs/scenario.md).
"""

from __future__ import annotations

from pathlib import Path

from .brief import Brief
from .errors import SmmplanError
from .lab_budget import BudgetPanel, budget_choices, budget_start  # noqa: F401 (the lab's API)
from .lab_scenario import (  # noqa: F401 (the lab's API)
    CHAPTER_FIELDS,
    HISTORY_DIR,
    SCENARIO_NAME,
    _Keeper,
    check_scenario,
    history,
    keep,
    keep_comparison,
    merge_choices,
    name_scenario,
    platform_label,
    preview_brief,
    read_scenario,
    scenario_file,
    undo,
)
from .lab_scenario import escape as _escape
from .lab_views import LiveView, preview_plan
from .report import static_output
from .scenario import example_briefs_for_picker


def interactive() -> bool:
    """True in a live kernel session that is not a batch build."""
    if static_output():
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def kept_scenario(brief_path: str | Path) -> Path | None:
    """The scenario kept beside a brief, in a live lab session only (a batch build applies
    a scenario only when given ``--scenario``); None when there is none."""
    path = scenario_file(brief_path)
    return path if interactive() and path.is_file() else None



# ---- panels ---------------------------------------------------------------------

def kpi_rows(plan) -> list[dict]:
    """Every KPI target of the plan, by label, one row per KPI: kpi, label, baseline,
    target, the business goals it sets (``goals.kpi_targets`` replaces a goal's target for
    the same KPI) and whether the panel can change it (not the generic business KPI, the
    client's own measure, which each goal defines in its own words)."""
    from .goals import GENERIC

    rows: dict[str, dict] = {}
    for o in plan.objectives.objectives:
        if o.target is None:
            continue
        key = o.kpi if o.kpi != GENERIC else f"{o.kpi}:{len(rows)}"
        row = rows.setdefault(key, {
            "kpi": o.kpi, "label": plan.tr.t(f"kpi.{o.kpi}"), "baseline": o.baseline.value,
            "target": float(o.target), "editable": o.kpi != GENERIC, "goal": ""})
        if o.from_brief and o.goal:
            row["goal"] = f"{row['goal']} · {o.goal}" if row["goal"] else o.goal
    return list(rows.values())


def kpi_check(plan, kpi: str, value: float) -> tuple[bool, str]:
    """(allowed, message) for a KPI target: refused when impossible, else the realism
    rule of the objectives chapter (monthly pace against the catalogue's)."""
    from .objectives import _pace, kpi_catalogue
    from .preflight import kpi_target_problem

    why = kpi_target_problem(kpi, value)
    if why:
        return False, f"refused: {why}"
    base = next((r["baseline"] for r in kpi_rows(plan) if r["kpi"] == kpi), None)
    pace = kpi_catalogue()[kpi]["max_monthly_change"] * 100
    needed, realistic = _pace(base, value, plan.brief.client.period.months, pace)
    if needed is None:
        return True, "no baseline to check the pace against"
    flag = "realistic" if realistic else "UNREALISTIC"
    return True, f"needs {needed:+.1f} %/month (realistic pace {pace:.1f}): {flag}"


def brief_picker(current: Brief):
    """A dropdown of briefs; choosing one reloads ``plan`` in this notebook only (each
    notebook has its own kernel: ``smmplan lab BRIEF`` opens every chapter on one brief)."""
    if not interactive():
        return None
    import ipywidgets as w
    from IPython import get_ipython

    from .plan import load_plan

    options = {p.parent.name: str(p) for p in example_briefs_for_picker(current)}
    pick = w.Dropdown(options=options, value=str(current.source), description="Brief")
    note = w.HTML("")

    def on_change(change):
        shell = get_ipython()
        shell.user_ns["brief_path"] = change["new"]
        shell.user_ns["plan"] = load_plan(change["new"])
        note.value = ("<em>Brief loaded in this notebook: run the cells below it again "
                      "(Run ▸ Run Selected Cell and All Below). Run All starts again from "
                      "the notebook's own brief; to work on one client in every chapter, "
                      "use <code>smmplan lab BRIEF</code>.</em>")

    pick.observe(on_change, names="value")
    return w.VBox([pick, note])


def targets_panel(plan) -> None:
    """Number of targets with live silhouette and persona names."""
    if not interactive() or plan.targets.declared:
        return
    from IPython.display import display

    display(targets_widget(plan))


def targets_widget(plan):
    """The targets panel's widgets (its slider first), starting at the plan's k."""
    return TargetsPanel(plan).box


class TargetsPanel:
    """Number of targets, starting at the plan's k (brief and scenario): each k is
    clustered by the targets chapter and redrawn by its views (the k chart, the sizes of
    the targets, the targets table)."""

    def __init__(self, plan):
        import ipywidgets as w

        tg = plan.targets
        ks = [r["k"] for r in tg.selection]
        self.plan = plan
        self.slider = w.IntSlider(value=tg.k, min=min(ks), max=max(ks),
                                  description="Targets (k)", continuous_update=False,
                                  style={"description_width": "initial"})
        self.out = w.Output()
        self.view = LiveView(("k_selection", "segment_sizes"), ("segments",))
        self.keeper = _Keeper(plan, "targets", self.out)
        self.keeper.choices = {"k": tg.k}
        self.slider.observe(lambda change: self.show(int(change["new"])), names="value")
        self.show(tg.k)
        self.box = w.VBox([self.slider, self.out, self.view.out, self.keeper.box])

    def show(self, k: int) -> None:
        """Cluster with ``k`` targets and redraw the chapter's charts and table."""
        from . import views as v
        from .targets import find_targets

        plan, keeper = self.plan, self.keeper
        self.out.clear_output()
        with self.out:
            try:
                brief = preview_brief(plan, {"targets": {"k": k}})
                result = find_targets(brief, plan.audience)
            except SmmplanError as exc:
                keeper.error = "; ".join(exc.lines())
                self.view.blank()
                print(f"Refused: {keeper.error}")
                return
            keeper.error, keeper.choices = None, {"k": k}
            row = next(r for r in result.selection if r["k"] == k)
            print(f"k = {k}: silhouette {row['silhouette']:.3f}, "
                  f"Davies-Bouldin {row['davies_bouldin']:.3f}, "
                  f"stability (ARI) {result.stability['ari_mean']:.2f}")
        # the channels the personas are sent to are the plan's kept ones (the build
        # recomputes them for the kept k)
        self.view.draw(preview_plan(plan, brief, targets=with_sweep(plan.targets, result),
                                    channels=plan.channels),
                       v.target_selection, v.target_personas)


def with_sweep(start, result):
    """The targets at a forced k with the plan's sweep of k around it, the forced k
    marked chosen: a k set by hand is clustered alone, and the panel's k chart still
    shows every k it can compare against (the same data, settings and seed)."""
    import dataclasses

    rows = {r["k"]: r for r in start.selection} | {r["k"]: r for r in result.selection}
    return dataclasses.replace(result, selection=[
        {**r, "chosen": k == result.k} for k, r in sorted(rows.items())])


def budget_panel(plan) -> None:
    """Total paid budget and per-platform bounds, re-optimised live."""
    if not interactive():
        return
    from IPython.display import display

    display(BudgetPanel(plan).box)


def comparison_panel(plan) -> None:
    """Named scenarios side by side; the comparison kept goes into the plan."""
    if not interactive():
        return
    from IPython.display import display

    from .lab_compare import ComparisonPanel

    display(ComparisonPanel(plan).box)


def objectives_panel(plan) -> None:
    """Every KPI target of the plan by its label, checked live."""
    if not interactive():
        return
    from IPython.display import display

    display(ObjectivesPanel(plan).box)


class ObjectivesPanel:
    """KPI targets by label, business goals' included, starting from the plan's (brief and
    scenario); an impossible value is refused and cannot be kept. Keep saves the targets
    changed here and those the scenario already set."""

    def __init__(self, plan):
        import ipywidgets as w

        self.plan = plan
        self.rows = kpi_rows(plan)
        style = {"description_width": "initial"}
        self.fields = {}
        widgets = []
        for r in self.rows:
            if r["editable"]:
                field = w.FloatText(value=r["target"], description=r["label"], style=style)
                field.observe(lambda _: self.check(), names="value")
                self.fields[r["kpi"]] = field
                goal = (f"<small>business goal “{_escape(r['goal'])}”</small>"
                        if r["goal"] else "")
                widgets.append(w.HBox([field, w.HTML(goal)]) if goal else field)
            else:
                widgets.append(w.HTML(f"{_escape(r['label'])}: {r['target']:g} (business "
                                      f"goal “{_escape(r['goal'])}”, the client's own "
                                      "measure: set in the brief)"))
        self.out = w.Output()
        self.view = LiveView(("trajectory",), ("objectives",))
        self.keeper = _Keeper(plan, "objectives", self.out)
        self.check()
        self.box = w.VBox([*widgets, self.out, self.view.out, self.keeper.box])

    def choices(self) -> dict[str, float]:
        """The KPI targets a Keep writes: changed on screen, or already in the scenario."""
        start = {r["kpi"]: r["target"] for r in self.rows}
        chosen = self.plan.brief.goals.kpi_targets
        return {k: float(f.value) for k, f in self.fields.items()
                if k in chosen or float(f.value) != start[k]}

    def check(self) -> None:
        """Check every field; the panel's choices are kept only when all are allowed."""
        self.out.clear_output()
        refused = []
        with self.out:
            for r in self.rows:
                field = self.fields.get(r["kpi"])
                value = float(field.value) if field else r["target"]
                ok, message = kpi_check(self.plan, r["kpi"], value)
                if not ok:
                    refused.append(f"{r['label']}: {message}")
                print(f"{r['label']}: {r['baseline']} -> {value:g} {message}")
        self.keeper.error = "; ".join(refused) or None
        self.keeper.choices = None if refused else self.choices()
        self.redraw()

    def redraw(self) -> None:
        """The objectives chapter's trajectory chart and SMART table for the targets on
        screen (nothing while one is refused)."""
        from . import views as v

        if self.keeper.error:
            self.view.blank()
            return
        try:
            brief = preview_brief(self.plan, {"goals": {"kpi_targets": self.keeper.choices}})
        except SmmplanError as exc:
            self.keeper.error, self.keeper.choices = "; ".join(exc.lines()), None
            self.view.blank()
            return
        # a KPI target changes neither the targets nor the paid split: shared, not redone
        self.view.draw(preview_plan(self.plan, brief, targets=self.plan.targets,
                                    paid=self.plan.paid), v.objectives_smart)
