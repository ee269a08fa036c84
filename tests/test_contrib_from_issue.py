"""Issue form body -> YAML record -> validator -> page: the path for contributors without Git."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator import build
from generator.catalogue import validate_catalogue
from generator.cli import main
from generator.from_issue import ConversionError, convert, dump_record, slugify, split_sections, target_path
from generator.issue_forms import CONSENT_OPTIONS, form_for, labels_of
from generator.loader import load_file, load_text
from generator.reference import default_reference

ISSUES = Path(__file__).resolve().parent / "fixtures" / "issues"
TODAY = dt.date(2026, 11, 27)

CONSENT = "\n".join(f"- [X] {text}" for text in CONSENT_OPTIONS)


def body_for(kind: str, answers: dict[str, str]) -> str:
    """An issue body as GitHub writes it: every label of the form, empty answers as _No response_."""
    parts = []
    for label in labels_of(form_for(kind)):
        parts.append(f"### {label}\n\n{answers.get(label) or '_No response_'}\n")
    return "\n".join(parts)


def minimal_project(**overrides) -> dict[str, str]:
    answers = {
        "Titel": "Digitaler Bauantrag",
        "Kommunen": "09180117 Garmisch-Partenkirchen",
        "Kurzbeschreibung": "Bauanträge lassen sich online stellen und verfolgen; die Bauaufsicht arbeitet mit der E-Akte.",
        "Handlungsfelder": "Verwaltung & E-Government",
        "Status": "Umsetzung",
        "Beginn": "2025-02",
        "Kontakt: Organisation": "Markt Garmisch-Partenkirchen, Bauamt",
        "Kontakt: E-Mail-Adresse": "bauamt@gapa.example",
        "Quellen": "https://www.example.org/gapa-bauantrag",
        "Bestätigung": CONSENT,
    }
    answers.update(overrides)
    return answers


def convert_body(body: str, kind: str | None = None, **kwargs):
    return convert(body, kind=kind, today=TODAY, reference=default_reference(), **kwargs)


def write_into(catalogue: Path, body: str, kind: str | None = None) -> Path:
    """What `katalog from-issue` does, without the validator: returns the written file."""
    kind, record_id, record, _notes = convert_body(body, kind)
    target = target_path(catalogue, kind, record_id)
    target.write_text(dump_record(kind, record), encoding="utf-8")
    return target


# --- reading the form's answers ----------------------------------------------------------------

def test_full_project_form_becomes_a_record_with_ids_from_the_vocabularies():
    kind, record_id, record, notes = convert_body((ISSUES / "projekt-vollstaendig.md").read_text(encoding="utf-8"))
    assert kind == "project"
    assert record_id == "koeln-digitale-buergerbeteiligung-zur-radverkehrsplanung"
    assert record["municipalities"] == [{"ags": "05315000", "role": "lead"}, {"ags": "05334002", "role": "partner"}]
    assert record["topics"] == ["mobilitaet", "beteiligung-open-data"]
    assert record["status"] == "betrieb"
    assert record["start"] == "2024-03-01"  # 01.03.2024 in German notation
    assert "end" not in record  # _No response_
    assert record["budget"] == {"total_eur": 85000, "own_share_eur": 85000}
    assert record["funding"] == [{"programme": "smart-city-bund", "amount_eur": 40000}]
    assert record["seeking_partners"] is True and "open_to_exchange" not in record
    assert record["reuse"] == {"open_source": True, "licence": "EUPL-1.2",
                               "repository": "https://gitlab.opencode.de/beispiel/radkarte", "reusable": True}
    assert record["sources"][0] == {"url": "https://www.example.org/koeln-radbeteiligung", "title": "Pressemitteilung vom 01.03.2024"}
    assert record["sources"][1] == {"url": "https://www.example.org/koeln-rad-bericht"}
    assert record["summary"].count("\n") == 0
    assert record["description"].startswith("Die Karte basiert auf **OpenStreetMap**.\n\n- Meldungen")
    assert record["last_reviewed"] == "2026-11-27"
    assert notes == []


def test_full_funding_form_becomes_a_record_with_calls_and_rates():
    kind, record_id, record, _notes = convert_body((ISSUES / "foerderprogramm-vollstaendig.md").read_text(encoding="utf-8"))
    assert kind == "funding"
    assert record_id == "foerderprogramm-digitale-dorfmitte"
    assert record["lands"] == ["DE-NW", "DE-HE"]
    assert record["eligible"] == ["gemeinde", "stadt", "zweckverband"]
    assert record["application"]["deadlines"] == [
        {"name": "Aufruf 2027", "opens": "2027-01-15", "closes": "2027-04-30"}, "2027-03-31"]
    assert record["funding_rate"] == {"max_percent": 80}
    assert record["amount"] == {"max_eur": 200000}
    assert "contact" not in record


def test_empty_laender_answer_means_nationwide():
    body = (ISSUES / "foerderprogramm-vollstaendig.md").read_text(encoding="utf-8").replace(
        "Nordrhein-Westfalen, Hessen", "_No response_")
    _kind, _id, record, _notes = convert_body(body)
    assert record["lands"] == []


def test_keys_follow_the_schema_order():
    _kind, _id, record, _notes = convert_body(body_for("project", minimal_project()))
    assert list(record)[:5] == ["id", "title", "summary", "municipalities", "topics"]
    assert list(record)[-2:] == ["sources", "last_reviewed"]


def test_municipality_without_key_is_read_as_name_type_and_land():
    body = body_for("project", minimal_project(Kommunen="Zweckverband Digitale Region; Zweckverband; Bayern"))
    _kind, _id, record, _notes = convert_body(body)
    assert record["municipalities"] == [{"name": "Zweckverband Digitale Region", "type": "zweckverband",
                                         "land": "DE-BY", "role": "lead"}]


def test_municipality_key_may_follow_the_name():
    body = body_for("project", minimal_project(Kommunen="Köln (05315000)\nLandkreis Aachen 05334"))
    _kind, _id, record, _notes = convert_body(body)
    assert record["municipalities"] == [{"ags": "05315000", "role": "lead"}, {"ags": "05334", "role": "partner"}]


def test_github_none_choice_of_an_optional_dropdown_is_empty():
    body = body_for("project", minimal_project(**{"Erfahrungen: Wieder so machen?": "None"}))
    assert "experience" not in convert_body(body)[2]


def test_body_from_another_source_is_refused():
    with pytest.raises(ConversionError, match="nicht aus dem Formular"):
        convert_body("### Irgendwas\n\nText\n")


def test_windows_line_endings_are_read_like_unix_ones():
    body = body_for("project", minimal_project())
    assert convert_body(body.replace("\n", "\r\n"))[2] == convert_body(body)[2]


# --- hostile answers -------------------------------------------------------------------------

def test_script_tags_stay_inert_text_in_quoted_yaml(tmp_path, catalogue_copy):
    title = "<script>alert('x')</script> Portal"
    body = body_for("project", minimal_project(Titel=title, Beschreibung="<img src=x onerror=alert(1)>\n\n**fett**"))
    target = write_into(catalogue_copy, body)
    assert "<" not in target.stem and "script-alert-x-script-portal" in target.stem
    text = target.read_text(encoding="utf-8")
    assert "title: \"<script>alert('x')</script> Portal\"" in text
    assert load_file(target).data["title"] == title


@pytest.mark.parametrize("answer", [
    "key: value\n- x",
    "&a [1, 2]\n*a",
    "!!python/object/apply:os.system ['id']",
    "{{ secrets.GITHUB_TOKEN }} ${{ github.token }} {% raw %}",
    "---\n...\n# kein Kommentar",
    "'\"\\\\ \t tab",
])
def test_yaml_syntax_in_answers_is_written_as_plain_text(answer, catalogue_copy):
    body = body_for("project", minimal_project(Beschreibung=answer, **{"Erfahrungen: Aufwand": answer.split("\n")[0]}))
    target = write_into(catalogue_copy, body)
    loaded = load_file(target)
    assert loaded.problems == []
    assert loaded.data["description"] == answer.strip()
    assert loaded.data["experience"]["effort"] == answer.split("\n")[0].strip()


def test_title_that_is_a_path_cannot_leave_the_record_folder(catalogue_copy):
    body = body_for("project", minimal_project(Titel="../../x"))
    target = write_into(catalogue_copy, body)
    assert target.parent == (catalogue_copy / "projects").resolve()
    assert target.name == "garmisch-partenkirchen-x.yaml"
    assert not (catalogue_copy.parent / "x.yaml").exists()


def test_funding_title_that_is_only_a_path_gives_no_id():
    body = (ISSUES / "foerderprogramm-vollstaendig.md").read_text(encoding="utf-8").replace(
        "Förderprogramm Digitale Dorfmitte", "../../x")
    with pytest.raises(ConversionError, match="keine Kennung"):
        convert_body(body)


@pytest.mark.parametrize("bad_id", ["../../x", "projects/../../etc", "a", "Gross", "x" * 81, "-abc", "abc/"])
def test_given_ids_must_be_slugs(bad_id, catalogue_copy):
    with pytest.raises(ConversionError):
        target_path(catalogue_copy, "project", bad_id)


def test_form_heading_inside_an_answer_is_refused():
    body = body_for("project", minimal_project(Beschreibung="Text\n\n### Titel\n\nÜberschrieben"))
    with pytest.raises(ConversionError, match="mehrmals"):
        convert_body(body)


def test_foreign_headings_inside_an_answer_are_kept_as_text():
    answers = split_sections("### Titel\n\nA\n### Nicht im Formular\nB\n", ["Titel", "Kurzbeschreibung"])
    assert answers == {"Titel": "A\n### Nicht im Formular\nB", "Kurzbeschreibung": ""}


def test_invisible_control_characters_are_removed_with_a_note():
    body = body_for("project", minimal_project(Titel="Digitaler\u202e Bauantrag\u200b"))
    _kind, _id, record, notes = convert_body(body)
    assert record["title"] == "Digitaler Bauantrag"
    assert any("Steuerzeichen" in note for note in notes)


def test_slugs_are_ascii():
    assert slugify("Straßen & Über-Grün: Ärger!") == "strassen-ueber-gruen-aerger"
    assert slugify("Île-de-France") == "ile-de-france"


def test_dumped_yaml_quotes_every_string():
    text = dump_record("project", {"id": "abc", "title": "no", "summary": "01067", "start": "2026-03-31"})
    assert 'title: "no"' in text and 'summary: "01067"' in text and 'start: "2026-03-31"' in text
    assert load_text(text).data == {"id": "abc", "title": "no", "summary": "01067", "start": "2026-03-31"}


# --- round trip: form -> YAML -> validate -> page ---------------------------------------------

def test_converted_records_validate_with_no_error_and_only_the_status_evidence_warning(catalogue_copy):
    before = len(list(catalogue_copy.glob("*/*.yaml")))
    write_into(catalogue_copy, (ISSUES / "projekt-vollstaendig.md").read_text(encoding="utf-8"))
    write_into(catalogue_copy, (ISSUES / "foerderprogramm-vollstaendig.md").read_text(encoding="utf-8"))
    write_into(catalogue_copy, body_for("project", minimal_project()))
    run = validate_catalogue(catalogue_copy, today=TODAY)
    # The form cannot say that a source confirms the programme's status (sources[].confirms_status): the
    # maintainer checks the official page and adds it, so the draft of an open programme warns, nothing else.
    assert [(Path(f.file).parent.name, f.severity, f.code) for f in run.findings] == [
        ("funding", "warning", "check.status-evidence-missing")]
    assert run.files_checked == before + 3


def test_converted_record_becomes_a_page_with_its_text(catalogue_copy):
    target = write_into(catalogue_copy, body_for("project", minimal_project(
        Titel="Digitaler Bauantrag <script>alert(1)</script>")))
    generated = build.generate(catalogue_copy, TODAY)
    page = generated.pages[f"projekte/{target.stem}.md"]
    assert "Digitaler Bauantrag" in page
    assert "Bauanträge lassen sich online stellen" in page
    assert "<script>alert(1)</script>" not in page


def test_command_writes_the_file_and_reports_a_clean_verdict(catalogue_copy, tmp_path, capsys):
    report = tmp_path / "verdict.md"
    code = main(["from-issue", str(ISSUES / "projekt-vollstaendig.md"), "--katalog", str(catalogue_copy),
                 "--stichtag", "2026-11-27", "--issue", "12", "--bericht", str(report)])
    out = capsys.readouterr().out
    written = catalogue_copy / "projects" / "koeln-digitale-buergerbeteiligung-zur-radverkehrsplanung.yaml"
    assert code == 0
    assert written.exists() and "geschrieben." in out and "Alles in Ordnung" in out
    assert written.read_text(encoding="utf-8").splitlines()[1] == "# Übernommen aus Issue #12 mit `katalog from-issue`. Bitte Angaben prüfen."
    assert "keine Fehler" in report.read_text(encoding="utf-8")


def test_command_exits_1_and_lists_errors_when_the_record_is_invalid(catalogue_copy, tmp_path, capsys):
    body = body_for("project", minimal_project(Kommunen="1234", Status="Weiß nicht", Quellen="keine Quelle"))
    source = tmp_path / "issue.md"
    source.write_text(body, encoding="utf-8")
    report = tmp_path / "verdict.md"
    code = main(["from-issue", str(source), "--katalog", str(catalogue_copy), "--stichtag", "2026-11-27",
                 "--bericht", str(report)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Feld „status“" in out and "Feld „sources[0].url“" in out and "Feld „municipalities[0].ags“" in out
    verdict = report.read_text(encoding="utf-8")
    assert "Das Prüfprogramm meldet Fehler" in verdict and "| Datei | Zeile |" in verdict


def test_command_refuses_to_overwrite_an_existing_record(catalogue_copy, tmp_path, capsys):
    existing = catalogue_copy / "projects" / "koeln-smart-parking.yaml"
    before = existing.read_bytes()
    body = body_for("project", minimal_project(Titel="Smart Parking", Kommunen="05315000"))
    source = tmp_path / "issue.md"
    source.write_text(body, encoding="utf-8")
    report = tmp_path / "verdict.md"
    code = main(["from-issue", str(source), "--katalog", str(catalogue_copy), "--bericht", str(report)])
    assert code == 1
    assert existing.read_bytes() == before
    assert "gibt es schon" in capsys.readouterr().err
    assert report.read_text(encoding="utf-8").startswith("## Übernahme nicht möglich")


def test_command_reads_the_body_from_stdin(catalogue_copy, monkeypatch, capsys):
    import io
    import sys
    body = body_for("project", minimal_project())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body.encode("utf-8"))))
    code = main(["from-issue", "--art", "projekt", "--katalog", str(catalogue_copy), "--stichtag", "2026-11-27"])
    assert code == 0
    assert (catalogue_copy / "projects" / "garmisch-partenkirchen-digitaler-bauantrag.yaml").exists()


def test_verdict_shows_the_file_in_a_code_block_that_answers_cannot_close(catalogue_copy, tmp_path):
    body = body_for("project", minimal_project(Beschreibung="````\n# Überschrift\n````"))
    source = tmp_path / "issue.md"
    source.write_text(body, encoding="utf-8")
    report = tmp_path / "verdict.md"
    main(["from-issue", str(source), "--katalog", str(catalogue_copy), "--stichtag", "2026-11-27", "--bericht", str(report)])
    verdict = report.read_text(encoding="utf-8")
    assert "<details><summary>Die erzeugte Eintragsdatei</summary>" in verdict
    assert "`````yaml\n# yaml-language-server" in verdict and verdict.rstrip().endswith("`````\n\n</details>")


def test_mentions_in_the_verdict_do_not_ping_anyone(catalogue_copy, tmp_path):
    body = body_for("project", minimal_project(**{"Kontakt: E-Mail-Adresse": "@octocat"}))
    source = tmp_path / "issue.md"
    source.write_text(body, encoding="utf-8")
    report = tmp_path / "verdict.md"
    main(["from-issue", str(source), "--katalog", str(catalogue_copy), "--stichtag", "2026-11-27", "--bericht", str(report)])
    prose = report.read_text(encoding="utf-8").split("<details>")[0]  # code blocks never ping
    assert "octocat" in prose and "@octocat" not in prose


@pytest.mark.slow
def test_converted_record_is_published_as_an_html_page(catalogue_copy, tmp_path):
    """The whole path of the issue form: body -> YAML -> validation -> `mkdocs build --strict` -> page."""
    from site_support import build_site, parse

    hostile = "Digitaler Bauantrag <script>alert(1)</script>"
    target = write_into(catalogue_copy, body_for("project", minimal_project(
        Titel=hostile, Beschreibung="Ablauf:\n\n- online stellen\n- <img src=x onerror=alert(1)>")))
    built = build_site(catalogue_copy, tmp_path / "projekt")
    page = parse(built.site / "projekte" / f"{target.stem}.html")
    assert hostile in page.text  # shown as text ...
    assert not [s for s in page.find("script") if "alert" in s.text]  # ... never run
    assert not [e for e in page.elements if any(k.startswith("on") for k in e.attrs)]
    assert "online stellen" in page.text


# --- any text at all ------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

ANSWER = st.text(max_size=200)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=ANSWER, summary=ANSWER, description=ANSWER, municipalities=ANSWER, sources=ANSWER, tags=ANSWER)
def test_any_answers_give_a_refusal_or_a_file_that_reads_back_identically(title, summary, description,
                                                                           municipalities, sources, tags, tmp_path):
    body = body_for("project", minimal_project(Titel=title, Kurzbeschreibung=summary, Beschreibung=description,
                                               Kommunen=municipalities, Quellen=sources, Schlagworte=tags))
    try:
        kind, record_id, record, _notes = convert_body(body)
        target = target_path(tmp_path / "catalogue", kind, record_id)
        text = dump_record(kind, record)
    except ConversionError as refusal:
        assert "verlustfrei" not in str(refusal)  # only the answers' fault, never the writer's
        return
    assert target.parent == (tmp_path / "catalogue" / "projects").resolve()
    assert load_text(text).data == record


# --- the privileged second step: `katalog uebernahme` re-checks the handover -------------------

HOSTILE = "Fixes #1 @octocat [Klick](https://evil.example/x) <img src=x onerror=alert(1)>"


def prose_outside_code(markdown: str) -> str:
    """What GitHub renders as live Markdown: everything outside fenced blocks and code spans."""
    markdown = re.sub(r"(?ms)^(`{3,})[^\n]*\n.*?^\1\s*$", "", markdown)
    return re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", markdown)


def hand_over(tmp_path: Path, body: str, catalogue: Path) -> Path:
    source = tmp_path / "issue.md"
    source.write_text(body, encoding="utf-8")
    handover = tmp_path / "uebergabe"
    main(["from-issue", str(source), "--katalog", str(catalogue), "--stichtag", "2026-11-27",
          "--uebergabe", str(handover)])
    return handover


def take_over(handover: Path, catalogue: Path, tmp_path: Path) -> tuple[int, str, str]:
    comment, pr_text = tmp_path / "comment.md", tmp_path / "pr.md"
    code = main(["uebernahme", str(handover), "--katalog", str(catalogue), "--issue", "12",
                 "--stichtag", "2026-11-27", "--bericht", str(comment), "--pr-text", str(pr_text)])
    return code, comment.read_text(encoding="utf-8"), pr_text.read_text(encoding="utf-8") if pr_text.exists() else ""


def test_handover_holds_one_record_file_and_the_notes(catalogue_copy, tmp_path):
    handover = hand_over(tmp_path, body_for("project", minimal_project()), catalogue_copy)
    assert sorted(p.relative_to(handover).as_posix() for p in handover.rglob("*") if p.is_file()) == [
        "hinweise.json", "projects/garmisch-partenkirchen-digitaler-bauantrag.yaml"]


def test_second_step_puts_the_record_into_another_catalogue_and_writes_the_pull_request(catalogue_copy, tmp_path):
    handover = hand_over(tmp_path, body_for("project", minimal_project()), catalogue_copy / ".." / "scratch")
    code, comment, pr_text = take_over(handover, catalogue_copy, tmp_path)
    assert code == 0
    assert (catalogue_copy / "projects" / "garmisch-partenkirchen-digitaler-bauantrag.yaml").exists()
    assert pr_text.startswith("Übernommen aus #12. Closes #12\n\n## Ergebnis der Übernahme")
    assert "keine Fehler" in comment


def test_second_step_refuses_a_record_whose_id_differs_from_its_file_name(catalogue_copy, tmp_path):
    handover = hand_over(tmp_path, body_for("project", minimal_project()), tmp_path / "scratch")
    record = next(handover.glob("projects/*.yaml"))
    record.rename(record.with_name("koeln-anderer-name.yaml"))
    code, comment, _pr = take_over(handover, catalogue_copy, tmp_path)
    assert code == 1
    assert not (catalogue_copy / "projects" / "koeln-anderer-name.yaml").exists()
    assert comment.startswith("## Übernahme nicht möglich") and "passt nicht zum Dateinamen" in comment


@pytest.mark.parametrize("extra", ["projects/zweiter-eintrag.yaml", "skript.sh", "../projects/x.yaml", "vocabularies/topics.yaml"])
def test_second_step_refuses_anything_but_one_record_file(catalogue_copy, tmp_path, extra):
    handover = hand_over(tmp_path, body_for("project", minimal_project()), tmp_path / "scratch")
    target = handover / "sub" / extra if extra.startswith("..") else handover / extra
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("id: zweiter-eintrag\n", encoding="utf-8")
    before = sorted(p.name for p in (catalogue_copy / "projects").iterdir())
    code, comment, _pr = take_over(handover, catalogue_copy, tmp_path)
    assert code == 1 and comment.startswith("## Übernahme nicht möglich")
    assert sorted(p.name for p in (catalogue_copy / "projects").iterdir()) == before


def test_second_step_refuses_a_symlink(catalogue_copy, tmp_path):
    handover = hand_over(tmp_path, body_for("project", minimal_project()), tmp_path / "scratch")
    record = next(handover.glob("projects/*.yaml"))
    record.unlink()
    record.symlink_to(catalogue_copy / "projects" / "koeln-smart-parking.yaml")
    code, comment, _pr = take_over(handover, catalogue_copy, tmp_path)
    assert code == 1 and "Verknüpfung" in comment


def test_a_refused_conversion_is_reported_by_the_second_step(catalogue_copy, tmp_path):
    handover = hand_over(tmp_path, "Kein Formular. " + HOSTILE, catalogue_copy)
    code, comment, pr_text = take_over(handover, catalogue_copy, tmp_path)
    assert code == 1 and pr_text == ""
    assert comment.startswith("## Übernahme nicht möglich") and "Formular" in comment


def test_comment_and_pull_request_keep_the_authors_text_inert(catalogue_copy, tmp_path):
    body = body_for("project", minimal_project(Titel="Digitaler Bauantrag", Status=HOSTILE, Beginn=HOSTILE))
    handover = hand_over(tmp_path, body, tmp_path / "scratch")
    code, comment, pr_text = take_over(handover, catalogue_copy, tmp_path)
    assert code == 1
    for markdown in (comment, pr_text.replace("Übernommen aus #12. Closes #12", "")):
        assert "@\u2060octocat" in markdown and "f\u2060ixes #\u20601" in markdown.lower()  # quoted, defused
        prose = prose_outside_code(markdown)
        assert "octocat" not in prose and "evil.example" not in prose and "<img" not in prose
        assert not re.search(r"(?i)\bfix(es|ed)?\s+#\d|@\w|#\d", prose)
