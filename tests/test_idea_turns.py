"""A template told in turns (idea_turns): one idea whose posts name the products in turn,
not one idea per product."""

from types import SimpleNamespace

from smmplan.i18n import Translator
from smmplan.idea_repeats import vary_repeats
from smmplan.ideas import evergreen_ideas
from smmplan.validation import load_brief
from tests.conftest import example_briefs

TR = Translator("en", "en_GB", "GBP")


def _fashion():
    return load_brief(next(p for p in example_briefs() if p.parent.name == "fashion"))


def test_stock_news_is_one_idea_per_template_with_the_products_in_turn():
    ideas = evergreen_ideas(_fashion(), TR)
    topics = [i.topic for i in ideas]
    assert not [t for t in topics if t.endswith(": sizes left and the next delivery")]
    assert not [t for t in topics if t.endswith(": back in stock")]
    stock = [i for i in ideas if i.turns and i.series == "stock"]
    assert {i.topic for i in stock} == {"Sizes left and the next delivery", "Back in stock"}
    seasonal = {i.topic: i.cadence for i in ideas if i.turns and i.series != "stock"}
    assert seasonal == {"Finding your size": "quarter", "How to care for it": "quarter"}
    assert {i.series for i in stock} == {"stock"}  # one stock post a week across both
    sizes = next(i for i in stock if i.topic.startswith("Sizes"))
    assert sizes.turns[0].startswith("Sizes left and the next delivery: Dresses — ")
    assert len(set(sizes.turns)) == len(sizes.turns) >= 4


def test_each_post_of_an_idea_in_turns_names_the_next_product():
    idea = next(i for i in evergreen_ideas(_fashion(), TR) if i.turns)
    slots = [SimpleNamespace(date=f"2027-01-{d:02d}", time="18:00", platform="instagram",
                             base_idea=idea.text, moment="", angle="", adaptation="",
                             idea=idea.text) for d in range(1, 2 * len(idea.turns) + 1)]
    vary_repeats(slots, TR, [idea])
    n = len(idea.turns)
    assert [s.idea for s in slots[:n]] == list(idea.turns)
    assert not any(s.angle for s in slots[:n])  # a new product is no repeat
    assert slots[n].idea == idea.turns[0] and slots[n].angle  # told again: a new angle
