"""Named scenarios side by side (docs/scenario.md): each scenario of a scenario file's
``scenarios`` applied to the brief alone and computed by the plan's own chapters (budget
and team), so a comparison row holds the figures a plan built with that scenario alone
would show: one number, one value."""

from __future__ import annotations

import json
from pathlib import Path

from .brief import Brief, parse_brief
from .plan import Plan
from .scenario import COMPARE, apply_scenario_data, named_scenarios, own_sections, read_yaml

# What a comparison row holds besides its name, in the order the plan shows them.
FIGURES = ("paid", "conversions", "cpa", "revenue", "roas", "total_cost", "roi")


def scenario_brief(brief_path: str | Path, sections: dict) -> Brief:
    """The brief with one scenario's sections applied (the brief file alone otherwise),
    as ``smmplan build BRIEF --scenario`` reads it."""
    path = Path(brief_path)
    return parse_brief(apply_scenario_data(read_yaml(path), sections, str(path)), path)


def plan_figures(plan: Plan) -> dict:
    """A plan's comparison figures, from its budget and team chapters: paid budget spent,
    conversions, cost per conversion, revenue, ROAS, total cost of the plan (team, paid
    media, production, tools) and ROI including the team (%; None without order values)."""
    totals, team = plan.paid.totals, plan.team
    figures = {"paid": plan.paid.total, "conversions": totals["conversions"],
               "cpa": totals["cpa"], "revenue": totals["revenue"] if plan.paid.aov else None,
               "roas": totals["roas"] if plan.paid.aov else None,
               "total_cost": team.total_cost["total"], "roi": team.roi}
    return {k: None if v is None else float(v) for k, v in figures.items()}


def _targets_key(brief: Brief) -> str:
    """What the targets chapter reads that a scenario can change: its settings and the
    offer lines (the audience file cannot change)."""
    return json.dumps([brief.targets.model_dump(mode="json"),
                       [o.model_dump(mode="json") for o in brief.offer]], sort_keys=True)


def compare(base: Plan, named: dict[str, dict]) -> list[dict]:
    """One row per named scenario (name -> its sections), in order: ``name``, ``applied``
    (the scenario gives ``base``'s brief: the plan's own figures) and ``FIGURES``. Each
    scenario is applied to ``base``'s brief file alone; targets are computed again only
    when the scenario changes what they read (their settings, the offer lines)."""
    targets = {_targets_key(base.brief): base.targets}
    rows = []
    for name, sections in named.items():
        brief = scenario_brief(base.brief.source, own_sections(sections))
        applied = brief.model_dump(mode="json") == base.brief.model_dump(mode="json")
        plan = base if applied else Plan(brief)
        if not applied:
            plan.__dict__["audience"] = base.audience  # the same files: the same table
            key = _targets_key(brief)
            if key in targets:
                plan.__dict__["targets"] = targets[key]
            else:
                targets[key] = plan.targets
        rows.append({"name": name, "applied": applied, **plan_figures(plan)})
    return rows


def kept_comparison(plan: Plan) -> list[dict]:
    """The comparison kept in the scenario file the plan applies (its ``compare`` names,
    computed by ``compare``); [] when the plan has no scenario or it keeps none."""
    if plan.scenario is None:
        return []
    data = read_yaml(Path(plan.scenario))
    names = data.get(COMPARE) or [] if isinstance(data, dict) else []
    if not names:
        return []
    named = named_scenarios(data)
    return compare(plan, {name: named[name] for name in names})
