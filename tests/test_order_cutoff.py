"""After the Christmas delivery cut-off: no post selling for delivery, no ad on Christmas
Day, the last call to order before orders close (review 11, Maison Lune item 5)."""

from __future__ import annotations

from smmplan.calendar_slots import Slot
from smmplan.ideas import Idea, fits
from smmplan.order_cutoff import closed_windows, no_ads_days, shut_selling, with_call_hour
from smmplan.paths import EXAMPLES_DIR
from smmplan.validation import load_brief


def _slot(date: str, time: str = "18:00") -> Slot:
    return Slot(date, time, "tiktok", "showcase", "short_video", False)


def test_posts_selling_for_delivery_stop_after_the_cut_off():
    brief = load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml")  # GB, 2027, retail_fashion
    assert closed_windows(brief) == [
        ("2027-12-18T12:00", "2027-12-25T23:59", frozenset({"shop"}))]  # orders close midday
    assert no_ads_days(brief) == {"2027-12-25"}
    stock = Idea("showcase", "Sportswear: back in stock", "The sizes that came back.", "shop")
    care = Idea("education", "How to care for it", "Wash, dry, store.", "save")
    gift = Idea("showcase", "An e-gift card", "By email.", "shop", moment="After",
                date="2027-12-24", lead_days=5)
    stock2, care2, gift2 = shut_selling(brief, [stock, care, gift])
    assert not fits(stock2, _slot("2027-12-25")) and not fits(stock2, _slot("2027-12-19"))
    assert not fits(stock2, _slot("2027-12-18", "21:00"))
    assert fits(stock2, _slot("2027-12-18", "09:00")) and fits(stock2, _slot("2027-12-26"))
    assert fits(care2, _slot("2027-12-25")) and fits(gift2, _slot("2027-12-21"))


def test_a_brief_without_a_cut_off_keeps_every_idea():
    """A bakery takes pre-orders at its counter until it closes: no closed stretch and no
    hour on its deadlines' day; a fashion e-shop's deadlines are dispatch cut-offs."""
    brief = load_brief(EXAMPLES_DIR / "bakery" / "brief.yaml")
    idea = Idea("showcase", "x", "y", "shop")
    easter = Idea("showcase", "Easter", "y", "order", moment="E", date="2027-03-28",
                  lead_days=12, order_by_days=2)
    assert closed_windows(brief) == [] and shut_selling(brief, [idea]) == [idea]
    assert with_call_hour(brief, [easter]) == [easter]
    fashion = load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml")
    (timed,) = with_call_hour(fashion, [easter])
    assert not fits(timed, _slot("2027-03-26", "18:00")) and fits(timed, _slot("2027-03-25"))


def test_lune_calendar_after_the_christmas_cut_off():
    """Maison Lune: the gift guide's last call before the cut-off evening, nothing sold
    for delivery from the cut-off's midday to Christmas Day, no sponsored post on it."""
    from smmplan.i18n import Translator
    from smmplan.plan import Plan

    slots = Plan(load_brief(EXAMPLES_DIR / "fashion" / "brief.yaml")).channels.slots
    shop = Translator("en", "en_GB", "GBP").t("cta.shop")
    guide = [s for s in slots if s.idea.startswith("Christmas gift guide")]
    assert guide and all(s.date < "2027-12-18" or s.time < "12:00" for s in guide)
    after = [s for s in slots if "2027-12-18T12:00" <= f"{s.date}T{s.time}" <= "2027-12-25T23:59"]
    selling = [s for s in after if s.cta == shop]
    assert selling and all(s.idea.startswith("Too late for delivery") for s in selling)
    assert not any(s.sponsored for s in slots if s.date == "2027-12-25")
