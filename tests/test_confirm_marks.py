"""An idea that assumes an offer the brief never names keeps its to-confirm mark in the
ideas list, not in its posts' public text: the post's note says it, and the summary's
"what we need from you" asks the client (Maison Lune's e-gift card after the cut-off)."""

from __future__ import annotations

from types import SimpleNamespace

from smmplan.confirm_marks import to_confirm, unmark
from smmplan.i18n import Translator


def post(date, text):
    return SimpleNamespace(date=date, idea=text, base_idea=text, adaptation="Reel, 15-30 s.")


def test_the_mark_leaves_the_post_text_and_is_asked_once():
    tr = Translator("en", "en_GB", "GBP")
    gift = "Too late for delivery: an e-gift card (to confirm) — Orders no longer arrive."
    slots = [post("2027-12-21", gift), post("2027-12-20", gift),
             post("2027-12-22", "Dresses: how to care for it — Wash, dry, store.")]
    unmark(slots, tr)
    assert not any("(to confirm)" in s.idea for s in slots)
    assert slots[0].adaptation.startswith("To confirm with the client")
    assert slots[2].adaptation == "Reel, 15-30 s."
    unmark(slots, tr)  # a second pass (persona ideas refilled) adds no second note
    assert slots[0].adaptation.count("To confirm") == 1
    assert to_confirm(slots, tr) == [("Too late for delivery: an e-gift card", "2027-12-20", 2)]
