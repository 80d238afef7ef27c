"""The JSON Schema of a journey spec, generated from the msgspec model."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from . import model as m

SCHEMA_ID = "https://cjmrender.dev/schema/journey.schema.json"


def journey_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) for editors (yaml-language-server) and other validators.

    Custom lanes are written as plain keys on a stage or step, so their
    definitions accept extra keys whose values are lists of items.
    """
    schema = msgspec.json.schema(m.Journey)
    defs = schema["$defs"]
    item_schema = defs["Stage"]["properties"]["custom"]["additionalProperties"]
    for name in ("Stage", "Step"):
        d = defs[name]
        d["properties"].pop("custom", None)
        d["additionalProperties"] = item_schema
    for d in defs.values():
        d.pop("title", None) if d.get("title") in defs else None
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "cjmrender journey map",
        "description": "A customer journey map for cjmrender.",
    }
    out.update(_canonical(schema))
    return out


def _canonical(node: Any) -> Any:
    """``anyOf`` alternatives in one order (null last), whatever order msgspec's version emits."""
    if isinstance(node, dict):
        out = {k: _canonical(v) for k, v in node.items()}
        if isinstance(out.get("anyOf"), list):
            out["anyOf"] = sorted(out["anyOf"], key=lambda alt: (alt == {"type": "null"},
                                                                   json.dumps(alt, sort_keys=True)))
        return out
    if isinstance(node, list):
        return [_canonical(v) for v in node]
    return node


def schema_json() -> str:
    return json.dumps(journey_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
