"""Where the awareness part of the paid budget is bought (``data/paid.yaml``
``awareness_target``): when an awareness goal names one of the brief's targets ("a known
name among ops leaders": the target "Operations leaders"), only on the platforms that
target uses (its card's channels), since reach bought elsewhere lands on people the goal's
survey does not count; otherwise on all planned platforms, split by reach as before."""

from __future__ import annotations

import re

from .brief import Brief
from .catalogue import paid_facts


def awareness_share(brief: Brief) -> float:
    """Percent of the paid budget kept for awareness: the brief's, else the diagnosis's
    (the rule of data/paid.yaml the budget chapter applies), as written (a whole number
    stays one)."""
    share = brief.budget.paid.awareness_share
    if share is None:
        score = brief.situation.problems.brand_awareness.score
        share = paid_facts()["awareness_share"]["by_awareness_score"][score]
    return share


def _words(text: str, short: dict) -> set[str]:
    return {short.get(w, w) for w in re.findall(r"[a-z0-9]+", text.casefold())}


def awareness_target(brief: Brief) -> dict | None:
    """{goal (its description), persona (the target's name), platforms (its channels)} for
    the first awareness goal that names a target with channels; None otherwise."""
    from .goals import match_kpi

    rule = paid_facts().get("awareness_target") or {}
    short = rule.get("short_forms") or {}
    for goal in brief.goals.business_goals:
        if match_kpi(goal) not in (rule.get("kpis") or []):
            continue
        said = _words(f"{goal.description} {goal.metric or ''}", short)
        for persona in brief.targets.personas:
            name = _words(persona.name, short)
            if name and name <= said and persona.channels:
                return {"goal": goal.description, "persona": persona.name,
                        "platforms": list(persona.channels)}
    return None


def aware_upper(brief: Brief, models: list, budget: float) -> list[float]:
    """The most awareness spend each planned platform may take: its cap less the conversion
    minimum (or its fixed amount), and nothing on a platform the awareness goal's target
    does not use, unless that leaves no platform to buy it on."""
    upper = [m.fixed if m.fixed is not None else max(0.0, m.max - (m.min or 0))
             if m.max is not None else budget for m in models]
    target = awareness_target(brief)
    if target is None:
        return upper
    kept = [u if m.platform in target["platforms"] else 0.0 for m, u in zip(models, upper,
                                                                             strict=True)]
    return kept if sum(kept) > 0 else upper
