"""Compliance notes that depend on the client's country and on what the plan does
(``data/compliance.yaml``): creators' and employees' disclosure rules, data protection for
customer-list audiences; the sector's other topics keep their locale message."""

from __future__ import annotations

from functools import cache

from .brief import Brief
from .paths import DATA_DIR, parse_yaml
from .sectors import playbook


@cache
def rules() -> dict:
    """``data/compliance.yaml`` topics."""
    return parse_yaml((DATA_DIR / "compliance.yaml").read_text(encoding="utf-8"))["topics"]


def activities(brief: Brief) -> set[str]:
    """What the plan does that a compliance rule can hinge on: the sector playbook's levers
    (all shown in the plan) and ``customer_file`` when the brief gives an audience table or
    a customer file for the paid audiences."""
    done = {lv["key"] for lv in playbook(brief.client.sector_kind)["levers"]}
    if brief.data.audience is not None or brief.budget.paid.customer_file_months:
        done.add("customer_file")
    return done


def topics(brief: Brief) -> list[str]:
    """The compliance topics that apply, in the sector's order then those the plan's
    activities add: a topic of ``data/compliance.yaml`` only when one of its ``when``
    activities is in the plan."""
    done = activities(brief)
    listed = list(playbook(brief.client.sector_kind)["compliance"])
    listed += [k for k in rules() if k not in listed]
    return [k for k in listed
            if k not in rules() or set(rules()[k]["when"]) & done]


def note(brief: Brief, topic: str) -> dict | None:
    """A topic's note for the client's country (else ``other``): text ({en, fr}) and
    sources; None for a topic the data file does not hold."""
    rule = rules().get(topic)
    if rule is None:
        return None
    return rule["by_country"].get(brief.client.country) or rule["by_country"]["other"]
