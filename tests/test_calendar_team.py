"""One calendar, one team, one cost: the plan's check that the calendar posts no more than
the recommended team option within the team budget (team_checks.team_totals)."""

from smmplan.team_checks import team_totals


def _plan(calendar: float, option: float, within: bool = True) -> dict:
    role = {"role": "designer", "fte": 1.0, "existing": 1.0, "hire": 0.0}
    return {"team": {"roles": [role], "fte": 1.0, "posts_per_week": calendar, "options": [
        {"key": "good", "posts_per_week": option / 2, "recommended": False,
         "within_budget": True},
        {"key": "better", "kind": "within_budget", "posts_per_week": option,
         "recommended": True, "within_budget": within}]}}


def _check(plan: dict) -> tuple:
    return next(c for c in team_totals(plan) if c[0].startswith("posts a week"))


def test_a_calendar_above_the_recommended_option_fails_the_check():
    name, ok, detail = _check(_plan(15.0, 13.8))
    assert not ok and detail == "calendar 15.0 vs better 13.8"


def test_the_recommended_option_s_own_calendar_passes():
    assert _check(_plan(13.0, 13.0))[1]


def test_no_option_within_the_budget_leaves_the_gap_to_the_team_chapter():
    assert not [c for c in team_totals(_plan(15.0, 13.8, within=False))
                if c[0].startswith("posts a week")]
