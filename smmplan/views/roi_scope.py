"""What the plan's ROI leaves out when a paid conversion books one offer line
(``budget.paid.books``): the ROI counts the booking's margin only; what the people who book
later buy from the client's other lines is not counted, because the brief gives no repeat
data for them (how many come back, how often). Said in plain words, never estimated."""

from __future__ import annotations

from ..plan import Plan


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
        [tr.t("team.roi_leaves_out_line", line=o.name, value=tr.money(o.average_order_value, 2))
         for o in others]))
