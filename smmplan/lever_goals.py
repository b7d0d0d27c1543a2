"""A goal the plan reaches through one costed lever of its own, not the paid forecast: the
repeat purchase rate and the past-buyer programme (``retention.programme``,
``Paid.retention``) with the owned-channel steps it hands the rest to (``retention.
owned_steps``, their forecast ``owned_forecast``), which together forecast the rate they
take the goal to (``plan_rate``). When that forecast is
short of the target, the objective commits to it: flagged as unrealistic, its realistic
value the programme's rate, the client's target its stretch (one number: the rate the
SMART table, the summary and the programme's paragraph show is the same), as
``goal_gap.with_forecasts`` does for the goals the paid forecast is compared with."""

from __future__ import annotations

from dataclasses import replace

from .i18n import plan_translator


def plan_rate(r: dict) -> float:
    """The rate the programme ``r`` and its owned-channel steps forecast together: the
    steps' (``owned_forecast``) when the programme leaves them a gap, else its own."""
    owned = r.get("owned") or {}
    return float(owned["rate"] if owned.get("rate") is not None else r["rate"])


def programme_rate(o, paid) -> float | None:
    """The rate the past-buyer programme and its owned steps forecast for objective ``o``
    (``plan_rate``) when it is the programme's goal (its KPI, the client's target) and the
    programme falls short of the target; else None."""
    r = paid.retention
    if not r or r.get("reaches") or not o.from_brief or o.target is None \
            or o.kpi != "repeat_purchase_rate" or r.get("target") != o.target:
        return None
    return plan_rate(r)


def with_programme(objectives: list, paid) -> list:
    """The objectives with the programme's goal committed to the programme's forecast
    (module docstring); the others unchanged."""
    out = []
    for o in objectives:
        rate = programme_rate(o, paid)
        if rate is not None and rate < o.target:
            o = replace(o, realistic=False, realistic_target=round(rate, 2))
        out.append(o)
    return out


def programme_based(o, paid) -> bool:
    """Whether a flagged goal's realistic value is the programme's forecast."""
    rate = programme_rate(o, paid)
    return rate is not None and not o.realistic and o.realistic_target is not None \
        and abs(o.realistic_target - round(rate, 2)) < 1e-9


def goal_checks(plan: dict) -> list[tuple[str, bool, str]]:
    """plan.json's repeat-rate goal against its programme (``checks.programme_goal``): when
    the programme forecasts less than the client's target, the objective is flagged and
    commits to the programme's rate, and the SMART table shows that rate as its target and
    the client's as the stretch. [(name, ok, detail)]."""
    r = (plan.get("budget") or {}).get("retention") or {}
    out = []
    if not r or r.get("reaches"):
        return out
    for o in (plan.get("objectives") or {}).get("objectives", []):
        if not o.get("from_brief") or o.get("kpi") != "repeat_purchase_rate" \
                or o.get("target") != r.get("target"):
            continue
        out.append((f"{o['goal']}: committed to the programme's forecast",
                    not o["realistic"] and o.get("realistic_target") is not None
                    and abs(o["realistic_target"] - plan_rate(r)) < 0.006,
                    f"realistic={o['realistic']}, {o.get('realistic_target')} vs {plan_rate(r)}"))
        row = next((x for x in (plan.get("tables", {}).get("objectives") or {}).get(
            "rows", []) if x.get("objective") == o["goal"]), None)
        if row is not None:
            rate = plan_translator(plan).number(plan_rate(r), 2)
            out.append((f"{o['goal']}: SMART target is the programme's rate",
                        rate in row.get("target", "") and bool(row.get("stretch")),
                        f"{row.get('target')} / {row.get('stretch')} vs {rate}"))
    return out
