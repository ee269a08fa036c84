"""Gaps that strangers' files still found (issue 15, items 1–7): each case breaks one thing in a
copy of the fixture catalogue and checks the German words, the line and the field."""
from __future__ import annotations

import pytest

from generator.from_issue import ConversionError
from generator.issue_forms import CONSENT_OPTIONS
from test_contrib_from_issue import body_for, convert_body, minimal_project
from test_validate import GOOD_PROJECT, messages_for, run_validate, write_project


def only(out: str, name: str = "neues-projekt.yaml") -> list[str]:
    return messages_for(out, name)


# --- 1. a file that yields no record is an error ---------------------------------------------------

@pytest.mark.parametrize("text", ["", "\n\n", "# nur ein Kommentar\n# noch einer\n", "null\n", "~\n", "---\n...\n", "--- # leer\n"],
                         ids=["empty", "blank-lines", "comments-only", "null", "tilde", "empty-document", "marker-only"])
def test_a_file_without_a_record_is_an_error(capsys, catalogue_copy, text):
    (catalogue_copy / "projects" / "neues-projekt.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert "Alles in Ordnung" not in out
    assert any("enthält keinen Eintrag" in m or "Die Datei ist leer" in m for m in only(out)), out


# --- 2. single-line fields stay single-line --------------------------------------------------------

SUMMARY = "summary: Sensoren erfassen freie Parkplätze und melden sie an eine App für Besucherinnen und Besucher."


@pytest.mark.parametrize("old, new, field", [
    ("title: Digitale Parkraumbewirtschaftung", 'title: "Digitale Parkraumbewirtschaftung\\n::error file=x::gefälscht"', "title"),
    ("organisation: Stadt Köln", 'organisation: "Stadt Köln\\r\\nAmt 12"', "contact.organisation"),
    ("topics: [mobilitaet]", 'topics: [mobilitaet]\ntags: ["Parken\\tSensoren"]', "tags[0]"),
    (SUMMARY, 'summary: "Sensoren erfassen freie Parkplätze.\\n\\nEine App zeigt sie an."', "summary"),
])
def test_single_line_fields_refuse_line_breaks_and_tabs_naming_the_field(capsys, catalogue_copy, old, new, field):
    assert old in GOOD_PROJECT
    write_project(catalogue_copy, GOOD_PROJECT.replace(old, new))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert any(f"Feld „{field}“: Der Text muss in einer Zeile stehen" in m for m in only(out)), out


def test_description_keeps_its_paragraphs(capsys, catalogue_copy):
    write_project(catalogue_copy, GOOD_PROJECT + 'description: "Absatz eins.\\n\\nAbsatz zwei mit\\tTab."\n')
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0, out


# --- 3. „250.000“ is not 250 € ---------------------------------------------------------------------

@pytest.mark.parametrize("written, shown", [("250.000", "250000"), ("1.250.000", "1250000"), ("250.0", "250")])
def test_amounts_with_a_decimal_point_are_refused_with_the_right_spelling(capsys, catalogue_copy, written, shown):
    write_project(catalogue_copy, GOOD_PROJECT + f"budget:\n  total_eur: {written}\n")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    message = next(m for m in only(out) if "budget.total_eur" in m)
    assert f"„{written}“" in message and f"{shown}" in message.split("„" + written + "“", 1)[1]
    assert "budget.total_eur" in message and ":17:" in message


def test_whole_amounts_stay_valid(capsys, catalogue_copy):
    write_project(catalogue_copy, GOOD_PROJECT + "budget:\n  total_eur: 250000\n")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0, out


# --- 4. personal data in free text -----------------------------------------------------------------

@pytest.mark.parametrize("text, what", [
    ("Fragen gern an erika.mustermann@stadt-koeln.example richten.", "E-Mail-Adresse"),
    ("Erreichbar unter Tel. 0221 221-12345.", "Telefonnummer"),
    ("Erreichbar unter +49 221 22112345.", "Telefonnummer"),
    ("Die Projektleiterin wohnt in der Musterstraße 12, 50667 Köln.", "Anschrift"),
])
def test_personal_data_in_free_text_gets_a_warning_naming_the_field(capsys, catalogue_copy, text, what):
    write_project(catalogue_copy, GOOD_PROJECT + f'description: "{text}"\n')
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0
    assert any("Warnung: Feld „description“" in m and what in m for m in only(out)), out


def test_personal_data_in_a_funding_note_is_named_too(capsys, catalogue_copy):
    write_project(catalogue_copy, GOOD_PROJECT.replace("status: umsetzung", "status: umsetzung\nbudget:\n  note: \"Auskunft: 0221 221-12345\""))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert any("Warnung: Feld „budget.note“" in m and "Telefonnummer" in m for m in only(out)), out


@pytest.mark.parametrize("text", ["Von 2024-2026 gefördert mit 250000 Euro.", "Schlüssel 05315000, Beschluss 12/2024.",
                                  "Im Jahr 2025 sind 12 Straßen angeschlossen."])
def test_numbers_and_years_are_not_mistaken_for_personal_data(capsys, catalogue_copy, text):
    write_project(catalogue_copy, GOOD_PROJECT + f'description: "{text}"\n')
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert only(out) == [], out


# --- 5. syntax-level errors name the field ---------------------------------------------------------

@pytest.mark.parametrize("old, new, line, field", [
    ("title: Digitale Parkraumbewirtschaftung", "title: Parken: die Zweite", 2, "title"),
    ("organisation: Stadt Köln", "organisation: &anker Stadt Köln", 11, "contact.organisation"),
    ("  - url: https://www.example.org/quelle", "  - url: !!str https://www.example.org/quelle", 14, "sources[0].url"),
    ("status: umsetzung", 'status: "umsetzung\x07"', 8, "status"),
    ("organisation: Stadt Köln", 'organisation: "' + "Stadt Köln, Amt für Digitalisierung " * 40 + '": zu lang', 11,
     "contact.organisation"),  # a line longer than YAML's 1024-character limit for keys
])
def test_syntax_level_errors_name_the_field_of_their_line(capsys, catalogue_copy, old, new, line, field):
    assert old in GOOD_PROJECT
    write_project(catalogue_copy, GOOD_PROJECT.replace(old, new))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert any(f"neues-projekt.yaml:{line}:" in m and f"Feld „{field}“" in m for m in only(out)), out


def test_a_bad_byte_names_the_field_of_its_line(capsys, catalogue_copy):
    path = catalogue_copy / "projects" / "neues-projekt.yaml"
    path.write_bytes(GOOD_PROJECT.replace("{id}", "neues-projekt").replace("Stadt Köln", "Stadt K\xf6ln").encode("latin-1"))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert any(":3:" in m and "Feld „summary“" in m and "UTF-8" in m for m in only(out)), out


# --- 6. personal e-mail heuristic on tokens; consent stops the import --------------------------------

@pytest.mark.parametrize("mailbox", ["brigitte.mueller", "mmustermann", "max-mustermann", "b.mueller"])
def test_personal_looking_mailboxes_warn(capsys, catalogue_copy, mailbox):
    write_project(catalogue_copy, GOOD_PROJECT.replace("mobilitaet@", f"{mailbox}@"))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0 and any("persönlichen Adresse" in m for m in only(out)), out


@pytest.mark.parametrize("mailbox", ["mobilitaet", "digitalisierung", "info", "smart-city", "poststelle", "it-service",
                                     "buergerservice", "ordnungsamt"])
def test_role_mailboxes_do_not_warn(capsys, catalogue_copy, mailbox):
    write_project(catalogue_copy, GOOD_PROJECT.replace("mobilitaet@", f"{mailbox}@"))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert only(out) == [], out


@pytest.mark.parametrize("missing", range(len(CONSENT_OPTIONS)))
def test_missing_consent_stops_the_import(missing):
    ticked = "\n".join(f"- [{' ' if i == missing else 'X'}] {text}" for i, text in enumerate(CONSENT_OPTIONS))
    with pytest.raises(ConversionError, match="Bestätigung"):
        convert_body(body_for("project", minimal_project(Bestätigung=ticked)))


# --- 7. mailto cannot carry headers ------------------------------------------------------------------

@pytest.mark.parametrize("address", ["info?bcc=alle@stadt.example", "info&cc=x@stadt.example", "a=b@stadt.example",
                                     "info%3Fbcc@stadt.example"])
def test_email_refuses_header_characters(capsys, catalogue_copy, address):
    write_project(catalogue_copy, GOOD_PROJECT.replace("mobilitaet@stadt-koeln.example", address))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1 and any("Feld „contact.email“" in m for m in only(out)), out


def test_mailto_href_is_percent_encoded():
    from generator.render.base import mailto_href

    assert mailto_href("info@stadt.example") == "mailto:info@stadt.example"
    assert mailto_href("in fo?bcc=x&y%@stadt.example") == "mailto:in%20fo%3Fbcc%3Dx%26y%25@stadt.example"
