"""A compiled yes/no check for the common case: a record that is valid.

jsonschema walks the schema anew for every record (about 0.3 ms each), which
alone would exceed the 5 s budget for 11,000 files. This module compiles the
bundled (dereferenced) schema once into nested closures that answer only
"valid or not"; when the answer is "not", jsonschema runs and produces the
messages. So jsonschema stays the authority for every error, and this module
may only say "valid" when jsonschema would too (tests compare both on
thousands of generated and mutated records).

Supported keywords are exactly those our schemas use; an unknown keyword makes
the compiled check always answer "not sure", which falls back to jsonschema.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from generator.schemas import _compiled, bundled_schema

ANNOTATIONS = {"title", "description", "examples", "$comment", "$schema", "x-message", "x-multiline", "x-format-version", "$defs", "default"}


def _never(_value) -> bool:
    return False


def _is_type(name: str):
    if name == "string":
        return lambda v: isinstance(v, str)
    if name == "integer":
        return lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())
    if name == "number":
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if name == "boolean":
        return lambda v: isinstance(v, bool)
    if name == "array":
        return lambda v: isinstance(v, list)
    if name == "object":
        return lambda v: isinstance(v, dict)
    if name == "null":
        return lambda v: v is None
    return None


def _unique(items: list) -> bool:
    seen = []
    for item in items:
        key = (type(item) is bool, item) if not isinstance(item, (dict, list)) else repr(item)
        if key in seen:
            return False
        seen.append(key)
    return True


def compile_schema(schema) -> Callable[[Any], bool]:
    """Return predicate(value) -> True only if the value is valid."""
    if schema is True or schema == {}:
        return lambda v: True
    if schema is False or not isinstance(schema, dict):
        return _never
    checks: list[Callable[..., bool]] = []
    unknown = set(schema) - ANNOTATIONS - {
        "type", "properties", "required", "additionalProperties", "enum", "pattern", "minLength", "maxLength",
        "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "items", "anyOf", "oneOf", "const"}
    if unknown:
        return _never
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        tests = [_is_type(n) for n in names]
        if None in tests:
            return _never
        checks.append(lambda v, tests=tests: any(t(v) for t in tests))
    if "enum" in schema:
        allowed = schema["enum"]
        checks.append(lambda v, allowed=allowed: any(v == a and type(v) is type(a) for a in allowed))
    if "const" in schema:
        const = schema["const"]
        checks.append(lambda v, const=const: v == const and type(v) is type(const))
    if "pattern" in schema:
        regex = _compiled(schema["pattern"])
        checks.append(lambda v, regex=regex: not isinstance(v, str) or regex.fullmatch(v) is not None)
    if "minLength" in schema:
        n = schema["minLength"]
        checks.append(lambda v, n=n: not isinstance(v, str) or len(v) >= n)
    if "maxLength" in schema:
        n = schema["maxLength"]
        checks.append(lambda v, n=n: not isinstance(v, str) or len(v) <= n)
    if "minimum" in schema:
        n = schema["minimum"]
        checks.append(lambda v, n=n: isinstance(v, bool) or not isinstance(v, (int, float)) or v >= n)
    if "maximum" in schema:
        n = schema["maximum"]
        checks.append(lambda v, n=n: isinstance(v, bool) or not isinstance(v, (int, float)) or v <= n)
    if "minItems" in schema:
        n = schema["minItems"]
        checks.append(lambda v, n=n: not isinstance(v, list) or len(v) >= n)
    if "maxItems" in schema:
        n = schema["maxItems"]
        checks.append(lambda v, n=n: not isinstance(v, list) or len(v) <= n)
    if schema.get("uniqueItems"):
        checks.append(lambda v: not isinstance(v, list) or _unique(v))
    if "items" in schema:
        item = compile_schema(schema["items"])
        checks.append(lambda v, item=item: not isinstance(v, list) or all(item(x) for x in v))
    if "required" in schema:
        required = list(schema["required"])
        checks.append(lambda v, required=required: not isinstance(v, dict) or all(k in v for k in required))
    if "properties" in schema or "additionalProperties" in schema:
        props = {k: compile_schema(s) for k, s in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        extra_check = compile_schema(extra) if isinstance(extra, dict) else (lambda v: True) if extra is not False else None

        def check_props(v, props=props, extra_check=extra_check):
            if not isinstance(v, dict):
                return True
            for key, value in v.items():
                check = props.get(key)
                if check is None:
                    if extra_check is None or not extra_check(value):
                        return False
                elif not check(value):
                    return False
            return True

        checks.append(check_props)
    if "anyOf" in schema:
        options = [compile_schema(s) for s in schema["anyOf"]]
        checks.append(lambda v, options=options: any(o(v) for o in options))
    if "oneOf" in schema:
        options = [compile_schema(s) for s in schema["oneOf"]]
        checks.append(lambda v, options=options: sum(1 for o in options if o(v)) == 1)

    def check(value, checks=tuple(checks)):
        for c in checks:
            if not c(value):
                return False
        return True

    return check


@lru_cache(maxsize=None)
def fast_validator(kind: str):
    return compile_schema(bundled_schema(kind))


def surely_valid(kind: str, data) -> bool:
    try:
        return fast_validator(kind)(data)
    except Exception:  # any surprise: let jsonschema decide
        return False
