"""One number, one value in the paid chapter (review s24 #1, #5, #8, #9): the stop rule's
multiple is data/paid.yaml's, said in words from the figure; the test share, the
conversions a test brings and the budget the plan stopped at (and why) are recorded once by
the model, and the views read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from smmplan.catalogue import paid_facts
from smmplan.i18n import Translator
from smmplan.plan import Plan
from smmplan.validation import load_brief

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"


@pytest.fixture(scope="module")
def bakery() -> Plan:
    return Plan(load_brief(EXAMPLES / "bakery" / "brief.yaml"))


@pytest.mark.parametrize(("multiple", "en", "fr"), [
    (3, "three times", "trois fois"), (2, "twice", "deux fois"), (4, "4 times", "4 fois"),
    (2.5, "2.5 times", "2,5 fois")])
def test_the_stop_rules_multiple_is_the_datas(monkeypatch, multiple, en, fr):
    from smmplan.views.stop_basis import stop_multiple

    monkeypatch.setitem(paid_facts()["test_share"], "stop_multiple", multiple)
    assert stop_multiple(Translator("en", "en_GB", "GBP")) == en
    assert stop_multiple(Translator("fr", "fr_FR", "EUR")) == fr


def test_the_summarys_stop_rule_follows_the_data(monkeypatch, bakery):
    from smmplan.views.summary import reporting

    before = " ".join(reporting(bakery))
    assert "après avoir dépensé trois fois ce montant" in before
    monkeypatch.setitem(paid_facts()["test_share"], "stop_multiple", 4)
    after = " ".join(reporting(bakery))
    assert "après avoir dépensé 4 fois ce montant" in after
    assert "trois fois" not in after
