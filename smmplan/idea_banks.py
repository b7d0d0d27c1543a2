"""The plan's two idea banks, built in one place: the evergreen ideas (held to the
lever, the profiles, the sessions and the delivery cut-off, on their buying paths, those
that say the awareness goal's message marked) and the
dated key-moment ideas (on their buying paths, their last call at the cut-off hour), with
the weekly delivery-promise posts of a peak the brief says delivery slipped in."""

from __future__ import annotations

from collections.abc import Iterable

from .awareness_message import speaks_message
from .brief import Brief
from .creator_posts import held_for_the_lever
from .i18n import Translator
from .ideas import Idea, evergreen_ideas, moment_ideas
from .offer_paths import follow_buying_paths
from .order_cutoff import shut_selling, with_call_hour
from .peak_delivery import promise_ideas
from .profile_posts import held_for_profiles
from .sessions import held_to_sessions


def idea_banks(brief: Brief, tr: Translator, key_dates: Iterable[dict],
               extra: list[Idea] | None = None) -> tuple[list[Idea], list[Idea]]:
    """The evergreen ideas (with ``extra``, e.g. the data-driven targets' persona ideas)
    and the key moments' ideas; no idea is shown on a public holiday of ``key_dates``."""
    no_show = frozenset(d["date"] for d in key_dates if d["kind"] == "holiday")
    evergreen = shut_selling(brief, held_to_sessions(brief, held_for_profiles(  # none after
        brief, held_for_the_lever(brief, follow_buying_paths(  # a cut-off
            brief, evergreen_ideas(brief, tr, no_show) + (extra or []))))))
    evergreen = speaks_message(brief, evergreen)  # what awareness ads carry
    moments = with_call_hour(brief, follow_buying_paths(brief, sorted(
        moment_ideas(brief, tr) + promise_ideas(brief, tr), key=lambda i: i.date)))
    return evergreen, moments
