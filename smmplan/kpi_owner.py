"""Who owns each KPI: a role of the team the plan recommends. A KPI's owner (``objectives``:
the analyst in a large company) that the recommended option does not staff (a lean option
has no analyst: the strategist writes the monthly report) passes to the strategist."""

from __future__ import annotations

from dataclasses import replace

FALLBACK = "strategist"


def in_team(role: str, roles: dict[str, float] | None) -> str:
    """``role`` when the recommended option's ``roles`` (role: FTE) staff it (or there is no
    option), else the strategist when they staff one, else ``role``."""
    if not roles or roles.get(role):
        return role
    return FALLBACK if roles.get(FALLBACK) else role


def with_owners(objectives, roles: dict[str, float] | None):
    """``objectives`` (``objectives.Objectives``) with every objective's and measurement
    row's owner a role of the recommended option (``in_team``)."""
    return replace(
        objectives,
        objectives=[replace(o, owner=in_team(o.owner, roles)) for o in objectives.objectives],
        measurement=[{**m, "owner": in_team(m["owner"], roles)} if m.get("owner") else m
                     for m in objectives.measurement])
