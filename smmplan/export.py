"""Export an executed plan notebook to one offline HTML file with the project's template."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from . import __version__
from .errors import BuildError
from .paths import TEMPLATES_DIR
from .views import TOC_MARKER

REMOVE_TAGS = {"remove", "parameters", "injected-parameters", "papermill-error-cell-tag"}
_HEADING = re.compile(
    r'<h([23]) class="smm-(?:chapter|section)" id="([a-z0-9-]+)">(.*?)</h\1>', re.S
)


PLOTLY_BUNDLE_DIR = TEMPLATES_DIR / "plan" / "static" / "plotly"
# where a list of traces starts: a figure's "data" key, or plotly's own
# Plotly.newPlot("id", [...]) call (plotly.io.to_html, the notebook renderer)
_TRACES = re.compile(r'(?<!\\)"data"\s*:\s*(?=\[)'
                     r'|Plotly\.(?:newPlot|react)\(\s*"[^"]*"\s*,\s*(?=\[)')
_PLOTLY_MIME = "application/vnd.plotly.v1+json"


@lru_cache(maxsize=1)
def partial_bundle() -> dict:
    """The vendored plotly.js partial bundle's record (``bundle.json``: package, version,
    sources, the trace types it draws)."""
    try:
        return json.loads((PLOTLY_BUNDLE_DIR / "bundle.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"the vendored plotly.js bundle is unreadable: {exc}") from exc


def partial_bundle_covers(trace_types: frozenset[str] | None) -> bool:
    """True when the partial bundle can draw these trace types (``None``: unknown, never)
    and is the plotly.js version of the installed plotly package."""
    from plotly.offline import get_plotlyjs_version

    bundle = partial_bundle()
    return (trace_types is not None and trace_types <= set(bundle["traces"])
            and bundle["version"] == get_plotlyjs_version())


@lru_cache(maxsize=4)
def plotly_js(trace_types: frozenset[str] | None = frozenset()) -> str:
    """The plotly.js a plan embeds once (offline): the vendored partial bundle when it
    covers ``trace_types`` (the default: none, as for a plan's own charts), else the full
    plotly.js of the installed plotly package."""
    if not partial_bundle_covers(trace_types):
        from plotly.offline import get_plotlyjs

        return get_plotlyjs()
    path = PLOTLY_BUNDLE_DIR / partial_bundle()["file"]
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"the vendored plotly.js bundle is missing: {exc}") from exc


def _list_types(traces: object) -> set[str] | None:
    if not isinstance(traces, list):
        return None
    return {t.get("type") or "scatter" for t in traces if isinstance(t, dict)}


def _html_trace_types(markup: str) -> set[str] | None:
    """Trace types of the figures an HTML output draws; ``None`` when it calls plotly.js
    but no list of traces can be read from it."""
    found: set[str] = set()
    decoder = json.JSONDecoder()
    for match in _TRACES.finditer(markup):
        try:
            traces, _ = decoder.raw_decode(markup, match.end())
        except ValueError:
            return None
        types = _list_types(traces)
        if types is None:
            return None
        found |= types
    if not found and "Plotly." in markup:
        return None
    return found


def trace_types(notebook: nbformat.NotebookNode) -> frozenset[str] | None:
    """Every plotly trace type the notebook's outputs draw (``"scatter"`` when a trace
    names none, as plotly.js does); ``None`` when a figure's traces cannot be read."""
    found: set[str] = set()
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if _PLOTLY_MIME in data:
                spec = data[_PLOTLY_MIME]
                types = _list_types(spec.get("data") if isinstance(spec, dict) else None)
                if types is None:
                    return None
                found |= types
            markup = data.get("text/html")
            if markup:
                types = _html_trace_types("".join(markup) if isinstance(markup, list)
                                          else markup)
                if types is None:
                    return None
                found |= types
    return frozenset(found)


def table_of_contents(body: str) -> str:
    """An ordered list of the plan's chapters (h2) and sections (h3), linked by id."""
    items: list[tuple[str, str, list[tuple[str, str]]]] = []
    for level, anchor, text in _HEADING.findall(body):
        if level == "2":
            items.append((anchor, text, []))
        elif items:
            items[-1][2].append((anchor, text))
    out = ["<ol>"]
    for anchor, text, subs in items:
        out.append(f'<li><a href="#{anchor}">{text}</a>')
        if subs:
            out.append("<ol>" + "".join(f'<li><a href="#{a}">{t}</a></li>' for a, t in subs)
                       + "</ol>")
        out.append("</li>")
    out.append("</ol>")
    return "".join(out)


class PlanExporter(HTMLExporter):
    """nbconvert's HTML exporter with the project's template, tuned for large plans.

    - The notebook is validated once, after all preprocessors, not after each of the
      thirteen (``optimistic_validation``).
    - ``HTMLExporter.from_notebook_node`` re-parses the finished document with
      BeautifulSoup's pure-Python parser only to add missing ``alt`` texts and ``tabindex``
      on code cells: on a 5 MB plan that costs more than rendering it. Our template has no
      code cells and our only image (the logo) carries its ``alt``, so that pass is skipped.
    """

    def from_notebook_node(self, nb, resources=None, **kw):  # noqa: D102
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        resources = self._init_resources(resources)
        self.register_filter("highlight_code", self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer="python", parent=self)))
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


@lru_cache(maxsize=1)
def _exporter() -> PlanExporter:
    """One exporter per process: its Jinja templates are compiled once, not per plan."""
    exporter = PlanExporter(
        template_name="plan",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        optimistic_validation=True,
    )
    remover = TagRemovePreprocessor(remove_cell_tags=REMOVE_TAGS, enabled=True)
    exporter.register_preprocessor(remover, enabled=True)
    return exporter


def page_title(client: str, language: str, stem: str = "plan") -> str:
    """The HTML page title in the plan's language ("Maison Fournil : plan stratégique social
    media"); ``stem`` is ``plan`` or ``report`` (the tracking report)."""
    from .i18n import catalogue

    messages = catalogue(language)
    return messages[f"page_title.{stem}"].format(client=client)


def export_html(notebook: nbformat.NotebookNode, title: str, language: str) -> str:
    """The client HTML of an executed plan notebook: no code, no CDN, TOC filled in, and
    the smallest plotly.js that draws its figures."""
    css = (TEMPLATES_DIR / "plan" / "static" / "plan.css").read_text(encoding="utf-8")
    resources = {
        "smm": {
            "lang": language,
            "title": html.escape(title),
            "version": __version__,
            "css": css,
            "plotly_js": plotly_js(trace_types(notebook)),
        }
    }
    body, _ = _exporter().from_notebook_node(notebook, resources=resources)
    return body.replace(TOC_MARKER, table_of_contents(body), 1)


def export_file(notebook: Path | nbformat.NotebookNode, html_path: Path, title: str,
                language: str) -> None:
    """Write the client HTML of an executed notebook (a path or the notebook itself)."""
    nb = notebook if isinstance(notebook, nbformat.NotebookNode) else nbformat.read(
        notebook, as_version=4)
    html_path.write_text(export_html(nb, title, language), encoding="utf-8")
