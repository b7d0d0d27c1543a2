"""What the build would reject, found before any kernel starts, in the numbers as entered.

``smmplan validate``, ``smmplan build`` (with or without ``--scenario``) and the lab's
"Keep this scenario" run these checks on the brief with the scenario applied; each
problem is one line ``brief.yaml (with scenario.yaml): field.path: what is wrong``.
"""

from __future__ import annotations

from pathlib import Path

from .awareness_target import awareness_share
from .brief import Brief
from .catalogue import kpi_catalogue

# KPIs that are shares of a whole: a target above 100 % cannot be reached.
SHARE_KPIS = frozenset({"bounce_rate", "negative_comment_ratio", "share_of_voice", "ctr",
                        "cvr", "social_conversion_rate"})
# KPIs that may be negative (a net score from -100 to 100).
SIGNED_KPIS = frozenset({"net_sentiment"})


def _money(value: float) -> str:
    return f"{value:,.0f}"


def label(brief_path: str | Path, scenario: str | Path | None = None) -> str:
    """How a problem names its files: ``brief.yaml`` or ``brief.yaml (with scenario.yaml)``."""
    return f"{brief_path} (with {scenario})" if scenario else str(brief_path)


def kpi_target_problem(kpi: str, value: float) -> str | None:
    """Why ``value`` cannot be a target of ``kpi`` (None when it can): negative where the
    KPI cannot be, zero for a KPI that should rise or for a cost, above 100 for a share,
    outside -100..100 for a net score."""
    cat = kpi_catalogue()
    if kpi not in cat:
        return None  # unknown KPIs are reported by the brief's own validation
    entry = cat[kpi]
    if kpi in SIGNED_KPIS:
        return None if -100 <= value <= 100 else \
            f"must be between -100 and 100 (a net score; got {value:g})"
    if value < 0:
        return f"cannot be negative (got {value:g})"
    if value == 0 and (entry["direction"] == "up" or entry["unit"] == "money"):
        why = "a cost cannot be zero" if entry["unit"] == "money" else \
            "this KPI should rise, and zero is no target"
        return f"must be above 0: {why} (got 0)"
    if kpi in SHARE_KPIS and value > 100:
        return f"cannot be above 100 (a share, in %; got {value:g})"
    return None


def kpi_problems(brief: Brief, where: str) -> list[str]:
    """Impossible KPI targets in ``goals.kpi_targets`` and the business goals."""
    problems = []
    for kpi, value in brief.goals.kpi_targets.items():
        why = kpi_target_problem(kpi, value)
        if why:
            problems.append(f"{where}: goals.kpi_targets.{kpi}: {why}")
    for i, goal in enumerate(brief.goals.business_goals):
        # a goal's target replaced by goals.kpi_targets (the lab's) is checked there
        if goal.kpi and goal.target is not None and goal.kpi not in brief.goals.kpi_targets:
            why = kpi_target_problem(goal.kpi, goal.target)
            if why:
                problems.append(f"{where}: goals.business_goals.{i}.target: {why}")
    return problems


def paid_problems(brief: Brief, where: str) -> list[str]:
    """Budgets and per-platform bounds the budget chapter cannot place, in the brief's and
    the scenario's own numbers."""
    budget = brief.budget
    total = budget.paid_media
    if total <= 0:
        return [f"{where}: budget.paid_media: must be positive to plan paid campaigns "
                f"(got {total:g})"]
    problems = []
    channels = budget.paid.channels
    for platform, spec in channels.items():
        field = f"budget.paid.channels.{platform}"
        if spec.min is not None and spec.max is not None and spec.min > spec.max:
            problems.append(f"{where}: {field}: min ({_money(spec.min)}) is above max "
                            f"({_money(spec.max)})")
        for bound in ("min", "max", "fixed"):
            value = getattr(spec, bound)
            if value is not None and value > total:
                problems.append(f"{where}: {field}.{bound}: {_money(value)} is above the "
                                f"paid budget (budget.paid_media {_money(total)})")
        if spec.fixed is not None and spec.max is not None and spec.fixed > spec.max:
            problems.append(f"{where}: {field}: fixed ({_money(spec.fixed)}) is above max "
                            f"({_money(spec.max)})")
    problems += assumption_problems(brief, where)
    if problems or not channels:
        return problems
    share = awareness_share(brief)
    conversion = total * (1 - share / 100)
    part = (f"the conversion part of budget.paid_media ({_money(conversion)}: "
            f"{_money(total)} less {share:g} % for awareness)")
    held = sum(s.fixed for s in channels.values() if s.fixed is not None)
    floors = {p: s.min for p, s in channels.items() if s.fixed is None and s.min}
    if held + sum(floors.values()) > conversion + 1e-9:
        named = ", ".join(f"{p} {_money(v)}" for p, v in floors.items())
        fixed = f" and fixed spend ({_money(held)})" if held else ""
        problems.append(f"{where}: budget.paid.channels: minimums ({named}){fixed} exceed "
                        f"{part}: lower a minimum or raise budget.paid_media")
    free = {p: s for p, s in channels.items() if s.fixed is None}
    if free and all(s.max is not None for s in free.values()):
        # a cap bounds a platform's whole spend (awareness and conversions together)
        caps = sum(min(s.max, total) for s in free.values())
        if held + caps < total - 1e-9:
            named = ", ".join(f"{p} {_money(s.max)}" for p, s in free.items())
            fixed = f" and fixed spend ({_money(held)})" if held else ""
            problems.append(f"{where}: budget.paid.channels: maximums ({named}){fixed} cannot "
                            f"place the paid budget (budget.paid_media {_money(total)}, "
                            "awareness and conversions together): raise a maximum or add a "
                            "platform")
    return problems


def assumption_problems(brief: Brief, where: str) -> list[str]:
    """Rates, seasonality and awareness share the budget chapter cannot plan with: a CPM,
    CTR or conversion rate of zero (nothing bought or converted), a seasonal ratio that
    is not positive, all of the budget kept for awareness."""
    paid = brief.budget.paid
    problems = []
    names = {"cpm": "a CPM", "ctr": "a click-through rate", "cvr": "a conversion rate"}
    for platform, spec in paid.channels.items():
        for rate, name in names.items():
            value = getattr(spec, rate)
            if value is not None and value <= 0:
                problems.append(f"{where}: budget.paid.channels.{platform}.{rate}: must be "
                                f"above 0: {name} of zero plans nothing (got {value:g})")
    for platform, ratio in paid.seasonality.items():
        if ratio <= 0:
            problems.append(f"{where}: budget.paid.seasonality.{platform}: must be above 0 "
                            f"(the fourth quarter's CPM over the first's; got {ratio:g})")
    if paid.awareness_share is not None and paid.awareness_share >= 100:
        problems.append(f"{where}: budget.paid.awareness_share: must be under 100 (got "
                        f"{paid.awareness_share:g}): nothing would be left for conversions")
    return problems


def placement_problems(brief: Brief, where: str) -> list[str]:
    """The budget chapter run once (a fraction of a second): what the checks above cannot
    foresee (a bound below the minimum useful spend, a platform without benchmarks, an
    unreadable ads export) is reported as the build would report it."""
    from .budget import plan_paid
    from .errors import SmmplanError

    try:
        plan_paid(brief)
    except SmmplanError as exc:
        return [line.replace(f"{brief.source}: ", f"{where}: ", 1) for line in exc.lines()]
    return []


def problems(brief: Brief, where: str | None = None) -> list[str]:
    """Every problem the build would meet with this brief's numbers (empty when none)."""
    where = where or str(brief.source)
    found = paid_problems(brief, where) + kpi_problems(brief, where)
    return found or placement_problems(brief, where)


def named_problems(brief_path: str | Path, scenario: str | Path) -> list[str]:
    """``problems`` of each named scenario of a scenario file (its ``scenarios``), each
    applied to the brief alone as the scenario comparison computes it; each line names
    the scenario (``brief.yaml (with scenario.yaml, scenarios.Prudent): ...``)."""
    from .brief import parse_brief
    from .scenario import NAMED, apply_scenario_data, named_scenarios, read_yaml

    data, path = read_yaml(Path(scenario)), Path(brief_path)
    found = []
    for name, sections in named_scenarios(data if isinstance(data, dict) else {}).items():
        brief = parse_brief(apply_scenario_data(read_yaml(path), sections, str(scenario)),
                            path)
        found += problems(brief, label(brief_path, f"{scenario}, {NAMED}.{name}"))
    return found
