"""Whether a brief can be built: the brief model (``scenario.read_brief``) plus every file it
names, checked the way the build will read it (confined to the brief's folder, readable,
mapped columns present, each export kind's reader run, the audience typed and big enough
for its targets). Above both the brief model and the readers, so neither imports the
other; ``validate``, ``build``, ``track`` and the lab all load briefs through here."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from .audience import MIN_TARGET_ROWS, load_audience, mapped_columns
from .brief import Brief
from .catalogue import paid_facts
from .errors import BriefError, DataError
from .exports.table import read_header, read_table
from .privacy import min_group, personal_column
from .safety import check_logo, confinement_problem
from .scenario import read_brief


def load_brief(path: str | Path, check_files: bool = True,
               scenario: str | Path | None = None) -> Brief:
    """Load and validate a brief (with a scenario file's choices applied, if given); with
    ``check_files`` also check the files it names."""
    brief = read_brief(path, scenario)
    if check_files:
        problems = check_brief_files(brief)
        if problems:
            raise BriefError(problems)
    return brief


def check_brief_files(brief: Brief) -> list[str]:
    """Problems with the files a brief names: missing, unreadable, mapped columns absent."""
    problems = []
    src = brief.source
    logo = brief.brand.visual_identity.logo
    if logo:
        path = brief.resolve(logo)
        field = "brand.visual_identity.logo"
        outside = confinement_problem(logo, path, brief.base_dir)
        wrong = outside or (None if path.is_file() else f"file not found: {path}") or \
            check_logo(path)
        if wrong:
            problems.append(f"{src}: {field}: {wrong}")
    for kind, spec in brief.data_files().items():
        file = brief.resolve(spec.path)
        field = f"data.{kind}.path"
        outside = confinement_problem(spec.path, file, brief.base_dir)
        if outside:
            problems.append(f"{src}: {field}: {outside}")
            continue
        if not file.is_file():
            what = "is a directory" if file.is_dir() else "file not found"
            problems.append(f"{src}: {field}: {what}: {file}")
            continue
        try:
            header = read_header(file, sheet=spec.sheet)
        except Exception as exc:  # any reader failure is a user-facing data problem
            problems.append(f"{src}: {field}: cannot read {file}: {exc}")
            continue
        missing = False
        for ours, mapped in spec.columns.items():
            # an audience's value may sum several columns, and its per-category spend
            # columns are a list: "A + B + C"
            for theirs in mapped_columns(ours, mapped) if kind == "audience" else [mapped]:
                if theirs not in header:
                    missing = True
                    shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
                    problems.append(
                        f"{src}: data.{kind}.columns.{ours}: column {theirs!r} "
                        f"is not in {file.name} (its columns: {shown})"
                    )
        if kind == "audience" and not missing:
            problems += _check_audience(brief)
        elif kind in _READ_AT_VALIDATION and not missing:
            problems += _check_export(brief, kind)
    return problems + check_market(brief)


def check_market(brief: Brief) -> list[str]:
    """What the paid chapter needs from ``data/`` for the client's market, with the build's
    messages: a dated rate for the plan currency and, for every paid platform without a
    brief audience, the country's population aged 15+."""
    from .currency import usd_rate
    from .market import population_15_plus

    paid = brief.budget.paid
    if brief.budget.paid_media <= 0:
        return []
    problems = []
    currency = brief.client.currency
    if not paid.usd_rate and currency not in paid_facts()["currency_rates"][
            "per_usd"]:
        try:
            usd_rate(currency)
        except DataError as exc:
            problems.append(f"{brief.source}: budget.paid.usd_rate: {exc}")
    wanted = dict(paid.channels) or {c.platform: None for c in brief.situation.channels}
    if population_15_plus(brief.client.country) is None:
        problems += [
            f"{brief.source}: budget.paid.channels.{platform}.audience: no population "
            f"figure for {brief.client.country} (World Bank, data/population.csv); give the "
            "reachable audience"
            for platform, spec in wanted.items() if not (spec and spec.audience)]
    return problems


# Export kinds whose reader's errors stop a build (the web analytics and comment exports'
# errors are reported inside the plan instead): validate runs the same reader.
_READ_AT_VALIDATION = ("posts", "ads", "competitors")


def _check_export(brief: Brief, kind: str) -> list[str]:
    """The error the kind's reader would raise at build time, with the same message."""
    reader = {"posts": ("posts", "read_posts"), "ads": ("ads", "read_ads"),
              "competitors": ("competitors", "read_competitors")}[kind]
    try:
        getattr(import_module(f"smmplan.exports.{reader[0]}"), reader[1])(brief)
    except DataError as exc:
        return [f"{brief.source}: data.{kind}: {exc}"]
    return []


def _check_audience(brief: Brief) -> list[str]:
    """Problems that would stop the targets chapter: found before any kernel starts."""
    spec = brief.data.audience
    try:
        table = read_table(brief.resolve(spec.path), spec.sheet)
    except DataError as exc:
        return [f"{brief.source}: data.audience: {exc}"]
    personal = [(ours, theirs, personal_column(theirs, table[theirs].dropna()))
                for ours, mapped in spec.columns.items()
                for theirs in mapped_columns(ours, mapped)]
    if any(why for _, _, why in personal):
        return [f"{brief.source}: data.audience.columns.{ours}: column {theirs!r} holds "
                f"personal data ({why}); map the role to another column or leave it out"
                for ours, theirs, why in personal if why]
    try:
        audience = load_audience(brief)
    except DataError as exc:
        return [f"{brief.source}: data.audience: {exc}"]
    k = brief.targets.k
    least = max(MIN_TARGET_ROWS, min_group(audience.rows)) if audience is not None else 0
    if audience is not None and k and audience.rows < k * least:
        return [f"{brief.source}: targets.k: {audience.rows} rows in "
                f"{Path(audience.file).name} are too few for {k} targets "
                f"(at least {k * least} needed: no target may be smaller than "
                f"{least} people)"]
    return []
