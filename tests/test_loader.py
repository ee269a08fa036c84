"""The safe loader: JSON-like values, exact text, line numbers, refusal of YAML's traps."""
import pytest

from generator.loader import MAX_BYTES, load_bytes, load_text


def test_plain_values_are_json_like():
    result = load_text("a: 1\nb: true\nc: null\nd: 2.5\ne: text\n")
    assert result.data == {"a": 1, "b": True, "c": None, "d": 2.5, "e": "text"}


@pytest.mark.parametrize("written", ["no", "yes", "on", "off", "NO", "y"])
def test_yaml11_booleans_stay_text(written):
    assert load_text(f"flag: {written}\n").data == {"flag": written}


@pytest.mark.parametrize("written", ["01067", "0o17", "12:30", "1_000", "2026-03-31", "2026-03", ".inf", ".nan", "0x1F", "1.10e"])
def test_values_yaml11_would_convert_stay_exactly_as_written(written):
    assert load_text(f"value: {written}\n").data == {"value": written}


def test_quoted_numbers_stay_text():
    assert load_text('ags: "05315000"\n').data == {"ags": "05315000"}


def test_every_value_knows_its_line_and_column():
    result = load_text("id: x\nfunding:\n  - programme: abc\n    amount_eur: 5\n")
    assert result.positions[("funding", 0, "programme")] == (3, 16)
    assert result.positions[("funding", 0, "amount_eur")] == (4, 17)
    assert result.key_positions[("funding",)] == (2, 1)


def _only_problem(text):
    result = load_text(text)
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def test_duplicate_key_is_refused_with_both_lines():
    problem = _only_problem("title: A\nsummary: x\ntitle: B\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "„title“ steht doppelt (zuerst in Zeile 1)" in problem.message


def test_anchor_is_refused():
    problem = _only_problem("a: &anker 1\n")
    assert problem.code == "load.anchor" and problem.line == 1


def test_alias_is_refused_before_expansion():
    laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
    result = load_text(laughs)
    assert result.data is None
    assert any(p.code == "load.alias" and p.line == 2 for p in result.problems)


def test_merge_key_is_refused():
    problem = _only_problem("<<: {a: 1}\n")
    assert problem.code == "load.merge-key"


@pytest.mark.parametrize("tagged", ["!!python/object:os.system x", "!!str 5", "!custom x", "!!binary aGk="])
def test_any_tag_is_refused(tagged):
    problem = _only_problem(f"a: {tagged}\n")
    assert problem.code == "load.tag" and "Typangaben" in problem.message


def test_several_documents_are_refused():
    result = load_text("a: 1\n---\nb: 2\n")
    assert result.data is None
    assert result.problems[0].code == "load.multi-document"
    assert result.problems[0].line == 2


def test_non_utf8_bytes_are_refused_with_their_line():
    result = load_bytes("a: ok\nb: Stra\xdfe\n".encode("latin-1"))
    assert result.problems[0].code == "load.encoding"
    assert result.problems[0].line == 2


def test_utf16_is_refused():
    result = load_bytes("a: 1\n".encode("utf-16"))
    assert result.problems[0].code == "load.encoding"
    assert "UTF-16" in result.problems[0].message


def test_utf8_bom_is_accepted():
    assert load_bytes(b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_oversized_file_is_refused():
    result = load_bytes(b"a: " + b"x" * (MAX_BYTES + 1))
    assert result.problems[0].code == "load.size"


def test_deep_nesting_is_refused():
    result = load_text("a: " + "[" * 40 + "]" * 40 + "\n")
    assert result.problems[0].code == "load.depth"


@pytest.mark.parametrize("char", ["\u2028", "\u202e", "\x07", "\u200b"])
def test_invisible_and_control_characters_are_refused(char):
    result = load_text(f"a: ok\nb: x{char}y\n")
    assert result.problems[0].code == "load.control-char"
    assert result.problems[0].line == 2


def test_control_characters_made_by_escapes_are_refused():
    problem = _only_problem('a: "x\\u2029y"\n')
    assert problem.code == "load.control-char"


def test_syntax_error_explains_in_german_where():
    problem = _only_problem("title: Projekt: Parken\n")
    assert problem.code == "load.syntax"
    assert problem.line == 1
    assert "Anführungszeichen" in problem.message


def test_tab_indentation_is_explained():
    problem = _only_problem("a:\n\t- b\n")
    assert problem.line == 2 and "Leerzeichen" in problem.message


def test_empty_file_is_reported():
    assert load_bytes(b"   \n").problems[0].code == "load.empty"
