"""JSON Schemas: the record format's single source of truth, bound to the vocabularies.

`schema/vocabularies.schema.json` is generated from catalogue/vocabularies/ by
`katalog schema`, so that editors (which read plain files) see the same enums as
the validator; a test fails when the committed file drifts.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from generator import paths
from generator.vocabularies import Vocabulary, default_vocabularies

SCHEMA_FILES = ["common.schema.json", "vocabularies.schema.json", "project.schema.json", "funding.schema.json",
                "declaration.schema.json"]


def vocabularies_schema(vocabularies: dict[str, Vocabulary]) -> dict:
    defs = {}
    for vid, vocab in sorted(vocabularies.items()):
        defs[vid] = {
            "title": vocab.title,
            "description": vocab.description + " Erlaubt: " + ", ".join(f"{t.id} ({t.label})" for t in vocab.terms),
            "type": "string",
            "enum": vocab.ids,
            "examples": vocab.ids[:1],
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Erzeugt aus catalogue/vocabularies/ mit `katalog schema`. Nicht von Hand ändern.",
        "title": "Vokabulare",
        "description": "Kontrollierte Listen (Handlungsfelder, Status, Organisationsarten, Länder …).",
        "$defs": defs,
    }


def render_vocabularies_schema(vocabularies: dict[str, Vocabulary] | None = None) -> str:
    return json.dumps(vocabularies_schema(vocabularies or default_vocabularies()), ensure_ascii=False, indent=2) + "\n"


def read_schema(name: str, directory: Path = paths.SCHEMA_DIR) -> dict:
    if name == "vocabularies.schema.json":
        return vocabularies_schema(default_vocabularies())  # always current, even before `katalog schema`
    return json.loads((directory / name).read_text(encoding="utf-8"))


def _strict_pattern(validator, pattern, instance, schema):
    """Full-match semantics: `$` in Python also matches before a trailing newline."""
    if not validator.is_type(instance, "string"):
        return
    if not _compiled(pattern).fullmatch(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern:
    core = pattern[1:] if pattern.startswith("^") else ".*" + pattern
    core = core[:-1] if core.endswith("$") and not core.endswith("\\$") else core + ".*"
    return re.compile(core, re.DOTALL)


StrictValidator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _strict_pattern})


@lru_cache(maxsize=None)
def registry() -> Registry:
    resources = [(name, Resource.from_contents(read_schema(name))) for name in SCHEMA_FILES]
    return Registry().with_resources(resources)


def dereference(schema, base: str):
    """Inline every $ref (our schemas are not recursive): validation then never
    resolves references, which made up half of the validation time, and error
    messages find titles and x-message right on the failing subschema."""
    if isinstance(schema, list):
        return [dereference(item, base) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if ref is None:
        return {key: (value if key in ("enum", "examples", "const") else dereference(value, base)) for key, value in schema.items()}
    target = (base + ref) if ref.startswith("#") else ref
    target_base = target.split("#")[0]
    resolved = dereference(registry().resolver().lookup(target).contents, target_base)
    merged = dict(resolved)
    merged.update({k: dereference(v, base) for k, v in schema.items() if k != "$ref"})
    return merged


@lru_cache(maxsize=None)
def bundled_schema(kind: str) -> dict:
    """The record schema with all references inlined (what the validator runs)."""
    _folder, schema_file = paths.RECORD_KINDS[kind]
    return dereference(read_schema(schema_file), schema_file)


@lru_cache(maxsize=None)
def validator_for(kind: str):
    return StrictValidator(bundled_schema(kind))
