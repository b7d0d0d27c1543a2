"""Sector playbooks, dated moments, post ideas and French sentences that take numbers or
brief words."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from smmplan.errors import BriefError
from smmplan.i18n import Translator, apply_register
from smmplan.paths import example_briefs
from smmplan.sectors import check_playbook, date_for, playbook, sector_kinds
from smmplan.validation import load_brief

from .conftest import example_raw, write_brief

KINDS = {"retail_fashion", "food_shop", "restaurant", "b2b", "beauty", "education",
         "nonprofit", "other"}


def test_every_sector_kind_has_a_valid_playbook():
    assert set(sector_kinds()) == KINDS
    for kind in sector_kinds():
        data = playbook(kind)
        assert check_playbook(data, kind) == []
        assert data["sources"] and data["demand_source"]
        assert len(data["levers"]) >= 3


def test_schema_check_catches_a_broken_playbook():
    data = dict(playbook("food_shop"))
    data["demand_by_month"] = {m: 2.0 for m in range(1, 13)}
    data["ideas"] = [i for i in data["ideas"] if i["pillar"] != "care"]
    data["dates"] = [dict(data["dates"][0], cta="nope", assumes=["free_lunch"])]
    problems = " ".join(check_playbook(data, "food_shop"))
    assert "unknown offer in assumes 'free_lunch'" in problems
    assert "average 1.0" in problems
    assert "care" in problems
    assert "unknown cta 'nope'" in problems


@pytest.mark.parametrize(("rule", "expected"), [
    ({"easter": -21}, dt.date(2027, 3, 7)),  # UK Mothering Sunday (Easter 28 March 2027)
    ({"weekday": [5, 6, -1], "unless_easter": 49}, dt.date(2027, 5, 30)),  # Fête des mères
    ({"weekday": [5, 6, -1], "unless_easter": 49}, dt.date(2028, 5, 28)),
    ({"weekday": [11, 3, 4], "offset": 1}, dt.date(2027, 11, 26)),  # Black Friday
    ({"weekday": [5, 6, 2]}, dt.date(2027, 5, 9)),  # US Mother's Day
    ({"fixed": [1, 6]}, dt.date(2027, 1, 6)),
    ({"first_after": [1, 1, 6]}, dt.date(2027, 1, 3)),  # French Epiphany: Sunday 2-8 Jan
    ({"first_after": [1, 1, 6]}, dt.date(2023, 1, 8)),  # 1 Jan 2023 is a Sunday
])
def test_date_rules(rule, expected):
    assert date_for(rule, expected.year) == expected


def test_whit_sunday_moves_french_mothers_day():
    # 2031: Easter 13 April, Pentecost 1 June; the last Sunday of May is 25 May (kept);
    # 2024: Pentecost 19 May, last Sunday 26 May (kept). 2015: Pentecost 24 May = last
    # Sunday of May, so Mother's Day moved to 31 May.
    assert date_for({"weekday": [5, 6, -1], "unless_easter": 49}, 2015) == dt.date(2015, 5, 31)


def test_unknown_sector_kind_lists_the_kinds(tmp_path):
    raw = example_raw("bakery")
    raw["client"]["sector_kind"] = "bakeries"
    with pytest.raises(BriefError) as err:
        load_brief(write_brief(tmp_path, raw), check_files=False)
    text = str(err.value)
    assert "client.sector_kind" in text and "bakeries" in text
    assert all(k in text for k in KINDS)


def test_french_plurals_follow_cldr():
    tr = Translator("fr", "fr_FR", "EUR")
    assert tr.plural("plural.channels", 0) == "0 canal"
    assert tr.plural("plural.channels", 1) == "1 canal"
    assert tr.plural("plural.channels", 2) == "2 canaux"
    assert tr.plural("plural.posts", 7.5) == "7,5 publications"
    en = Translator("en", "en_US", "USD")
    assert en.plural("plural.channels", 0) == "0 channels"
    assert en.plural("plural.channels", 1) == "1 channel"


def test_maturity_sentence_agrees_in_french():
    tr = Translator("fr", "fr_FR", "EUR")
    text = tr.t("identity.maturity_intro", infra="10", culture="20",
                active=tr.plural("plural.channels", 1), channels=tr.number(2), score="30",
                level="x")
    assert "1 canal sur 2 publiant" in text


def test_tone_sentence_takes_no_agreement_with_brief_words():
    tr = Translator("fr", "fr_FR", "EUR")
    text = tr.t("tone_of_voice.intro", adjectives=tr.join(["chaleureux", "simple"]))
    assert text.startswith("Ton de la marque\u00a0: chaleureux et simple.")
    assert "La marque est" not in tr.t("tone_of_voice.intro", adjectives="x")


def test_register_picks_tu_or_vous():
    text = "[[Passez|Passe]] nous voir avec [[votre|ta]] famille"
    assert apply_register(text, "vous") == "Passez nous voir avec votre famille"
    assert apply_register(text, "tu") == "Passe nous voir avec ta famille"
    tr = Translator("fr", "fr_FR", "EUR")
    reply = tr.text(playbook("food_shop")["replies"]["praise"], "tu")
    assert "ta photo" in reply and "votre" not in reply


@pytest.fixture(scope="module")
def example_channels():
    from smmplan.plan import Plan

    return {p.parent.name: Plan(load_brief(p)).channels for p in example_briefs()}


def test_ideas_are_concrete_many_and_client_specific(example_channels):
    texts = {}
    for name, ch in example_channels.items():
        ideas = {s.idea for s in ch.slots}
        assert "" not in ideas, name
        assert len(ideas) >= 20, (name, len(ideas))
        assert all(s.cta for s in ch.slots), name
        texts[name] = ideas
    names = sorted(texts)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = texts[a] & texts[b]
            assert len(shared) < 0.1 * min(len(texts[a]), len(texts[b])), (a, b, shared)


def test_ideas_use_the_brief_and_the_sector(example_channels):
    bakery = {s.idea for s in example_channels["bakery"].slots}
    assert any("galette" in i.lower() for i in bakery)  # Épiphanie, FR food shop
    assert any("Ateliers pain" in i for i in bakery)  # an offer line
    assert not any("Ateliers pain : sortie du four" in i for i in bakery)  # no bread idea
    b2b = example_channels["b2b-software"]
    assert any(d["kind"] == "sector" and "quarter" in d["name"] for d in b2b.key_dates)
    fashion = example_channels["fashion"]
    assert any(d["name"] == "Black Friday" for d in fashion.key_dates)
    assert any("Mother's Day (UK)" == d["name"] for d in fashion.key_dates)


def test_a_persons_post_goes_on_linkedin_and_advocacy_shows(example_channels):
    """A founder's or employee's post (voice: person) is posted from their own LinkedIn
    profile, never on the brand's X or YouTube, and says so; the employee-advocacy lever
    has its monthly kit post in the calendar."""
    ch = example_channels["b2b-software"]
    person = [s for s in ch.slots if "own LinkedIn profile" in s.idea]
    assert person and {s.platform for s in person} == {"linkedin"}
    assert not any(s.sponsored for s in person)
    assert any(s.lever == "employee_advocacy" for s in person)
    founder = [s for s in ch.slots if "What we got wrong" in s.idea
               or "industry news" in s.idea or "Why it matters to buyers" in s.idea]
    assert founder and all(s.platform == "linkedin" for s in founder)


def test_calendar_files_carry_idea_and_cta(example_channels):
    from smmplan.calendar_files import calendar_files

    tr = Translator("fr", "fr_FR", "EUR")
    files = calendar_files(example_channels["bakery"], "Maison Fournil", tr)
    header = files["calendar.csv"].decode().splitlines()[0].split(",")
    assert {"Idée", "Appel à l’action"} <= set(header)  # the plan's language
    assert b"DESCRIPTION:" in files["calendar.ics"]


def test_an_idea_never_runs_twice_on_one_day(example_channels):
    for name, ch in example_channels.items():
        seen: dict[tuple, int] = {}
        for s in ch.slots:
            # a key moment may go out on two platforms the same day (one message adapted
            # per channel), and as a post with its ad-only copy (not on the page); an
            # everyday idea never, and nothing twice on one platform's page
            key = (s.date, s.idea, s.platform, s.ad_only) if s.moment else (s.date, s.idea)
            seen[key] = seen.get(key, 0) + 1
        assert [k for k, n in seen.items() if n > 1] == [], name
        moments = {s.idea for s in ch.slots if s.moment}
        assert moments, name  # the key moments still get their posts


def test_targets_from_data_get_persona_ideas(example_channels):
    from smmplan.ideas import target_ideas
    from smmplan.plan import Plan

    fashion = example_channels["fashion"]
    plan = Plan(load_brief(next(p for p in example_briefs() if p.parent.name == "fashion")))
    assert not plan.brief.targets.personas and plan.targets.personas
    mine = target_ideas(plan.brief, plan.targets, plan.tr)
    assert 1 <= len(mine) <= len(plan.targets.personas)  # one each, the same post once
    texts = {i["text"] for i in fashion.ideas}
    assert {i.text for i in mine} <= texts
    # the copy names what a target buys, never a target code or its share of customers
    assert not any(re.search(r"\bT\d\b|%", i.text) for i in mine)
    products = {v for o in plan.brief.offer for v in o.audience_values}
    assert any(v in i.text for i in mine for v in products)
    assert {s.idea for s in fashion.slots} & {i.text for i in mine}
    b2b = {i["text"] for i in example_channels["b2b-software"].ideas}
    assert not any(re.search(r"\bT\d\b", t) for t in b2b)  # declared personas


# the calls to action that ask for each sector's usual conversion (a sponsored post sells
# with one of them): a demo for B2B, a purchase for shops, a booking or an order for food,
# an enrolment for schools, a gift or a volunteer for charities
SECTOR_SALES = {"b2b": {"demo"}, "retail_fashion": {"shop"}, "beauty": {"shop"},
                "food_shop": {"reserve", "order", "visit"}, "restaurant": {"book", "order"},
                "education": {"enrol"}, "nonprofit": {"donate", "volunteer"},
                "other": {"shop"}}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_pillar_has_enough_ideas_and_showcase_sells(kind):
    from collections import Counter

    ideas = playbook(kind)["ideas"]
    per_pillar = Counter(i["pillar"] for i in ideas)
    assert min(per_pillar.values()) >= 4, (kind, per_pillar)
    assert per_pillar["showcase"] >= 6, (kind, per_pillar)
    selling = [i for i in ideas if i["cta"] in SECTOR_SALES[kind] and i["per"] == "offer"]
    assert len(selling) >= 5, (kind, len(selling))  # a sponsored post has several to choose
    # selling ideas beyond the showcase, so sponsoring a post keeps its pillar
    assert len({i["pillar"] for i in selling}) >= 2, kind
    # most ideas fit any post: a format limit only where the idea needs one (a person's
    # post is one picture on their own profile: never a post of the brand's, not counted)
    brand = [i for i in ideas if i.get("voice", "brand") != "person"]
    assert sum(bool(i.get("formats")) for i in brand) <= len(brand) // 4, kind


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_idea_french_is_typeset_and_ideas_are_not_shared_across_sectors(kind):
    import re

    def text(i: dict) -> str:
        return f"{i['topic']['en']} — {i['hook']['en']}"

    others = {text(i) for k in KINDS - {kind} for i in playbook(k)["ideas"]}
    for idea in playbook(kind)["ideas"]:
        assert text(idea) not in others, (kind, text(idea))
        for field in ("topic", "hook"):
            fr = idea[field]["fr"]
            assert not re.search(r"[^\u00a0\u202f][:;!?](\s|$)", fr), (kind, fr)  # no plain space
            assert "'" not in fr, (kind, fr)  # the typographic apostrophe
            for reg in ("vous", "tu"):
                assert "[[" not in apply_register(fr, reg), (kind, fr)


def test_epiphany_is_on_the_sunday_in_france_and_on_6_january_in_belgium():
    from smmplan.sectors import sector_dates

    start, end = dt.date(2027, 1, 1), dt.date(2027, 1, 31)
    day = {c: next(d["date"] for d in sector_dates("food_shop", c, start, end)
                   if d["key"] == "epiphany") for c in ("FR", "BE")}
    assert day == {"FR": dt.date(2027, 1, 3), "BE": dt.date(2027, 1, 6)}
