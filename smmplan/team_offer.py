"""Which of the good / better / best team options the plan offers (``team.team_options``).

An option that costs no less than a later one (within ``data/roles.yaml``
``same_cost_share`` of its cost) and carries fewer posts a week is not offered as a choice:
nobody buys less for the same money; but one within the team budget stays beside one above
it (the budget is the client's limit, not only a price). It is kept apart (``withdrawn``,
with the key of the option that carries more for that cost, ``instead``) so the plan can
say why there is no cheaper option: the client's own team paid from its team budget
whatever the posting, or roles held at a floor the posting does not move. The
recommendation moves to that option when it fell on a withdrawn one.
"""

from __future__ import annotations

from .catalogue import role_facts


def same_cost_share() -> float:
    """The share of an option's cost within which a cheaper-looking one costs the same."""
    return float(role_facts()["same_cost_share"])


def offered(options: list[dict]) -> tuple[list[dict], list[dict]]:
    """``options`` (cheapest posting first) split into those offered and those withdrawn
    (each with ``instead``: the key of the first later option carrying more posts a week
    for no more than its cost plus ``same_cost_share``, and within the team budget when it
    is)."""
    share = same_cost_share()
    out: list[dict] = []
    gone: list[dict] = []
    for i, o in enumerate(options):
        more = next((n for n in options[i + 1:]
                     if n["cost"] <= o["cost"] * (1 + share) + 1
                     and n["posts_per_week"] > o["posts_per_week"] + 0.05
                     and (n.get("within_budget", True) or not o.get("within_budget", True))),
                    None)
        if more is None:
            out.append(o)
        else:
            gone.append({**o, "instead": more["key"], "recommended": False})
            if o["recommended"]:
                more["recommended"] = True  # the same money buys more posting
    return out, gone
