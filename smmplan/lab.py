"""The interactive workbook: widgets shown in JupyterLab only (never in batch builds, where
``SMMPLAN_STATIC=1``, and never in the client HTML, whose template drops widget views).

One scenario file per client, ``scenario.yaml`` beside the brief: each chapter's panel
starts from the brief's and the kept scenario's values, recomputes its part live, and its
"Keep" merges that chapter's choices into the file (the file as it was goes to
``scenario.history/``, so a Keep can be undone). A choice the build would refuse is
never saved. ``smmplan build BRIEF --scenario FILE`` applies the file (docs/scenario.md).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import yaml

from .brief import Brief, parse_brief, platforms
from .errors import BriefError, SmmplanError
from .report import static_output
from .scenario import apply_scenario, apply_scenario_data, example_briefs_for_picker, read_yaml

SCENARIO_NAME = "scenario.yaml"
HISTORY_DIR = "scenario.history"
# What each chapter's Keep writes: the scenario fields it owns.
CHAPTER_FIELDS = {"targets": ("targets", "k"), "objectives": ("goals", "kpi_targets"),
                  "budget": ("budget", None)}


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


# ---- the scenario file -------------------------------------------------------------

def scenario_file(brief_path: str | Path) -> Path:
    """Where the lab keeps a brief's scenario: ``scenario.yaml`` beside it."""
    return Path(brief_path).resolve().parent / SCENARIO_NAME


def kept_scenario(brief_path: str | Path) -> Path | None:
    """The scenario kept beside a brief, in a live lab session only (a batch build applies
    a scenario only when given ``--scenario``); None when there is none."""
    path = scenario_file(brief_path)
    return path if interactive() and path.is_file() else None


def read_scenario(path: Path) -> dict:
    """A scenario file's mapping ({} when the file does not exist)."""
    if not path.is_file():
        return {}
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise BriefError([f"{path}: (top level): a scenario must be a YAML mapping"])
    return data


def merge_choices(kept: dict, chapter: str, choices: dict) -> dict:
    """The kept scenario with one chapter's choices in: ``targets`` sets ``targets.k``,
    ``objectives`` sets the KPI targets it names (others stay), ``budget`` replaces the
    budget section. Other chapters' choices are kept as they are (a new dict)."""
    section, field = CHAPTER_FIELDS[chapter]
    merged = {k: (dict(v) if isinstance(v, dict) else v) for k, v in kept.items()}
    part = dict(merged.get(section) or {})
    if field is None:
        part = dict(choices)
    elif field == "kpi_targets":
        part[field] = {**(part.get(field) or {}), **choices}
    else:
        part[field] = choices[field]
    merged[section] = part
    return merged


def check_scenario(brief_path: Path, data: dict) -> None:
    """BriefError (nothing written) if the build would refuse the brief with ``data``
    as its scenario: the brief's validation, then the build's preflight."""
    from . import preflight
    from .validation import load_brief

    folder = Path(brief_path).resolve().parent
    handle, name = tempfile.mkstemp(prefix=".scenario-check-", suffix=".yaml", dir=folder)
    tmp = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yaml.safe_dump(data, out, allow_unicode=True, sort_keys=False)
        brief = load_brief(brief_path, check_files=False, scenario=tmp)
        lines = preflight.problems(brief, preflight.label(brief_path, SCENARIO_NAME))
    except BriefError as exc:
        lines = [line.replace(str(tmp), SCENARIO_NAME) for line in exc.lines()]
    finally:
        tmp.unlink(missing_ok=True)
    if lines:
        raise BriefError(lines)


def keep(brief_path: str | Path, chapter: str, choices: dict,
         path: str | Path | None = None) -> Path:
    """Merge one chapter's choices into the scenario file (``path``, default beside the
    brief) after checking them as the build would; the file as it was goes to
    ``scenario.history/``. Raises BriefError and writes nothing when refused."""
    brief_path = Path(brief_path)
    path = Path(path) if path else scenario_file(brief_path)
    kept = read_scenario(path)
    merged = merge_choices(kept, chapter, choices)
    merged["brief"] = os.path.relpath(brief_path.resolve(), path.resolve().parent)
    merged["note"] = f"kept in the lab on {dt.datetime.now():%Y-%m-%d %H:%M}"
    merged = {"brief": merged.pop("brief"), "note": merged.pop("note"), **merged}
    check_scenario(brief_path, merged)
    if path.is_file():
        history = path.parent / HISTORY_DIR
        history.mkdir(exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        (history / f"{path.stem}-{stamp}.yaml").write_bytes(path.read_bytes())
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False),
                   encoding="utf-8")
    os.replace(tmp, path)
    return path


def history(path: str | Path) -> list[Path]:
    """Earlier versions of a scenario file, oldest first."""
    path = Path(path)
    folder = path.parent / HISTORY_DIR
    return sorted(folder.glob(f"{path.stem}-*.yaml")) if folder.is_dir() else []


def undo(path: str | Path) -> Path | None:
    """Put back the scenario file as it was before its last Keep (the first Keep: remove
    the file). Returns the version restored, or None when there is nothing to undo."""
    path = Path(path)
    earlier = history(path)
    if earlier:
        os.replace(earlier[-1], path)
        return earlier[-1]
    if path.is_file():  # kept once: undoing it leaves no scenario
        path.unlink()
        return path
    return None


# ---- panels: starting values and previews (no widgets, unit-tested) ----------------

def preview_brief(plan, extra: dict) -> Brief:
    """The plan's brief with its scenario and ``extra`` (a scenario mapping) applied."""
    source = Path(plan.brief.source)
    raw = read_yaml(source)
    if getattr(plan, "scenario", None):
        raw = apply_scenario(raw, Path(plan.scenario))
    return parse_brief(apply_scenario_data(raw, extra), source)


def platform_label(platform: str) -> str:
    """The platform's name as written (Instagram, LinkedIn, X)."""
    return platforms().get(platform, {}).get("label", platform)


def budget_start(plan) -> dict:
    """Where the budget panel starts: the total and, per planned platform, the brief's
    and scenario's minimum and maximum (None: no cap, the maximum follows the total)."""
    spec = plan.brief.budget.paid.channels
    bounds = {}
    for c in plan.paid.channels:
        s = spec.get(c.platform)
        bounds[c.platform] = {"min": float(s.min) if s and s.min is not None else 0.0,
                              "max": float(s.max) if s and s.max is not None else None}
    return {"total": float(plan.brief.budget.paid_media), "channels": bounds}


def budget_choices(total: float, bounds: dict[str, tuple[float, float]]) -> dict:
    """The budget section a Keep writes: a maximum at or above the total is no cap."""
    channels = {}
    for platform, (low, high) in bounds.items():
        channels[platform] = {"min": round(float(low), 2),
                              "max": None if high >= total else round(float(high), 2)}
    return {"paid_media": round(float(total), 2), "paid": {"channels": channels}}


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


# ---- widgets ---------------------------------------------------------------------

class _Keeper:
    """One panel's Keep and Undo buttons: saves the panel's current choices, or nothing
    (and says so) while the values on screen are refused."""

    def __init__(self, plan, chapter: str, out):
        import ipywidgets as w

        self.plan, self.chapter, self.out = plan, chapter, out
        self.choices: dict | None = None
        self.error: str | None = None
        self.message = w.HTML("")
        layout = w.Layout(width="auto")
        self.keep_button = w.Button(description="Keep this scenario", icon="save",
                                    button_style="success", layout=layout)
        self.undo_button = w.Button(description="Undo last Keep", icon="undo", layout=layout)
        self.keep_button.on_click(lambda _: self.keep())
        self.undo_button.on_click(lambda _: self.undo())
        self.box = w.VBox([w.HBox([self.keep_button, self.undo_button]), self.message])

    @property
    def path(self) -> Path:
        return Path(self.plan.scenario) if getattr(self.plan, "scenario", None) else \
            scenario_file(self.plan.brief.source)

    def keep(self) -> Path | None:
        """Save the panel's choices; None (nothing written) when they are refused."""
        if self.error or self.choices is None:
            self.message.value = ("<b>Nothing saved</b>: the values on screen are refused ("
                                  f"{_escape(self.error or 'no choice yet')}).")
            return None
        try:
            path = keep(self.plan.brief.source, self.chapter, self.choices, self.path)
        except SmmplanError as exc:
            self.message.value = "<b>Nothing saved</b>: " + _escape("; ".join(exc.lines()))
            return None
        self.message.value = (f"Kept in <code>{_escape(str(path))}</code>. Build with: "
                              f"<code>smmplan build {_escape(str(self.plan.brief.source))} "
                              f"--scenario {_escape(str(path))} -o out</code>")
        return path

    def undo(self) -> None:
        restored = undo(self.path)
        self.message.value = "Nothing to undo." if restored is None else \
            f"Undone: <code>{_escape(str(self.path))}</code> is as before its last Keep."


def _escape(text: str) -> str:
    import html

    return html.escape(text)


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
    """The targets panel's widgets, starting at the plan's k (brief and scenario)."""
    import ipywidgets as w

    from .targets import find_targets
    from .views import persona_name

    tg = plan.targets
    ks = [r["k"] for r in tg.selection]
    slider = w.IntSlider(value=tg.k, min=min(ks), max=max(ks), description="Targets (k)",
                         continuous_update=False, style={"description_width": "initial"})
    out = w.Output()
    keeper = _Keeper(plan, "targets", out)
    keeper.choices = {"k": tg.k}

    def show(k: int):
        out.clear_output()
        with out:
            try:
                result = find_targets(preview_brief(plan, {"targets": {"k": k}}),
                                      plan.audience)
            except SmmplanError as exc:
                keeper.error = "; ".join(exc.lines())
                print(f"Refused: {keeper.error}")
                return
            keeper.error, keeper.choices = None, {"k": k}
            row = next(r for r in result.selection if r["k"] == k)
            print(f"k = {k}: silhouette {row['silhouette']:.3f}, "
                  f"Davies-Bouldin {row['davies_bouldin']:.3f}, "
                  f"stability (ARI) {result.stability['ari_mean']:.2f}")
            for i, p in enumerate(result.personas):
                print(f"  {persona_name(plan, p, f'Target {i + 1}:')} {p.size} people "
                      f"({p.share:.1f} %)")

    slider.observe(lambda change: show(int(change["new"])), names="value")
    show(tg.k)
    return w.VBox([slider, out, keeper.box])


def budget_panel(plan) -> None:
    """Total paid budget and per-platform bounds, re-optimised live."""
    if not interactive():
        return
    from IPython.display import display

    display(BudgetPanel(plan).box)


class BudgetPanel:
    """The budget panel: starts from the brief's and the scenario's total and bounds; a
    platform without a cap (maximum at the total) keeps following the total."""

    def __init__(self, plan):
        import ipywidgets as w

        self.plan = plan
        start = budget_start(plan)
        self.total_value = start["total"]
        style = {"description_width": "initial"}
        self.total = w.FloatText(value=start["total"], description="Paid budget", step=1000,
                                 style=style)
        top = self._top(start["total"], start["channels"])
        self.bounds = {}
        for platform, b in start["channels"].items():
            high = b["max"] if b["max"] is not None else start["total"]
            self.bounds[platform] = w.FloatRangeSlider(
                value=[b["min"], high], min=0, max=top, step=self._step(top),
                description=platform_label(platform), continuous_update=False,
                readout_format=",.0f", style=style, layout=w.Layout(width="600px"))
        self.out = w.Output()
        self.keeper = _Keeper(plan, "budget", self.out)
        self._busy = False
        self.total.observe(self._total_changed, names="value")
        for s in self.bounds.values():
            s.observe(lambda _: self.recompute(), names="value")
        self.recompute()
        self.box = w.VBox([self.total, *self.bounds.values(), self.out, self.keeper.box])

    @staticmethod
    def _top(total: float, channels: dict) -> float:
        caps = [b["max"] or 0 for b in channels.values()] + [b["min"] for b in
                                                             channels.values()]
        return max([2 * total, *caps, 1.0])

    @staticmethod
    def _step(top: float) -> float:
        return max(1.0, round(top / 200, -2) or 1.0)

    def _total_changed(self, change) -> None:
        old, new = float(change["old"]), float(change["new"])
        self._busy = True
        try:
            top = max(2 * new, max(s.max for s in self.bounds.values()))
            for s in self.bounds.values():
                s.max = top
                s.step = self._step(top)
                low, high = s.value
                if high >= old:  # no cap: the maximum follows the total
                    s.value = [min(low, new), new] if new > 0 else [0, 0]
        finally:
            self._busy = False
        self.total_value = new
        self.recompute()

    def choices(self) -> dict:
        """The budget section the panel shows."""
        return budget_choices(float(self.total.value),
                              {p: tuple(s.value) for p, s in self.bounds.items()})

    def recompute(self) -> None:
        """Re-optimise with the values on screen (refused ones are shown, never kept)."""
        if self._busy:
            return
        from . import preflight
        from .budget import plan_paid

        choices = self.choices()
        self.out.clear_output()
        with self.out:
            try:
                brief = preview_brief(self.plan, {"budget": choices})
                lines = preflight.paid_problems(brief, "budget")
                if lines:
                    raise BriefError(lines)
                result = plan_paid(brief)
            except SmmplanError as exc:
                self.keeper.error = "; ".join(line.split(": ", 1)[-1]
                                              for line in exc.lines())
                print(f"Cannot place the budget: {self.keeper.error}")
                return
            self.keeper.error, self.keeper.choices = None, choices
            t = result.totals
            print(f"Conversions {t['conversions']:,.0f}, cost per conversion "
                  f"{t['cpa'] or 0:,.2f}, revenue {t['revenue']:,.0f}")
            for c in result.channels:
                print(f"  {platform_label(c.platform)}: spend {c.spend:,.0f} (awareness "
                      f"{c.awareness_spend:,.0f}, conversions {c.conversion_spend:,.0f}), "
                      f"conversions {c.conversions:,.0f}")


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
        self.keeper = _Keeper(plan, "objectives", self.out)
        self.check()
        self.box = w.VBox([*widgets, self.out, self.keeper.box])

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
