"""The schemas are the contract: complete German documentation, strict keys, enums from vocabularies."""
import datetime as dt
import json
import re

import pytest

from generator import paths
from generator.loader import load_text
from generator.record_template import render_template
from generator.schemas import StrictValidator, bundled_schema, render_vocabularies_schema
from generator.validation import schema_findings
from generator.vocabularies import default_vocabularies

KINDS = ["project", "funding", "declaration"]


def _properties(schema, path=""):
    """Every (path, property schema) in a bundled schema, nested objects and list items included."""
    for name, prop in schema.get("properties", {}).items():
        yield f"{path}{name}", prop
        yield from _properties(prop, f"{path}{name}.")
        if isinstance(prop.get("items"), dict):
            yield from _properties(prop["items"], f"{path}{name}[].")
            for option in prop["items"].get("anyOf", []):
                yield from _properties(option, f"{path}{name}[].")


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_has_german_title_description_and_example(kind):
    missing = [path for path, prop in _properties(bundled_schema(kind))
               if not (prop.get("title") and prop.get("description") and prop.get("examples"))]
    assert missing == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_object_refuses_unknown_keys(kind):
    def objects(schema):
        if isinstance(schema, dict):
            if schema.get("type") == "object":
                yield schema
            for value in schema.values():
                yield from objects(value)
        elif isinstance(schema, list):
            for value in schema:
                yield from objects(value)
    assert all(obj.get("additionalProperties") is False for obj in objects(bundled_schema(kind)))


@pytest.mark.parametrize("kind", KINDS)
def test_every_string_and_list_is_bounded(kind):
    unbounded = [path for path, prop in _properties(bundled_schema(kind))
                 if (prop.get("type") == "string" and "maxLength" not in prop and "enum" not in prop and "pattern" not in prop)
                 or (prop.get("type") == "array" and "maxItems" not in prop)]
    assert unbounded == []


def test_committed_vocabulary_schema_matches_the_vocabularies():
    committed = (paths.SCHEMA_DIR / "vocabularies.schema.json").read_text(encoding="utf-8")
    assert committed == render_vocabularies_schema(), "Bitte `katalog schema` ausführen."


def test_status_enum_comes_from_the_vocabulary():
    statuses = default_vocabularies()["project-statuses"].ids
    assert bundled_schema("project")["properties"]["status"]["enum"] == statuses


def test_schema_files_are_draft_2020_12_json():
    for name in ["common.schema.json", "project.schema.json", "funding.schema.json", "declaration.schema.json",
                 "vocabularies.schema.json"]:
        schema = json.loads((paths.SCHEMA_DIR / name).read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_examples_in_the_schema_are_valid_against_their_property():
    # the examples double as documentation and editor hints: they must be right
    wrong = [(kind, path, example) for kind in KINDS for path, prop in _properties(bundled_schema(kind))
             for example in prop.get("examples", []) if not StrictValidator(prop).is_valid(example)]
    assert wrong == []


def _fill(template: str, kind: str) -> str:
    """Replace each placeholder the way a contributor would: with a real value."""
    values = {
        "Titel": "Digitale Bürgerdienste für alle",
        "Kurzbeschreibung": "Die Gemeinde stellt zwanzig Verwaltungsleistungen online bereit und schult ihr Personal.",
        "Amtlicher Schlüssel": "09180117", "Beginn": "2025-02", "Organisation": "Markt Garmisch-Partenkirchen",
        "E-Mail-Adresse": "digital@gapa.example", "Internetadresse": "https://www.example.org/quelle",
        "Fördergeber": "Land Bayern", "Programmseite": "https://www.example.org/programm",
        "Projekt": "koeln-smart-parking", "Datum": "2026-11",
    }
    def replace(match):
        text = match.group(1)
        if text.startswith("eins von "):
            return json.dumps(text[len("eins von "):].split(", ")[0])
        return json.dumps(values[text])
    filled = re.sub(r'"AUSFÜLLEN: ([^"]+)"', replace, template)
    return filled.replace("lands:\n  - \"DE-SH\"", "lands: []")


@pytest.mark.parametrize("kind", KINDS)
def test_new_record_template_validates_once_placeholders_are_filled(kind):
    template = render_template(kind, "musterstadt-test", dt.date(2026, 11, 27))
    assert template.startswith("# yaml-language-server: $schema=../../schema/")
    loaded = load_text(_fill(template, kind))
    assert loaded.ok, loaded.problems
    assert schema_findings(kind, loaded, "x.yaml") == []


@pytest.mark.parametrize("kind", KINDS)
def test_unfilled_template_is_refused(kind):
    loaded = load_text(render_template(kind, "musterstadt-test", dt.date(2026, 11, 27)))
    assert loaded.ok
    assert schema_findings(kind, loaded, "x.yaml")
