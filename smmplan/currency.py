"""Dated exchange rates: the European Central Bank's euro reference rates as shipped (and
updated) by the maintained ``currencyconverter`` package, crossed through the euro; for a
currency the ECB does not publish (or stopped publishing more than ``STALE_DAYS`` before
its latest date), the dated table of ``data/currency_rates.yaml`` (every ISO 4217 currency
in current use), then the hand table of ``data/paid.yaml``. The brief can still override
the plan currency's rate (``budget.paid.usd_rate``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .catalogue import currency_table, paid_facts
from .errors import DataError

ECB_SOURCE = "European Central Bank euro foreign exchange reference rates"
STALE_DAYS = 365  # an ECB series that stopped longer ago than this is not used (RUB, HRK)


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def _ecb_current() -> set[str]:
    """The ECB's currencies still published (within ``STALE_DAYS`` of the latest date)."""
    conv = _converter()
    last = conv.bounds["USD"].last_date
    return {c for c in conv.currencies
            if (last - conv.bounds[c].last_date).days <= STALE_DAYS}


def _tables() -> list[dict]:
    """The dated fallback tables, in order: every currency in use, then the hand table."""
    return [currency_table(), paid_facts()["currency_rates"]]


def covered() -> set[str]:
    """The currencies with a dated rate (ECB, else ``data/currency_rates.yaml``, else
    ``data/paid.yaml``)."""
    return _ecb_current().union(*(t["per_usd"] for t in _tables()))


def usd_rate(currency: str, on: dt.date | None = None) -> tuple[float, str, str]:
    """Units of ``currency`` per US dollar on ``on`` (default: the latest published
    reference date), with the rate's date and source. ``DataError`` naming the currency
    when no dated rate exists."""
    currency = currency.upper()
    conv = _converter()
    if currency in _ecb_current():
        last = min(conv.bounds[currency].last_date, conv.bounds["USD"].last_date)
        day = min(on, last) if on else last
        rate = conv.convert(1.0, "USD", currency, date=day)
        return float(rate), day.isoformat(), ECB_SOURCE
    for facts in _tables():
        if currency in facts["per_usd"]:
            return float(facts["per_usd"][currency]), str(facts["date"]), facts["source"]
    raise DataError(f"no dated exchange rate for {currency} (neither the ECB reference rates "
                    "nor data/currency_rates.yaml cover it): give the number of "
                    f"{currency} per US dollar in budget.paid.usd_rate")


def convert(amount: float, source: str, target: str,
            on: dt.date | None = None) -> tuple[float, str, str]:
    """``amount`` of ``source`` in ``target``, with the date and source of the rate."""
    if source.upper() == target.upper():
        return float(amount), "", ""
    a, day_a, src = usd_rate(source, on)
    b, day_b, _ = usd_rate(target, on)
    return float(amount) / a * b, max(day_a, day_b), src
