"""The record format as a flat list of fields, read from the JSON Schemas.

Issue forms, the converter from issue bodies and the field reference in
CONTRIBUTING.md all describe the same fields; they read titles, descriptions,
examples and allowed values from here so that none of them can drift from the
schema, which stays the single source of truth.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator import paths
from generator.schemas import registry
from generator.vocabularies import default_vocabularies

VOCABULARY_SCHEMA = "vocabularies.schema.json"


@dataclass(frozen=True)
class FieldInfo:
    """One field of a record kind, as the schema describes it."""

    path: tuple  # ("contact", "email"); fields of list items have the list's key then the item key
    title: str
    description: str
    required: bool  # required within its parent object
    type: str  # JSON type of the value ("" when the schema allows several shapes)
    item_type: str = ""  # for lists: JSON type of the items
    enum: tuple = ()  # allowed values of the value (or of the items of a list)
    vocabulary: str = ""  # vocabulary id when the allowed values come from catalogue/vocabularies
    examples: tuple = ()
    in_list: bool = False  # the field belongs to the items of a list (e.g. sources[].url)
    note: str = ""  # schema's x-message: a rule that concerns the whole block
    own_examples: bool = True  # False: examples inherited from a shared definition the field re-describes
    multiline: bool = False  # schema's x-multiline: text may hold line breaks (Markdown, notes); else one line

    @property
    def depth(self) -> int:
        return len(self.path) - 1


def _deref(schema: dict, resolver):
    """Follow $ref chains, keeping the local title/description over the target's."""
    vocabulary = ""
    while "$ref" in schema:
        ref = schema["$ref"]
        if ref.startswith(VOCABULARY_SCHEMA + "#/$defs/"):
            vocabulary = ref.rsplit("/", 1)[-1]
        resolved = resolver.lookup(ref)
        merged = dict(resolved.contents)
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        schema, resolver = merged, resolved.resolver
    return schema, resolver, vocabulary


def _walk(schema: dict, resolver, prefix: tuple, in_list: bool, out: list) -> None:
    required = set(schema.get("required", []))
    for key, raw in schema.get("properties", {}).items():
        node, node_resolver, vocabulary = _deref(raw, resolver)
        kind = node.get("type", "")
        item_type, enum = "", tuple(node.get("enum", ()))
        items_node = items_resolver = None
        if kind == "array" and "items" in node:
            items_node, items_resolver, item_vocabulary = _deref(node["items"], node_resolver)
            vocabulary = vocabulary or item_vocabulary
            item_type = items_node.get("type", "")
            enum = enum or tuple(items_node.get("enum", ()))
        if not kind and "enum" in node:
            kind = "string"
        out.append(FieldInfo(
            path=prefix + (key,),
            title=node.get("title", key),
            description=node.get("description", ""),
            required=key in required,
            type=kind,
            item_type=item_type,
            enum=enum,
            vocabulary=vocabulary,
            examples=tuple(node.get("examples", ())),
            in_list=in_list,
            note=node.get("x-message", "") or (items_node or {}).get("x-message", ""),
            own_examples="examples" in raw or "$ref" not in raw or "description" not in raw,
            multiline=bool(node.get("x-multiline") or (items_node or {}).get("x-multiline")),
        ))
        if kind == "object":
            _walk(node, node_resolver, prefix + (key,), in_list, out)
        elif items_node is not None and item_type == "object":
            _walk(items_node, items_resolver, prefix + (key,), True, out)


@lru_cache(maxsize=None)
def record_schema(kind: str) -> tuple[str, str]:
    """Title and description of a record kind's schema."""
    schema = registry().resolver().lookup(paths.RECORD_KINDS[kind][1]).contents
    return schema.get("title", kind), schema.get("description", "")


@lru_cache(maxsize=None)
def fields(kind: str) -> tuple[FieldInfo, ...]:
    """Every field of a record kind, depth first, in the schema's order."""
    resolved = registry().resolver().lookup(paths.RECORD_KINDS[kind][1])
    out: list[FieldInfo] = []
    _walk(resolved.contents, resolved.resolver, (), False, out)
    return tuple(out)


def field(kind: str, path: tuple) -> FieldInfo:
    for info in fields(kind):
        if info.path == tuple(path):
            return info
    raise KeyError(f"{kind}: kein Feld {'.'.join(path)} im Schema")


def fitting_example(info: FieldInfo):
    """An example that belongs to this field (not one inherited from a shared definition), or None."""
    return info.examples[0] if info.examples and info.own_examples else None


def allowed_values(info: FieldInfo) -> list[tuple[str, str]]:
    """(value, German label) pairs for a field with a closed list of values."""
    if info.vocabulary:
        vocabulary = default_vocabularies()[info.vocabulary]
        return [(term.id, term.label) for term in vocabulary.terms]
    return [(str(value), str(value)) for value in info.enum]
