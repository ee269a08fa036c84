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

SCHEMA_FILES = ["common.schema.json", "vocabularies.schema.json", "project.schema.json", "funding.schema.json"]


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


@lru_cache(maxsize=None)
def validator_for(kind: str):
    _folder, schema_file = paths.RECORD_KINDS[kind]
    return StrictValidator(read_schema(schema_file), registry=registry())


def resolve(schema: dict, kind: str) -> dict:
    """Follow a $ref (one level) so messages can read titles and x-message of the target."""
    ref = schema.get("$ref")
    if not ref:
        return schema
    base = paths.RECORD_KINDS[kind][1]
    if ref.startswith("#"):
        ref = base + ref
    resolved = registry().resolver().lookup(ref).contents
    merged = dict(resolved)
    merged.update({k: v for k, v in schema.items() if k != "$ref"})
    return merged
