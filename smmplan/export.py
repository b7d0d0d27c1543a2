"""Export an executed plan notebook to one offline HTML file with the project's template."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from . import __version__
from .paths import TEMPLATES_DIR
from .views import TOC_MARKER

REMOVE_TAGS = {"remove", "parameters", "injected-parameters", "papermill-error-cell-tag"}
_HEADING = re.compile(
    r'<h([23]) class="smm-(?:chapter|section)" id="([a-z0-9-]+)">(.*?)</h\1>', re.S
)


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """plotly.js from the installed plotly package (embedded once per plan, offline)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


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


def export_html(notebook: nbformat.NotebookNode, title: str, language: str) -> str:
    """The client HTML of an executed plan notebook: no code, no CDN, TOC filled in."""
    css = (TEMPLATES_DIR / "plan" / "static" / "plan.css").read_text(encoding="utf-8")
    resources = {
        "smm": {
            "lang": language,
            "title": html.escape(title),
            "version": __version__,
            "css": css,
            "plotly_js": plotly_js(),
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
