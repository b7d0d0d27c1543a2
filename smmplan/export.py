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


def export_html(notebook: nbformat.NotebookNode, title: str, language: str) -> str:
    """The client HTML of an executed plan notebook: no code, no CDN, TOC filled in."""
    exporter = HTMLExporter(
        template_name="plan",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    remover = TagRemovePreprocessor(remove_cell_tags=REMOVE_TAGS, enabled=True)
    exporter.register_preprocessor(remover, enabled=True)
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
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return body.replace(TOC_MARKER, table_of_contents(body), 1)


def export_file(notebook_path: Path, html_path: Path, title: str, language: str) -> None:
    """Read an executed notebook and write its client HTML."""
    nb = nbformat.read(notebook_path, as_version=4)
    html_path.write_text(export_html(nb, title, language), encoding="utf-8")
