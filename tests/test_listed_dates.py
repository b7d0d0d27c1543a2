"""The key-dates table lists the holidays that matter to the calendar: for a B2B client in
the U.S., the days offices close, not the federal-only holidays buyers work on."""

from __future__ import annotations

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan
from smmplan.posting_days import listed_dates


def _names(example: str) -> tuple[list[str], list[str]]:
    plan = load_plan(EXAMPLES_DIR / example / "brief.yaml")
    ch = plan.channels
    listed = listed_dates(ch.key_dates, ch.closed, plan.brief.client.sector_kind)
    return [d["name"] for d in listed], [d["name"] for d in ch.key_dates]


def test_a_us_b2b_plan_lists_the_office_closures_and_every_moment():
    listed, every = _names("b2b-software")
    assert "Columbus Day" in every and "Columbus Day" not in listed
    assert "Veterans Day" not in listed
    assert "Thanksgiving Day" in listed and "Christmas Day" in listed
    assert "Year-end budget decisions" in listed  # the sector's moments all stay
    assert len(every) - len(listed) >= 4


def test_a_shop_that_trades_on_holidays_lists_them_all():
    listed, every = _names("bakery")
    assert listed == every
