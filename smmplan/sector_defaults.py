"""A sector playbook's defaults where the client gives none: target reply times by
platform (``response_hours``, over ``data/content.yaml``'s general ones) and the content
types to sponsor without a post history (``sponsor``), both checked with a clear error."""

from __future__ import annotations

from .catalogue import content_facts
from .errors import DataError
from .i18n import catalogue
from .sectors import playbook

GENERAL_SPONSOR = ("short_video", "carousel", "offer")  # when a playbook names none


def sector_response_hours(kind: str) -> dict[str, int]:
    """Target hours to answer a comment or message, by platform: the sector playbook's
    ``response_hours`` over ``data/content.yaml``'s general ``response_hours``."""
    platforms = content_facts()["platforms"]
    hours = {p: int(f["response_hours"]) for p, f in platforms.items()}
    own = playbook(kind).get("response_hours") or {}
    if not isinstance(own, dict):
        raise DataError(f"data/sectors/{kind}.yaml: response_hours must map platforms to "
                        "hours (e.g. linkedin: 4)")
    for platform, value in own.items():
        if platform not in platforms:
            raise DataError(f"data/sectors/{kind}.yaml: response_hours: unknown platform "
                            f"{platform!r} (known: {', '.join(sorted(platforms))})")
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 72:
            raise DataError(f"data/sectors/{kind}.yaml: response_hours.{platform} must be a "
                            f"whole number of hours from 1 to 72 (got {value!r})")
        hours[platform] = value
    return hours


def sector_sponsor(kind: str) -> tuple[str, ...]:
    """Content types to sponsor first when the client has no post history: the playbook's
    ``sponsor`` list (each named in the locales' ``budget.content``), else the general
    rule (short videos, carousels, offers)."""
    own = playbook(kind).get("sponsor")
    if own is None:
        return GENERAL_SPONSOR
    named = {k.split(".")[2] for k in catalogue("en") if k.startswith("budget.content.")}
    if not isinstance(own, list) or not own or any(k not in named for k in own):
        raise DataError(f"data/sectors/{kind}.yaml: sponsor must list content types named "
                        f"in the locales' budget.content ({', '.join(sorted(named))}); "
                        f"got {own!r}")
    return tuple(own)
