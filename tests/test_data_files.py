"""The data files parse without a key given twice in one mapping: YAML keeps the last one
silently, so a duplicate hides an edit (a translation or a rule changed in one copy only)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data"


class _Strict(yaml.SafeLoader):
    pass


def _mapping(loader: _Strict, node: yaml.MappingNode, deep: bool = False):
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} given twice", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")),
                         ids=lambda p: str(p.relative_to(DATA)))
def test_no_key_given_twice(path: Path) -> None:
    with path.open(encoding="utf-8") as f:
        yaml.load(f, Loader=_Strict)
