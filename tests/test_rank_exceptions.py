"""The diagnosis table's rank follows the priority, and says why where it does not."""

from __future__ import annotations

import re

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan
from smmplan.views.identity import diagnosis, problem_ranks, rank_exceptions


def _text(section) -> str:
    return re.sub(r"<[^>]+>", "", " ".join(getattr(b, "markup", "") for b in section.blocks))


def test_every_problem_out_of_its_prioritys_order_is_explained():
    for example in ("bakery", "b2b-software", "fashion"):
        plan = load_plan(EXAMPLES_DIR / example / "brief.yaml")
        problems, ranks = plan.identity.diagnosis.problems, problem_ranks(plan)
        explained = dict(rank_exceptions(plan))
        for p in problems:
            out_of_order = any((q.priority - p.priority) * (ranks[q.key] - ranks[p.key]) > 0
                               for q in problems)
            assert (p.key in explained) == out_of_order, (example, p.key)


def test_fournils_severe_infrastructure_and_unmeasured_traffic_are_explained():
    plan = load_plan(EXAMPLES_DIR / "bakery" / "brief.yaml")
    assert dict(rank_exceptions(plan)) == {"infrastructure": "severe", "website_traffic": "later"}
    text = _text(diagnosis(plan))
    assert "Le rang suit la priorité, sauf\u00a0:" in text
    assert "car votre note est de 3 sur 3 (grave)" in text
