"""Named customers the calendar stands on (review 13: about 120 "[customer to name]"
slots in a year for a client with "few reviews"): at most the sector's new customers a
month per offer line, the other customer posts recut a story already told, and "What we
need from you" asks for the reference list the calendar needs, with the same counts."""

from __future__ import annotations

import collections
import datetime as dt
import re

from smmplan.calendar_slots import Slot
from smmplan.customer_refs import cap_references, reference_counts
from smmplan.idea_repeats import vary_repeats
from smmplan.idea_turns import numbered
from smmplan.ideas import Idea, give
from smmplan.paths import example_briefs
from smmplan.plan import Plan
from smmplan.sectors import playbook
from smmplan.validation import load_brief
from smmplan.views.client_needs import client_needs

from .test_sponsored_ideas import TR


def cloudline() -> Plan:
    return Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "b2b-software")))


def test_a_line_names_its_months_customers_then_recuts_their_stories():
    brief = cloudline().brief
    story = numbered({"numbered": True}, Idea(
        "showcase", "Cloudline Enterprise customer story: [customer to name]", "Before, after",
        "demo", offer="Cloudline Enterprise", reference=True), TR)
    slots = [Slot((dt.date(2027, 2, 1) + dt.timedelta(days=k)).isoformat(), "09:00",
                  "linkedin", "showcase", "document_carousel", False) for k in range(59)]
    for s in slots:
        give(s, story, TR, "you")
    vary_repeats(slots, TR, [story])
    cap_references(slots, brief, TR, [story])
    cap = playbook("b2b")["references"]["per_month"]["sales_led"]
    new = [s for s in slots if s.idea in story.turns]
    per_month = collections.Counter(s.date[:7] for s in new)
    assert per_month == {"2027-02": cap, "2027-03": cap}
    assert [s.idea.split(" — ")[0] for s in new][:2] == [
        "Cloudline Enterprise customer story #1: [customer to name]",
        "Cloudline Enterprise customer story #2: [customer to name]"]  # no gap in numbers
    recuts = [s.idea for s in slots if s not in new]
    assert all(re.match(r"Cloudline Enterprise customer story #\d+, recut: ", t) for t in recuts)
    assert "[customer to name]" not in " ".join(recuts)
    assert reference_counts(slots, [story.to_json()]) == {"Cloudline Enterprise": 2 * cap}


def test_cloudlines_calendar_needs_its_reference_list_not_a_customer_a_post():
    plan = cloudline()
    ch = plan.channels
    counts = reference_counts(ch.slots, ch.ideas)
    per = playbook("b2b")["references"]["per_month"]
    months = len({s.date[:7] for s in ch.slots})
    assert counts["Cloudline Enterprise"] <= per["sales_led"] * months
    assert counts["Cloudline Teams"] <= per["self_serve"] * months
    assert sum(counts.values()) < 60  # 118 before the cap
    assert any(", recut: " in s.idea for s in ch.slots)  # the other posts: recuts
    needs = " ".join(client_needs(plan))
    assert (f"{counts['Cloudline Enterprise']} Cloudline Enterprise customers who agree to be "
            "named") in needs
    assert f"{counts['Cloudline Teams']} Cloudline Teams customers" in needs


def test_customer_proof_hooks_do_not_end_on_the_offers_description():
    """Review 13: "…and the payback period: SSO, audit logs, dedicated success manager."
    (the brief's offer description pasted after a colon, on 57 posts)."""
    plan = cloudline()
    tails = [f": {o.description.rstrip('.')}" for o in plan.brief.offer if o.description]
    assert tails
    pasted = [s.idea for s in plan.channels.slots
              if any(s.idea.rstrip(".").endswith(t) for t in tails)]
    assert pasted == []


def test_a_differentiator_is_never_called_a_habit_the_brand_refuses():
    """"The industry habit we refuse: Priced per workflow, not per seat" said the opposite
    of the brand's offer (as Lune's "What we will not do: Free repairs for two years")."""
    plan = cloudline()
    titles = {s.idea.split(" — ")[0] for s in plan.channels.slots}
    for d in plan.brief.brand.differentiators:
        assert not any(t.endswith(f"refuse: {d}") for t in titles)
        # told as what it replaces: in the title, or named first in a short title's hook
        assert f"{d}: the industry habit it replaces" in titles or any(
            s.idea.split(" — ")[1].startswith(d)
            for s in plan.channels.slots if " — " in s.idea)
