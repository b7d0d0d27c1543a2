"""Reference documentation generated from the code, so it cannot drift:
``python -m smmplan.docs`` rewrites ``docs/brief-fields.md`` (tests check it is current)."""

from __future__ import annotations

from pathlib import Path

from .brief import Brief
from .paths import ROOT

FIELDS_DOC = ROOT / "docs" / "brief-fields.md"


def _resolve(node: dict, defs: dict) -> dict:
    if "$ref" in node:
        return defs[node["$ref"].split("/")[-1]]
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        merged = {**node, **_resolve(options[0], defs)}
        merged.pop("anyOf", None)
        return merged
    return node


def _describe_type(node: dict, defs: dict) -> str:
    node = _resolve(node, defs)
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type", "object")
    if kind == "array":
        return "list of " + _describe_type(node.get("items", {}), defs)
    if kind == "object" and "properties" not in node and "additionalProperties" in node:
        return "mapping of text to text"
    if "properties" in node:
        return node.get("title", "object")
    text = {"string": "text", "integer": "integer", "number": "number",
            "boolean": "yes/no"}.get(kind, kind)
    if node.get("format") == "date":
        text = "date (YYYY-MM-DD)"
    bounds = [f"{word} {node[key]}" for key, word in
              (("minimum", "≥"), ("maximum", "≤"), ("minLength", "length ≥"),
               ("minItems", "items ≥")) if key in node]
    return text + (f" ({', '.join(bounds)})" if bounds else "")


def field_rows() -> list[tuple[str, str, str, str]]:
    """(path, type, required, description) for every field of the brief, depth first."""
    schema = Brief.model_json_schema()
    defs = schema.get("$defs", {})
    rows: list[tuple[str, str, str, str]] = []

    def walk(node: dict, prefix: str) -> None:
        required = set(node.get("required", []))
        for name, prop in node.get("properties", {}).items():
            path = prefix + name
            target = _resolve(prop, defs)
            description = (prop.get("description") or target.get("description") or "")
            default = prop.get("default")
            if name not in required and default not in (None, [], {}, ""):
                description += f" Default: `{default}`."
            rows.append((path, _describe_type(prop, defs),
                         "yes" if name in required else "no",
                         description.replace("|", "\\|").strip()))
            if "properties" in target:
                walk(target, path + ".")
            elif target.get("type") == "array":
                item = _resolve(target.get("items", {}), defs)
                if "properties" in item:
                    walk(item, path + "[].")

    walk(schema, "")
    return rows


def brief_fields_markdown() -> str:
    """The field reference as Markdown."""
    lines = [
        "# Brief fields (generated)",
        "",
        "Generated from `smmplan/brief.py` by `python -m smmplan.docs`; do not edit by hand.",
        "See [brief.md](brief.md) for how to write a brief. `[]` marks a list item.",
        "",
        "| field | type | required | description |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{p}` | {t} | {r} | {d} |" for p, t, r, d in field_rows()]
    return "\n".join(lines) + "\n"


def write() -> Path:
    """Rewrite the generated field reference."""
    FIELDS_DOC.parent.mkdir(exist_ok=True)
    FIELDS_DOC.write_text(brief_fields_markdown(), encoding="utf-8")
    return FIELDS_DOC


if __name__ == "__main__":
    print(write())
