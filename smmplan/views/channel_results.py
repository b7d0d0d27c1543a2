"""Where the channel choice's results come from, in the client's words: its customers
(the customer table's acquisition channel) or its web conversions ("demo requests",
``web_results``), as ``Channels.acquired_from`` says."""

from __future__ import annotations

from ..plan import Plan


def results_word(plan: Plan) -> str | None:
    """What the channels' "acquired" shares count when they come from the web analytics
    ("demo requests", "key events"); None when they count customers."""
    source = plan.channels.acquired_from or {}
    if source.get("basis") != "web":
        return None
    return plan.tr.t(f"objectives.lead_events.{source.get('event') or 'any'}")


def acquired_header(plan: Plan) -> str:
    """The channel table's column of where results come from (``Channels.acquired_from``)."""
    events = results_word(plan)
    return plan.tr.t("table.acquired_web", events=events) if events else \
        plan.tr.t("table.acquired")


def acquired_measures(plan: Plan, header: str, top: str) -> str:
    """The note that tells the targets' use of a platform from where results come from."""
    events = results_word(plan)
    if events is None:
        return plan.tr.t("channels.measures", top=top)
    return plan.tr.t("channels.measures_web", header=header, events=events, top=top,
                     n=plan.tr.number(plan.channels.acquired_from["conversions"]))


def acquired_clause(plan: Plan, share: float | None) -> str:
    """", and 63.0% of your demo requests from social came from it" (empty without a
    share): the maintenance reason's clause."""
    if share is None:
        return ""
    events, tr = results_word(plan), plan.tr
    if events:
        return tr.t("channels.reason.maintenance_acquired_web", share=tr.percent(share, 1),
                    events=events)
    return tr.t("channels.reason.maintenance_acquired", share=tr.percent(share, 1))


def results_of(plan: Plan) -> str:
    """"your customers", or "your demo requests from social": what the maintenance rule's
    share counts."""
    events = results_word(plan)
    return plan.tr.t("channels.results_web", events=events) if events else \
        plan.tr.t("channels.results_customers")
