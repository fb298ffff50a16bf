"""JSON laid out as Prettier lays it out (width 100), so a freshly written model.json passes the
repository's `prettier --check`: objects one key per line, arrays on one line when they fit,
else numbers filled across lines and anything else one per line."""

from __future__ import annotations

import json
import re

WIDTH = 100
INDENT = "  "
_EXPONENT = re.compile(r"e(-?)\+?0*(\d)")


def _scalar(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    # Prettier writes 1e-6 and 1e16 where Python writes 1e-06 and 1e+16.
    return _EXPONENT.sub(r"e\1\2", text) if isinstance(value, float) else text


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _flat(value: object) -> str | None:
    """One-line text of a value, or None if Prettier would never put it on one line."""
    if isinstance(value, dict):
        return "{}" if not value else None  # non-empty objects stay expanded
    if isinstance(value, list):
        items = [_flat(v) for v in value]
        if any(i is None for i in items):
            return None
        return "[" + ", ".join(i for i in items if i is not None) + "]"
    return _scalar(value)


def _value(value: object, depth: int, column: int, tail: int) -> str:
    """Text of value starting at `column`; `tail` characters (a comma) follow it on the line."""
    pad, inner = INDENT * depth, INDENT * (depth + 1)
    flat = _flat(value)
    if flat is not None and (
        column + len(flat) + tail <= WIDTH or not isinstance(value, dict | list)
    ):
        return flat
    if isinstance(value, dict):
        entries = []
        for n, (key, v) in enumerate(value.items()):
            comma = 1 if n < len(value) - 1 else 0
            head = f"{inner}{json.dumps(key, ensure_ascii=False)}: "
            entries.append(head + _value(v, depth + 1, len(head), comma) + "," * comma)
        return "{\n" + "\n".join(entries) + f"\n{pad}}}"
    texts = [_scalar(v) for v in value]
    if len(value) > 1 and all(_is_number(v) for v in value):
        lines, line = [], inner
        for n, text in enumerate(texts):
            item = text + ("," if n < len(texts) - 1 else "")
            if line == inner:
                line += item
            elif len(line) + 1 + len(item) <= WIDTH:
                line += " " + item
            else:
                lines.append(line)
                line = inner + item
        lines.append(line)
        return "[\n" + "\n".join(lines) + f"\n{pad}]"
    items = [
        inner + _value(v, depth + 1, len(inner), 1 if n < len(value) - 1 else 0)
        for n, v in enumerate(value)
    ]
    return "[\n" + ",\n".join(items) + f"\n{pad}]"


def dumps(value: dict) -> str:
    return _value(value, 0, 0, 0) + "\n"
