"""What the plan's ROI leaves out when a paid conversion books one offer line
(``budget.paid.books``): the ROI counts the booking's margin only; what the people who book
later buy from the client's other lines is not counted, because the brief gives no repeat
data for them (how many come back, how often). Said in plain words, never estimated.

And which wording the ROI sentence takes on repeat orders: when the paid forecast's sales
already hold repeat orders (a customer file gives the mix, ``goal_gap.repeat_in_paid``), the
ROI counts them and must not say it comes "before repeat purchases"."""

from __future__ import annotations

from ..goal_gap import repeat_in_paid
from ..plan import Plan
from .lifetime import first_year_key


def roi_key(plan: Plan, default: str, where: str) -> str:
    """The ROI sentence's message: the multi-year view's first-year wording when there is
    one, else ``default`` + "_repeats" when the paid sales it counts include repeat orders,
    else ``default``."""
    key = first_year_key(plan, default, where)
    if key == default and repeat_in_paid(plan.paid.customer_value,
                                         plan.team.revenue or 0.0) >= 0.5:
        return f"{default}_repeats"
    return key


def booked_leaves_out(plan: Plan) -> str:
    """The sentence (leading space) or "" when no offer line is booked or none is left."""
    tr, brief, paid = plan.tr, plan.brief, plan.paid
    if not paid.books or paid.customer_value:
        return ""
    others = [o for o in brief.offer if o.name != paid.books and o.average_order_value]
    who = [p.name for p in brief.targets.personas if p.offer == paid.books]
    if not others or not who:
        return ""
    return tr.t("team.roi_leaves_out", personas=tr.join(
        [tr.t("budget.test_share_persona", name=n) for n in who]), lines=tr.join(
        [tr.t("team.roi_leaves_out_line", line=o.name, value=tr.price(o.average_order_value))
         for o in others]))
