"""The summary's line for a month it asks the client to prepare for that gets the plan's
lowest paid spend: when that month's paid conversions reach the plan's monthly limit (a
lead bound or free seats, ``Paid.seats``), it reaches it with less money because a
conversion costs least when demand is highest; said once, so the lowest spend does not read
as a mistake (the budget chapter's demand note says the same at length)."""

from __future__ import annotations

import pandas as pd

from ..paid_months import month_free
from ..plan import Plan


def low_month_line(plan: Plan, months: set[int]) -> str:
    """The line for the lowest-spend paid month when its calendar month is in ``months``
    (the key moments the summary names) and its conversions reach the month's limit; ""
    otherwise."""
    paid, tr = plan.paid, plan.tr
    if not paid.monthly or not paid.seats:
        return ""
    frame = pd.DataFrame(paid.monthly)
    if "opening" in frame:  # an opening's reach ads do not follow demand (as the chapter)
        frame["spend"] = frame["spend"] - frame["opening"].fillna(0.0)
    by = frame.groupby("month", sort=False)[["spend", "conversions"]].sum()
    by = by[by["spend"] > 0.5]
    if len(by) < 2:
        return ""
    low = by["spend"].idxmin()
    if pd.Timestamp(low).month not in months \
            or by.loc[low, "conversions"] < month_free(paid.seats, low) - 0.05:
        return ""
    month = tr.month(pd.Timestamp(low).date())
    kind = "leads" if paid.seats.get("bound") else "seats"
    return tr.t(f"agency.rec_low_month_{kind}", month=month[:1].upper() + month[1:],
                spend=tr.money(float(by.loc[low, "spend"])))
