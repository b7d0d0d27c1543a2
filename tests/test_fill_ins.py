"""Every bracketed fill-in the calendar leaves to the client's team is asked for, with its
posts and first date (review 15: 132 posts carried brackets nobody was asked for)."""

from __future__ import annotations

from smmplan.calendar_slots import Slot
from smmplan.views.fill_ins import fill_ins


def test_fill_ins_are_counted_per_post_with_their_first_date():
    slots = [Slot("2027-03-02", "09:00", "x", "showcase", "post", False,
                  idea="A vs. the spreadsheet #1: [task to time] — with [task to time] again"),
             Slot("2027-02-10", "09:00", "linkedin", "proof", "post", True,
                  idea="Story #1: [customer to name] on why"),
             Slot("2027-02-01", "09:00", "linkedin", "showcase", "post", False,
                  idea="A vs. the spreadsheet #2: [task to time]"),
             Slot("2027-02-03", "09:00", "linkedin", "showcase", "post", False,
                  idea="No bracket here")]
    assert fill_ins(slots) == [("[task to time]", 2, "2027-02-01"),
                               ("[customer to name]", 1, "2027-02-10")]


def test_cloudline_is_asked_for_its_fill_ins_once_named_customers_apart():
    """Cloudline's calendar leaves brackets to fill: each kind is asked for with its posts,
    except the named customers of its reference programme, asked for in their own line
    (diff review: the same customers were asked for twice, with two counts)."""
    from smmplan.paths import example_briefs
    from smmplan.plan import Plan
    from smmplan.validation import load_brief
    from smmplan.views.client_needs import client_needs

    plan = Plan(load_brief(next(p for p in example_briefs()
                                if p.parent.name == "b2b-software")))
    needs = client_needs(plan)
    asked = next(n for n in needs if "in brackets" in n)
    assert any("customer reference program" in n for n in needs)
    # only the reference programme's stories, reviews and switches carry these two
    assert "[customer and industry to name]" not in asked and "[review to quote]" not in asked
    tasks = sum("[task to time]" in s.idea for s in plan.channels.slots)
    assert tasks and f"[task to time] ({tasks} posts" in asked
