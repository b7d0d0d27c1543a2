"""Every problem the client rates severe (3 of 3) is fixed first and gets named, dated
actions in the first 90 days: a maturity problem (infrastructure, culture) its first steps
from data/problems.yaml, paid from the brief's own budget lines where they fit (the tools
line for a scheduling tool, the production line for a photo shoot); a market problem the
sector lever that answers it (else its action)."""

from __future__ import annotations

import datetime as dt

from ..identity import Diagnosis, problem_facts
from ..plan import Plan
from .base import day

SEVERE = 3  # the brief's top score ("severe")


def severe_outside(diag: Diagnosis) -> list[str]:
    """The severe problems the diagnosis's fix-first ranking leaves out (a maturity problem,
    or a market one past the first three), in the diagnosis's order."""
    return [p.key for p in sorted(diag.problems, key=lambda p: p.rank)
            if p.score >= SEVERE and p.key not in diag.fix_first]


def roadmap_levers(plan: Plan) -> list[dict]:
    """The sector's levers in the diagnosis's order (the most severe problem's first): the
    roadmap's months take them in turn."""
    from ..sectors import playbook

    score = {p.key: p.score for p in plan.identity.diagnosis.problems}
    return sorted(playbook(plan.brief.client.sector_kind)["levers"],
                  key=lambda lv: -max(score.get(k, 0) for k in lv["problems"]))


def severe_steps(plan: Plan) -> list[tuple[str, dt.date, str]]:
    """(problem, date, text) for each named action the first 90 days take against a
    problem the client rates severe, by date; none for a market problem whose lever is
    already a roadmap month's focus."""
    tr, brief = plan.tr, plan.brief
    start = brief.client.period.start
    levers = roadmap_levers(plan)
    months = min(3, brief.client.period.months)
    focused = {k for i in range(months) for k in levers[i % len(levers)]["problems"]}
    out = []
    for p in sorted(plan.identity.diagnosis.problems, key=lambda p: p.rank):
        if p.score < SEVERE:
            continue
        steps = problem_facts()[p.key].get("first_steps") or []
        for step in steps:
            when = start + dt.timedelta(days=int(step["days"]))
            amount = float(getattr(brief.budget, step["line"]) or 0) \
                if step.get("line") else None
            key = f"problem.{p.key}.steps.{step['key']}" + ("_none" if amount == 0 else "")
            out.append((p.key, when, tr.t(key, date=day(tr, when),
                                          amount=tr.money(amount or 0))))
        if not steps and p.key not in focused:
            lever = next((lv for lv in levers if p.key in lv["problems"]), None)
            when = start + dt.timedelta(days=28)
            name = tr.t(f"problem.{p.key}.name")
            out.append((p.key, when, tr.t(
                "agency.severe_step", date=day(tr, when), problem=name,
                lever=tr.t("common.quoted", text=tr.text(lever["name"]))) if lever else tr.t(
                "agency.severe_step_action", date=day(tr, when), problem=name,
                action=tr.t(f"problem.{p.key}.action"))))
    return sorted(out, key=lambda s: s[1])


def steps_of(plan: Plan, key: str) -> str | None:
    """A severe problem's dated actions in one phrase (the fix-first list), else None."""
    mine = [text for k, _, text in severe_steps(plan) if k == key]
    if not mine:
        return None
    out = mine[0]
    for text in mine[1:]:  # "; " between steps: a step's own commas stay readable
        out = plan.tr.t("agency.severe_focus", focus=out, steps=text)
    return out


def shoot_date(plan: Plan) -> dt.date | None:
    """The date of the photo shoot the first steps plan (a severe problem's ``production``
    step), else None: the client's own photos are asked only for the posts before it."""
    days = [int(step["days"]) for p in plan.identity.diagnosis.problems if p.score >= SEVERE
            for step in problem_facts()[p.key].get("first_steps") or []
            if step["key"] == "production"]
    return plan.brief.client.period.start + dt.timedelta(days=min(days)) if days else None
