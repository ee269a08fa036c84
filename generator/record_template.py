"""A commented YAML template for a new record, derived from the schema.

Every property appears with its German title and description as a comment;
required ones as placeholders (`AUSFÜLLEN: …`, which the validator refuses
until replaced), optional ones commented out with the schema's example.
"""
from __future__ import annotations

import datetime as dt
import json

from generator import paths
from generator.schemas import bundled_schema

PLACEHOLDER = "AUSFÜLLEN"
KIND_SCHEMA_FILE = {kind: schema_file for kind, (_folder, schema_file) in paths.RECORD_KINDS.items()}


def _scalar(value) -> str:
    """YAML flow text for a value: JSON is valid YAML flow and keeps strings quoted."""
    return json.dumps(value, ensure_ascii=False)


def _placeholder(schema: dict) -> str:
    title = schema.get("title", "Wert")
    if "enum" in schema:
        return _scalar(f"{PLACEHOLDER}: eins von {', '.join(map(str, schema['enum']))}")
    kind = schema.get("type")
    if kind == "boolean":
        return "false"
    if kind in ("integer", "number"):
        return _scalar(f"{PLACEHOLDER}: {title} (Zahl)")
    return _scalar(f"{PLACEHOLDER}: {title}")


def _comment(schema: dict, indent: str, required: bool) -> list[str]:
    title = schema.get("title", "")
    description = schema.get("description", "")
    mark = "Pflicht" if required else "optional"
    return [f"{indent}# {title} ({mark}): {description}".rstrip()]


def _example_lines(key: str, schema: dict, indent: str) -> list[str]:
    examples = schema.get("examples")
    if not examples:
        return [f"{indent}# {key}:"]
    return [f"{indent}# {key}: {_scalar(examples[0])}"]


def _object_lines(schema: dict, indent: str, fixed: dict) -> list[str]:
    lines = []
    required = set(schema.get("required", []))
    for key, prop in schema.get("properties", {}).items():
        is_required = key in required
        lines += _comment(prop, indent, is_required)
        if key in fixed:
            lines.append(f"{indent}{key}: {_scalar(fixed[key])}")
        elif not is_required:
            lines += _example_lines(key, prop, indent)
        elif prop.get("type") == "object" and "properties" in prop:
            lines.append(f"{indent}{key}:")
            lines += _object_lines(_first_required_branch(prop), indent + "  ", {})
        elif prop.get("type") == "array":
            item = prop.get("items", {})
            if item.get("type") == "object" and "properties" in item:
                lines.append(f"{indent}{key}:")
                inner = _object_lines(_first_required_branch(item), indent + "    ", {})
                first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
                inner[first] = indent + "  - " + inner[first].lstrip()
                lines += inner
            else:
                lines.append(f"{indent}{key}:")
                lines.append(f"{indent}  - {_placeholder(item)}")
        else:
            lines.append(f"{indent}{key}: {_placeholder(prop)}")
    return lines


def _first_required_branch(schema: dict) -> dict:
    """For oneOf/anyOf of required-sets (municipalities: ags or name/type/land) offer the first."""
    branches = schema.get("oneOf") or schema.get("anyOf")
    if not branches:
        return schema
    wanted = set(schema.get("required", [])) | set(branches[0].get("required", []))
    return dict(schema, required=sorted(wanted, key=list(schema.get("properties", {})).index))


def render_template(kind: str, record_id: str, today: dt.date) -> str:
    schema = bundled_schema(kind)
    header = [
        f"# yaml-language-server: $schema=../../schema/{KIND_SCHEMA_FILE[kind]}",
        f"# {schema.get('title')}: {schema.get('description')}",
        f"# Alle Stellen mit „{PLACEHOLDER}“ ersetzen; optionale Felder durch Entfernen von „# “ aktivieren.",
        "# Prüfen mit: .venv/bin/katalog validate",
        "",
    ]
    fixed = {"id": record_id, "last_reviewed": today.isoformat()}
    return "\n".join(header + _object_lines(_first_required_branch(schema), "", fixed)) + "\n"
