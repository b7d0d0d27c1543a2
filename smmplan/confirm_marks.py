"""An idea that assumes an offer the brief never names is marked to confirm in the ideas
list (``ideas.confirmed``). The posts built on it do not carry the mark in their public
text: their writer reads it in the post's adaptation note (``unmark``), and the summary's
"what we need from you" asks the client to confirm the offer before the first of them
goes out (``to_confirm``)."""

from __future__ import annotations

from .i18n import Translator


def split_mark(text: str, tr: Translator) -> tuple[str, bool]:
    """``text`` without the to-confirm mark, and whether it carried one."""
    mark = tr.t("ideas.to_confirm")
    return text.replace(mark, ""), mark in text


def unmark(slots: list, tr: Translator) -> None:
    """Take the to-confirm mark out of each post's text (its ``base_idea`` keeps it: the
    ideas list's), and say it first in the post's adaptation note."""
    mark, note = tr.t("ideas.to_confirm"), tr.t("ideas.confirm_note")
    for s in slots:
        if mark in s.idea:
            s.idea = s.idea.replace(mark, "")
            if not s.adaptation.startswith(note):
                s.adaptation = f"{note} {s.adaptation}".strip()


def to_confirm(slots: list, tr: Translator) -> list[tuple[str, str, int]]:
    """The marked ideas the calendar's posts carry: (topic without the mark, first post's
    ISO date, posts), by first date."""
    mark = tr.t("ideas.to_confirm")
    found: dict[str, list] = {}
    for s in sorted(slots, key=lambda s: s.date):
        if mark in s.base_idea:
            topic = s.base_idea.split(" — ")[0].replace(mark, "")
            found.setdefault(topic, [s.date, 0])[1] += 1
    return [(topic, first, n) for topic, (first, n) in found.items()]


def confirmed_only(ideas: list, tr: Translator) -> list:
    """``ideas`` without those marked to confirm: an offer the client has not confirmed is
    never what a sponsored post carries (its organic posts wait for the confirmation the
    summary asks for; money is not spent on it)."""
    mark = tr.t("ideas.to_confirm")
    return [i for i in ideas if mark not in i.text]
