"""The creator lever's cost: the calendar's posts of the lever's ideas at the playbook's fee
per post by platform plus usage rights, set against the brief's production budget."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from smmplan.creators import creator_cost
from smmplan.paths import EXAMPLES_DIR
from smmplan.sectors import playbook
from smmplan.validation import load_brief


def _slots(**counts: int) -> list:
    out = [SimpleNamespace(platform=p, lever="creators") for p, n in counts.items()
           for _ in range(n)]
    return out + [SimpleNamespace(platform="instagram", lever="")] * 5  # not creator posts


def test_creator_posts_are_costed_from_the_playbook_and_paid_from_production():
    brief = load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml")
    cost = playbook(brief.client.sector_kind)["levers"][0]["cost"]
    c = creator_cost(brief, _slots(instagram=2, tiktok=3, pinterest=1))
    fees = 2 * cost["per_post"]["instagram"] + 3 * cost["per_post"]["tiktok"] + cost["other"]
    assert c is not None and c.posts == {"instagram": 2, "tiktok": 3, "pinterest": 1}
    assert c.total == pytest.approx(fees * (1 + cost["rights"] / 100))
    assert c.production == brief.budget.production and c.shortfall == 0
    assert set(c.sources) == {"per_post", "other", "rights"}


def test_without_a_production_budget_the_lever_says_what_it_needs():
    brief = load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml")
    brief = brief.model_copy(update={"budget": brief.budget.model_copy(
        update={"production": 0})})
    c = creator_cost(brief, _slots(tiktok=4))
    assert c is not None and c.shortfall == pytest.approx(c.total) and c.total > 0


def test_no_creator_post_no_line():
    brief = load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml")
    assert creator_cost(brief, _slots()) is None
