"""The team chapter's totals, each the sum of the rows it shows (``checks.team_totals``
turns them into the plan's checks): the team's FTE is the sum of the role table's FTE,
each role's FTE its own plus those to add; the hours by format add up to the hours a small
business's plan takes."""

from __future__ import annotations

from collections.abc import Iterator

from .catalogue import role_facts


def _close(a: float, b: float) -> bool:
    """Equal to the cent (FTE and hours are rounded to 2 decimals)."""
    return abs(a - b) <= 0.011


def team_totals(plan: dict) -> Iterator[tuple[str, bool, str]]:
    """(name, passed, detail) on a plan's JSON: team FTE = sum of the roles' FTE; each
    role's FTE = own + to add; a small business's hours a week = its format and lever hours
    + community time + planning, and no more of the owner's own hours than she gives (the
    plan's and the owner-run option's)."""
    team = plan.get("team")
    if not team or not team.get("roles"):
        return
    roles = team["roles"]
    pick = next((o for o in team.get("options") or [] if o.get("recommended")), None)
    if pick is not None and pick["within_budget"] and pick["kind"] != "owner_run":  # one
        # calendar, one team, one cost (an owner-run option is sized in the owner's hours)
        yield ("posts a week: the calendar within the recommended team option",
               team["posts_per_week"] <= pick["posts_per_week"] + 0.051,
               f"calendar {team['posts_per_week']} vs {pick['key']} {pick['posts_per_week']}")
    total = round(sum(r["fte"] for r in roles), 2)
    yield ("team FTE: sum of the role table", _close(total, team["fte"]),
                f"roles {total} vs team {team['fte']}")
    for r in roles:
        yield (f"{r['role']} FTE: own + to add", _close(r["fte"], r["existing"] + r["hire"]),
                    f"{r['fte']} vs {r['existing']} + {r['hire']}")
    work, hours = team.get("workload"), team.get("hours")
    if work and hours:
        h = role_facts()["hours"]
        made = sum(w["sme_hours"] for w in work) + team["channels"] * h["per_channel"] + h["base"]
        yield ("hours a week: sum of the hours by format", _close(made, hours["needed"]),
                    f"{made:.2f} vs {hours['needed']}")
    if hours and hours.get("existing") is not None:  # the owner's hours are a ceiling
        own = hours["needed"] - hours["bought"]
        yield ("owner hours: the plan uses no more than the owner gives",
               own <= hours["existing"] + 0.011, f"{own:.2f} vs {hours['existing']}")
        for o in team.get("options") or []:
            if o["kind"] == "owner_run":
                yield ("owner hours: the owner-run option fits them",
                       o["hours_per_week"] <= hours["existing"] + 0.011,
                       f"{o['hours_per_week']} vs {hours['existing']}")
