"""The paid chapter's frequency note: impressions per person reached, with the people
reached, so that the two multiply back to the month's planned impressions."""

from __future__ import annotations

import math
import re

from smmplan.paths import EXAMPLES_DIR
from smmplan.plan import load_plan
from smmplan.views.budget_notes import frequency_note


def test_frequency_is_per_person_reached_and_reach_is_said():
    plan = load_plan(EXAMPLES_DIR / "b2b-software" / "brief.yaml")
    text = re.sub(r"<[^>]+>", "", frequency_note(plan)[0].markup)
    assert "per person reached" in text
    audience = {m["platform"]: m["audience"] for m in plan.paid.models}
    months = len(plan.paid.paid_months) or plan.brief.client.period.months
    found = 0
    for c in plan.paid.channels:
        if c.spend <= 0:
            continue
        label = {"x": "X (Twitter)", "linkedin": "LinkedIn"}[c.platform]
        m = re.search(re.escape(label) + r" ([\d.]+) \(about ([\d,]+) people reached a month "
                      r"out of ([\d,]+)", text)
        assert m, text
        frequency, reached, people = float(m[1]), int(m[2].replace(",", "")), \
            int(m[3].replace(",", ""))
        assert people == audience[c.platform] and reached < people
        monthly = c.impressions / months
        # the said reach is the expected number of people a month's impressions reach
        assert math.isclose(reached, people * -math.expm1(-monthly / people), rel_tol=0.01)
        assert math.isclose(frequency * reached, monthly, rel_tol=0.06)
        found += 1
    assert found == 2
