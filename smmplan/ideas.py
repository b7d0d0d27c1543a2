"""Concrete post ideas: for each pillar x offer line x key moment, a topic, a hook, a call
to action and the platform adaptation of the slot's format, written from the brief
(offer lines, differentiators, personas' needs, tone examples, events) and the sector
playbook's templates, then given to the calendar's posts."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from .brief import Brief
from .i18n import Translator
from .sectors import playbook, sector_dates

MOMENT_POSTS_PER_PLATFORM = 2  # posts of a key moment per platform: a teaser and a reminder


@dataclass
class Idea:
    pillar: str
    topic: str
    hook: str
    cta: str  # catalogue key under cta.
    offer: str = ""  # offer line name when the idea is about one
    moment: str = ""  # key-moment name when the idea is dated
    date: str = ""  # ISO date of the moment
    lead_days: int = 0

    @property
    def text(self) -> str:
        """Topic and hook in one line, as the calendar carries it."""
        return f"{self.topic} — {self.hook}"

    def to_json(self) -> dict:
        return asdict(self) | {"text": self.text}


def _clean(text: str) -> str:
    """A brief phrase ready to sit inside a sentence: no final full stop or outer quotes."""
    text = text.strip().strip("«»\"“”").strip().rstrip(".")
    return text


def _fits(template: dict, offer_text: str) -> bool:
    """Whether an offer line takes a template (its ``match`` / ``exclude`` words)."""
    text = offer_text.lower()
    if any(w in text for w in template.get("exclude", [])):
        return False
    return not template.get("match") or any(w in text for w in template["match"])


def copy_register(brief: Brief) -> str:
    """Register of posts (``mirror`` writes posts with ``vous``)."""
    return "tu" if brief.brand.tone_of_voice.address == "tu" else "vous"


def reply_register(brief: Brief) -> str:
    """Register of replies (``mirror`` answers in ``tu``: the people who write in ``tu``)."""
    return "vous" if brief.brand.tone_of_voice.address == "vous" else "tu"


def evergreen_ideas(brief: Brief, tr: Translator) -> list[Idea]:
    """Undated ideas: the playbook's templates filled with every offer line, differentiator
    and declared persona, plus the brief's own tone examples, strengths and opportunities."""
    book = playbook(brief.client.sector_kind)
    reg = copy_register(brief)
    name = brief.client.name
    vp = _clean(brief.brand.value_proposition)
    out: list[Idea] = []
    for tpl in book["ideas"]:
        if tpl["per"] == "offer":
            fills = [{"offer": o.name, "detail": _clean(o.description) or vp}
                     for o in brief.offer if _fits(tpl, f"{o.name} {o.description}")]
        elif tpl["per"] == "diff":
            fills = [{"diff": _clean(d)} for d in brief.brand.differentiators]
        elif tpl["per"] == "persona":
            fills = [{"persona": p.name, "need": _clean(p.message or p.description)}
                     for p in brief.targets.personas if p.message or p.description]
        else:
            fills = [{}]
        for f in fills:
            values = {"brand": name, "offer": "", "detail": vp, "diff": "", "persona": "",
                      "need": "", **f}
            out.append(Idea(tpl["pillar"], tr.text(tpl["topic"], reg, **values),
                            tr.text(tpl["hook"], reg, **values), tpl["cta"],
                            offer=f.get("offer", "")))
    showcase_cta = next((t["cta"] for t in book["ideas"] if t["pillar"] == "showcase"), "follow")
    for example in brief.brand.tone_of_voice.do:
        if example.strip()[:1] in "«\"“":  # a ready-made line, not a rule
            out.append(Idea("showcase", tr.t("ideas.own_words", brand=name), _clean(example),
                            showcase_cta))
    for strength in brief.situation.strengths + brief.situation.opportunities:
        out.append(Idea("values", _clean(strength), tr.t("ideas.strength_hook", brand=name),
                        "follow"))
    return out


def moment_ideas(brief: Brief, tr: Translator) -> list[Idea]:
    """Dated ideas: the sector's moments in the client's country and the brief's events."""
    reg = copy_register(brief)
    c = brief.client
    out = []
    for d in sector_dates(c.sector_kind, c.country, c.period.start, c.period.end):
        e = d["entry"]
        values = {"brand": c.name}
        out.append(Idea("showcase", tr.text(e["topic"], reg, **values),
                        tr.text(e["hook"], reg, **values), e["cta"],
                        moment=tr.text(e["name"], reg), date=d["date"].isoformat(),
                        lead_days=int(e["lead_days"])))
    book = playbook(c.sector_kind)
    event_cta = next((t["cta"] for t in book["ideas"] if t["pillar"] == "showcase"), "follow")
    for event in brief.calendar.events:
        if c.period.start <= event.date <= c.period.end:
            out.append(Idea("showcase", event.name, tr.t("ideas.event_hook", brand=c.name),
                            event_cta, moment=event.name, date=event.date.isoformat(),
                            lead_days=14))
    return sorted(out, key=lambda i: i.date)


def assign_ideas(slots: list, evergreen: list[Idea], moments: list[Idea],
                 tr: Translator, register: str = "vous") -> None:
    """Give every calendar post an idea, a call to action and its format's adaptation: a
    key moment's idea to the first and last post of each platform in the days before it,
    then each pillar's ideas in turn (offer lines alternate)."""
    by_platform: dict[str, list] = {}
    for s in slots:
        by_platform.setdefault(s.platform, []).append(s)
    taken: set[int] = set()
    chosen: dict[int, Idea] = {}
    for idea in moments:
        day = dt.date.fromisoformat(idea.date)
        first = (day - dt.timedelta(days=idea.lead_days)).isoformat()
        for posts in by_platform.values():
            window = [s for s in posts if first <= s.date <= idea.date and id(s) not in taken]
            for s in {id(p): p for p in (window[:1] + window[-1:])[
                    :MOMENT_POSTS_PER_PLATFORM]}.values():
                taken.add(id(s))
                chosen[id(s)] = idea
    pools: dict[str, list[Idea]] = {}
    for idea in evergreen:
        pools.setdefault(idea.pillar, []).append(idea)
    every = evergreen or moments
    turn: dict[str, int] = {}
    for s in slots:
        idea = chosen.get(id(s))
        if idea is None:
            pool = pools.get(s.pillar) or every
            if not pool:
                continue
            n = turn.get(s.pillar, 0)
            turn[s.pillar] = n + 1
            idea = pool[n % len(pool)]
        s.idea = idea.text
        s.cta = idea_cta(tr, idea, register)
        s.adaptation = tr.t(f"idea_format.{s.format}") if tr.has(f"idea_format.{s.format}") \
            else ""
        s.moment = idea.moment


def idea_cta(tr: Translator, idea: Idea, register: str = "vous") -> str:
    """The call to action of an idea in the plan's language and register."""
    from .i18n import apply_register

    return apply_register(tr.t(f"cta.{idea.cta}"), register)
