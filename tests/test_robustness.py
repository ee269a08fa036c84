"""No input produces a traceback; the fast check never says "valid" when jsonschema disagrees."""
import copy
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalogue import check_file
from generator.fastcheck import surely_valid
from generator.loader import load_bytes, load_text
from generator.schemas import validator_for

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import synth

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _is_german_problem(problem) -> bool:
    return problem.line >= 1 and problem.column >= 1 and problem.message and problem.message[0].isupper()


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(raw):
    result = load_bytes(raw)
    assert all(_is_german_problem(p) for p in result.problems)


yaml_fragments = st.sampled_from([
    "a:", " b", "- ", "\n", "  ", "&x ", "*x", "!!str ", "!tag ", "<<: ", "{", "}", "[", "]", ",", ": ", '"', "'",
    "|", ">", "#", "---\n", "...\n", "? ", "%YAML 1.1\n", "\t", "ä", "\\u2028", "0o7", "yes", "2026-01-01", "~",
    "id", "title", "status", "1e9", "-1", ".nan",
])


@FUZZ
@given(st.lists(yaml_fragments, max_size=40).map("".join))
def test_random_yaml_never_raises(text):
    result = load_text(text)
    assert all(_is_german_problem(p) for p in result.problems)


@pytest.mark.slow  # seconds of CPU: left out of make test-fast, run by make test
@FUZZ
@given(st.lists(yaml_fragments, max_size=40).map("".join))
def test_random_yaml_through_the_validator_never_raises(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("c") / "projects"
    folder.mkdir()
    path = folder / "zufall.yaml"
    path.write_text(text, encoding="utf-8")
    _record, findings = check_file("project", path)
    assert all(f.line >= 1 and f.message for f in findings)


def _mutations(record: dict, rng: random.Random):
    """Small edits a contributor might make, valid or not."""
    values = [None, "", "x", "laufend", -1, 0, 1.5, True, "ja", [], {}, ["x"], {"a": 1}, "2026-13-01", "javascript:x", "a" * 500]
    for _ in range(25):
        mutated = copy.deepcopy(record)
        target = mutated
        keys = list(target)
        key = rng.choice(keys)
        if isinstance(target[key], dict) and target[key] and rng.random() < 0.5:
            target = target[key]
            key = rng.choice(list(target))
        elif isinstance(target[key], list) and target[key] and rng.random() < 0.5:
            target = target[key]
            key = rng.randrange(len(target))
        action = rng.random()
        if action < 0.15 and isinstance(target, dict):
            del target[key]
        elif action < 0.25 and isinstance(target, dict):
            target[key + "x"] = "x"
        else:
            target[key] = rng.choice(values)
        yield mutated


@pytest.mark.slow  # seconds of CPU: left out of make test-fast, run by make test
def test_fast_check_agrees_with_jsonschema_on_thousands_of_records():
    rng = random.Random(7)
    projects, programmes = synth.records(300, 60, seed=3)
    disagreements, invalid_seen = [], 0
    for kind, items in (("project", projects), ("funding", programmes)):
        validator = validator_for(kind)
        for record in items:
            for candidate in [record, *_mutations(record, rng)]:
                fast = surely_valid(kind, candidate)
                slow = validator.is_valid(candidate)
                invalid_seen += not slow
                if fast and not slow:  # the dangerous direction: an error would go unreported
                    disagreements.append((kind, candidate))
    assert invalid_seen > 1000  # the mutations really produce invalid records
    assert disagreements == []


def test_fast_check_accepts_the_valid_synthetic_records():
    projects, programmes = synth.records(200, 20, seed=5)
    assert all(surely_valid("project", p) for p in projects)
    assert all(surely_valid("funding", p) for p in programmes)
