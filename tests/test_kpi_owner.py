"""KPI owners are roles of the team the plan recommends."""

from __future__ import annotations

from smmplan.kpi_owner import in_team


def test_an_owner_the_recommended_team_lacks_passes_to_the_strategist():
    lean = {"strategist": 0.5, "content_manager": 0.65, "analyst": 0.0}
    assert in_team("analyst", lean) == "strategist"
    assert in_team("analyst", {**lean, "analyst": 0.5}) == "analyst"
    assert in_team("social_media_manager", {"social_media_manager": 0.26}) == \
        "social_media_manager"
    assert in_team("analyst", None) == "analyst"


def test_cloudline_objectives_are_owned_by_roles_of_the_recommended_option():
    from smmplan.paths import EXAMPLES_DIR
    from smmplan.plan import Plan
    from smmplan.validation import load_brief

    plan = Plan(load_brief(EXAMPLES_DIR / "b2b-software" / "brief.yaml"))
    roles = plan.team.recommended["roles"]
    assert not roles.get("analyst")  # the lean option within the team budget
    owners = {o.owner for o in plan.objectives.objectives} | {
        m["owner"] for m in plan.objectives.measurement if m.get("owner")}
    assert owners and all(roles.get(o) for o in owners)
