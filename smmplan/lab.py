"""The interactive workbook: widgets shown in JupyterLab only (never in batch builds, where
``SMMPLAN_STATIC=1``, and never in the client HTML, whose template drops widget views).

Each chapter's lab panel recomputes its part live on a copy of the brief with the choice
applied; "Keep this scenario" writes every choice made so far to ``scenario.yaml`` beside
the brief (the previous one is kept as ``scenario.previous.yaml``), which
``smmplan build BRIEF --scenario FILE`` applies (docs/scenario.md).
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import yaml

from .brief import Brief, deep_merge, example_briefs_for_picker, parse_brief, read_yaml
from .report import static_output

_CHOICES: dict[str, dict] = {}  # brief path -> scenario sections chosen in this session


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


def _choices(brief: Brief) -> dict:
    return _CHOICES.setdefault(str(brief.source), {})


def with_choices(brief: Brief, extra: dict) -> Brief:
    """A copy of the brief with the session's choices and ``extra`` applied."""
    from .brief import apply_scenario_data

    raw = read_yaml(Path(brief.source))
    merged = apply_scenario_data(raw, deep_merge(copy.deepcopy(_choices(brief)), extra))
    return parse_brief(merged, brief.source)


def keep_scenario(brief: Brief, note: str = "") -> Path:
    """Write the session's choices to ``scenario.yaml`` beside the brief."""
    path = Path(brief.source).parent / "scenario.yaml"
    if path.exists():
        path.replace(path.with_name("scenario.previous.yaml"))
    data = {"brief": Path(brief.source).name,
            "note": note or f"kept in the lab on {dt.datetime.now():%Y-%m-%d %H:%M}",
            **_choices(brief)}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def _keep_button(brief: Brief, out):
    import ipywidgets as w

    button = w.Button(description="Keep this scenario", button_style="success",
                      icon="save")

    def on_click(_):
        path = keep_scenario(brief)
        with out:
            print(f"Scenario written: {path}\nBuild with: smmplan build {brief.source} "
                  f"--scenario {path} -o out")

    button.on_click(on_click)
    return button


def brief_picker(current: Brief):
    """A dropdown of briefs; choosing one reloads ``plan`` in the notebook namespace."""
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
        note.value = "<em>Brief loaded: run the cells below again (Run ▸ Run All Below).</em>"

    pick.observe(on_change, names="value")
    return w.VBox([pick, note])


def targets_panel(plan) -> None:
    """Number of targets with live silhouette and persona names."""
    if not interactive() or plan.targets.declared:
        return
    import ipywidgets as w
    from IPython.display import display

    from .audience import load_audience
    from .targets import find_targets
    from .views import persona_name

    tg = plan.targets
    ks = [r["k"] for r in tg.selection]
    slider = w.IntSlider(value=tg.k, min=min(ks), max=max(ks), description="Targets (k)",
                         continuous_update=False)
    out = w.Output()
    audience = load_audience(plan.brief)

    def show(k: int):
        brief = with_choices(plan.brief, {"targets": {"k": k}})
        result = find_targets(brief, audience)
        row = next(r for r in result.selection if r["k"] == k)
        out.clear_output()
        with out:
            print(f"k = {k}: silhouette {row['silhouette']:.3f}, "
                  f"Davies-Bouldin {row['davies_bouldin']:.3f}, "
                  f"stability (ARI) {result.stability['ari_mean']:.2f}")
            for p in result.personas:
                print(f"  {persona_name(plan, p)}: {p.size} people ({p.share:.1f} %)")

    def on_change(change):
        _choices(plan.brief).setdefault("targets", {})["k"] = int(change["new"])
        show(int(change["new"]))

    slider.observe(on_change, names="value")
    show(tg.k)
    display(w.VBox([slider, out, _keep_button(plan.brief, out)]))


def budget_panel(plan) -> None:
    """Total paid budget and per-channel bounds, re-optimised live."""
    if not interactive():
        return
    import ipywidgets as w
    from IPython.display import display

    from .budget import plan_paid

    paid = plan.paid
    total = w.FloatText(value=paid.total, description="Paid budget", step=1000)
    bounds = {c.platform: w.FloatRangeSlider(
        value=[0, paid.total], min=0, max=paid.total * 2, step=max(1.0, paid.total / 100),
        description=c.platform, continuous_update=False) for c in paid.channels}
    out = w.Output()

    def recompute(_=None):
        extra = {"budget": {"paid_media": float(total.value), "paid": {"channels": {
            p: {"min": float(s.value[0]), "max": float(s.value[1])}
            for p, s in bounds.items()}}}}
        out.clear_output()
        with out:
            try:
                result = plan_paid(with_choices(plan.brief, extra))
            except Exception as exc:  # a bound the optimiser cannot place: say it, live
                print(f"Cannot place the budget: {exc}")
                return
            _CHOICES[str(plan.brief.source)] = deep_merge(_choices(plan.brief), extra)
            t = result.totals
            print(f"Conversions {t['conversions']:,.0f}, cost per conversion "
                  f"{t['cpa'] or 0:,.2f}, revenue {t['revenue']:,.0f}")
            for c in result.channels:
                print(f"  {c.platform}: spend {c.spend:,.0f}, conversions {c.conversions:,.0f}")

    total.observe(recompute, names="value")
    for s in bounds.values():
        s.observe(recompute, names="value")
    recompute()
    display(w.VBox([total, *bounds.values(), out, _keep_button(plan.brief, out)]))


def objectives_panel(plan) -> None:
    """KPI targets with the realism flag, live."""
    if not interactive():
        return
    import ipywidgets as w
    from IPython.display import display

    from .objectives import kpi_catalogue

    out = w.Output()
    fields = {}
    for o in plan.objectives.objectives:
        if o.from_brief or o.target is None or o.kpi in fields:
            continue
        fields[o.kpi] = (w.FloatText(value=o.target, description=o.kpi[:20]), o)

    def check(_=None):
        out.clear_output()
        with out:
            for kpi, (field, o) in fields.items():
                base, target = o.baseline.value, float(field.value)
                pace = kpi_catalogue()[kpi]["max_monthly_change"] * 100
                months = plan.brief.client.period.months
                needed = ((target / base) ** (1 / months) - 1) * 100 if base and \
                    target / base > 0 else None
                flag = "realistic" if needed is None or abs(needed) <= pace else \
                    "UNREALISTIC"
                print(f"{kpi}: {base} -> {target} needs {needed or 0:+.1f} %/month "
                      f"(realistic pace {pace:.1f}): {flag}")
                _choices(plan.brief).setdefault("goals", {}).setdefault(
                    "kpi_targets", {})[kpi] = target

    for field, _ in fields.values():
        field.observe(check, names="value")
    check()
    display(w.VBox([f for f, _ in fields.values()] + [out, _keep_button(plan.brief, out)]))
