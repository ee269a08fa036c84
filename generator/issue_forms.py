"""GitHub issue forms for people who never touch Git, generated from the schema.

Each form is a list of `FormField`s: which schema field an answer fills, which
widget asks for it and how `katalog from-issue` reads the answer back. Labels,
descriptions, examples and dropdown options come from the JSON Schemas and the
vocabularies (via `schema_fields`), so a change there changes the forms; the
committed forms are checked against `render_forms()` by a test.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

import yaml

from generator.schema_fields import FieldInfo, allowed_values, field, fitting_example

HEADER = ("# Erzeugt mit `katalog formulare` aus schema/ und catalogue/vocabularies/.\n"
          "# Nicht von Hand ändern: Schema oder Vokabular ändern und den Befehl erneut ausführen.\n")

NO_RESPONSE = "_No response_"  # what GitHub writes into the issue body for an empty answer

# Labels the forms set on new issues; the conversion workflow reads them to know the record kind.
LABEL_NEW = "eintrag"
KIND_LABELS = {"project": "projekt", "funding": "foerderprogramm", "declaration": "erklaerung"}
LABEL_CORRECTION = "korrektur"

CONSENT_LABEL = "Bestätigung"
CONSENT_OPTIONS = (
    "Die Angaben lassen sich über die genannten Quellen prüfen.",
    "Kontaktangaben sind ein Funktionspostfach oder ein Kontaktformular – oder die genannte Person hat der Veröffentlichung zugestimmt.",
    "Ich bin einverstanden, dass meine Angaben unter der Lizenz CC BY 4.0 veröffentlicht werden.",
)

# The declaration form publishes what a body says about itself: without this consent nothing is imported.
DECLARATION_CONSENT_OPTIONS = (
    "Ich melde dies für die genannte Stelle und darf das für sie tun.",
    "Die Stelle ist einverstanden, dass diese Angaben mit dem genannten Kontakt im Katalog veröffentlicht werden (widerruflich über „Korrektur oder Ergänzung“).",
    "Kontaktangaben sind ein Funktionspostfach oder ein Kontaktformular – oder die genannte Person hat der Veröffentlichung zugestimmt.",
    "Ich bin einverstanden, dass meine Angaben unter der Lizenz CC BY 4.0 veröffentlicht werden.",
)
CONSENT_BY_KIND = {"declaration": DECLARATION_CONSENT_OPTIONS}


def consent_options(kind: str) -> tuple:
    return CONSENT_BY_KIND.get(kind, CONSENT_OPTIONS)


@dataclass(frozen=True)
class FormField:
    """One question of a form and the schema field(s) its answer fills."""

    widget: str  # input | textarea | dropdown | checkboxes
    path: tuple = ()  # schema field; empty for checkbox groups and the consent
    parse: str = "text"  # how from_issue reads the answer (see from_issue.PARSERS)
    hint: str = ""  # how to write the answer in the form (German)
    placeholder: str = ""
    multiple: bool = False
    required: bool | None = None  # None: as the schema says
    options: tuple = ()  # checkbox groups: paths of boolean fields
    label: str = ""  # only for groups; single fields take the schema's title
    empty: object = None  # value used when the answer is empty (e.g. [] for "bundesweit")


@dataclass(frozen=True)
class Form:
    kind: str  # record kind ("project", "funding") or "" for forms that are not converted
    file: str
    name: str
    description: str
    title: str
    labels: tuple
    intro: str
    fields: tuple = dc_field(default_factory=tuple)


def _path_id(path: tuple) -> str:
    return "-".join(part.replace("_", "-") for part in path)


def field_label(kind: str, form_field: FormField) -> str:
    """The heading under which an answer appears in the issue body ("### Label")."""
    if form_field.label:
        return form_field.label
    path = form_field.path
    info = field(kind, path)
    if len(path) == 1:
        return info.title
    return f"{field(kind, path[:1]).title}: {info.title}"


def field_id(form_field: FormField) -> str:
    if form_field.path:
        return _path_id(form_field.path)
    return _path_id((form_field.label.lower().replace(" ", "-").replace("ä", "ae").replace("ü", "ue").replace("ö", "oe"),))


def schema_required(kind: str, path: tuple) -> bool:
    """Required in the record: the field and every block around it are required."""
    return all(field(kind, path[: i + 1]).required for i in range(len(path)))


def is_required(kind: str, form_field: FormField) -> bool:
    if form_field.required is not None:
        return form_field.required
    return bool(form_field.path) and schema_required(kind, form_field.path)


def _example(info: FieldInfo) -> str:
    example = fitting_example(info)
    if example is None or info.type in ("object",) or info.item_type == "object":
        return ""
    if isinstance(example, list):
        return ", ".join(str(e) for e in example)
    if isinstance(example, bool):
        return ""
    return str(example)


def _description(kind: str, form_field: FormField) -> str:
    parts = []
    if form_field.path:
        info = field(kind, form_field.path)
        parts.append(info.description)
        if form_field.widget in ("input", "textarea") and not form_field.hint and "z. B." not in info.description:
            example = _example(info)
            if example:
                parts.append(f"Beispiel: {example}")
    if form_field.hint:
        parts.append(form_field.hint)
    return " ".join(p for p in parts if p)


def _element(kind: str, form_field: FormField) -> dict:
    label = field_label(kind, form_field)
    attributes: dict = {"label": label}
    description = _description(kind, form_field)
    if description:
        attributes["description"] = description
    if form_field.widget == "dropdown":
        info = field(kind, form_field.path)
        attributes["multiple"] = form_field.multiple
        attributes["options"] = [text for _value, text in allowed_values(info)]
    elif form_field.widget == "checkboxes":
        if form_field.options:
            attributes["options"] = [{"label": field(kind, path).title} for path in form_field.options]
        else:  # the consent: every box must be ticked
            attributes["options"] = [{"label": text, "required": True} for text in consent_options(kind)]
    else:
        placeholder = form_field.placeholder
        if not placeholder and form_field.path and form_field.widget == "input":
            placeholder = _example(field(kind, form_field.path))
        if placeholder:
            attributes["placeholder"] = placeholder
    element = {"type": form_field.widget, "id": field_id(form_field), "attributes": attributes}
    if form_field.widget != "checkboxes":
        element["validations"] = {"required": is_required(kind, form_field)}
    return element


def form_document(form: Form) -> dict:
    body = [{"type": "markdown", "attributes": {"value": form.intro}}]
    body += [_element(form.kind, f) for f in form.fields]
    return {"name": form.name, "description": form.description, "title": form.title,
            "labels": list(form.labels), "body": body}


def labels_of(form: Form) -> list[str]:
    return [field_label(form.kind, f) for f in form.fields]


def _dump(document: dict) -> str:
    return HEADER + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=False)


# --- the forms -----------------------------------------------------------------------------

_CONSENT = FormField("checkboxes", label=CONSENT_LABEL, parse="consent")
_SOURCES_HINT = ("Eine Adresse je Zeile, beginnend mit https://. Nach der Adresse darf ein Titel folgen, "
                 "z. B. „https://www.stadt-beispiel.de/presse/123 Pressemitteilung vom 12.03.2024“.")
_DATE_HINT = "Auch TT.MM.JJJJ wird übernommen."
_EURO_HINT = "Ganze Euro, z. B. 250000 oder 250.000."


def _contact(required: bool | None) -> tuple:
    return (
        FormField("input", ("contact", "organisation"), required=required),
        FormField("input", ("contact", "email"), hint="Bitte ein Funktionspostfach (z. B. digitalisierung@stadt-beispiel.de), keine persönliche Adresse ohne Einwilligung. E-Mail oder Kontaktformular genügt."),
        FormField("input", ("contact", "url")),
    )


PROJECT_FORM = Form(
    kind="project",
    file="projekt-melden.yml",
    name="Projekt melden",
    description="Ein kommunales Digitalisierungsprojekt für den Katalog vorschlagen – ohne Git.",
    title="Projekt: ",
    labels=(LABEL_NEW, KIND_LABELS["project"]),
    intro=("Danke, dass Sie ein Projekt melden! Die Redaktion prüft die Angaben und macht daraus einen "
           "Eintrag im Katalog (als Pull Request). Pflichtfelder sind markiert; alles andere hilft anderen "
           "Kommunen, ist aber freiwillig. Bitte nur Angaben machen, die eine öffentliche Quelle belegt, "
           "und keine Namen von Personen ohne deren Einwilligung. Erläuterungen zu allen Feldern: CONTRIBUTING.md."),
    fields=(
        FormField("input", ("title",)),
        FormField("textarea", ("municipalities",), parse="municipalities", placeholder="05315000 Köln",
                  hint=("Eine Kommune je Zeile, beginnend mit dem amtlichen Gemeindeschlüssel (8 Ziffern, für Kreise 5; "
                        "zu finden im Gemeindeverzeichnis des Statistischen Bundesamts). Die erste Zeile ist die "
                        "federführende Kommune. Ohne Schlüssel (z. B. Zweckverband): „Name; Art; Land“, z. B. "
                        "„Zweckverband Digitale Region; Zweckverband; Bayern“.")),
        FormField("textarea", ("summary",), parse="oneline"),
        FormField("dropdown", ("topics",), parse="vocab", multiple=True),
        FormField("dropdown", ("status",), parse="vocab"),
        FormField("input", ("start",), parse="date", hint=_DATE_HINT),
        FormField("input", ("end",), parse="date", hint=_DATE_HINT),
        FormField("textarea", ("description",)),
        *_contact(None),
        FormField("textarea", ("sources",), parse="sources", hint=_SOURCES_HINT,
                  placeholder="https://www.stadt-beispiel.de/presse/smart-parking Pressemitteilung"),
        FormField("input", ("budget", "total_eur"), parse="euro", hint=_EURO_HINT),
        FormField("input", ("budget", "own_share_eur"), parse="euro", hint=_EURO_HINT),
        FormField("textarea", ("funding",), parse="funding", placeholder="modellprojekte-smart-cities 312000",
                  hint=("Ein Förderprogramm je Zeile: seine Kennung im Katalog (die Adresse seiner Seite endet darauf), "
                        "optional gefolgt von der Fördersumme in Euro.")),
        FormField("checkboxes", label="Austausch und Partner", parse="flags", hint="Zutreffendes ankreuzen.",
                  options=(("seeking_partners",), ("open_to_exchange",))),
        FormField("textarea", ("seeking",), parse="oneline"),
        FormField("textarea", ("partners",), parse="partners", placeholder="Hochschule Beispiel https://www.hs-beispiel.de",
                  hint="Eine Organisation je Zeile, optional gefolgt von ihrer Internetadresse."),
        FormField("checkboxes", label="Nachnutzung", parse="flags", hint="Zutreffendes ankreuzen.",
                  options=(("reuse", "open_source"), ("reuse", "efa"), ("reuse", "reusable"))),
        FormField("input", ("reuse", "licence")),
        FormField("input", ("reuse", "repository")),
        FormField("textarea", ("experience", "outcome")),
        FormField("dropdown", ("experience", "would_do_again"), parse="vocab"),
        FormField("dropdown", ("experience", "continued_after_funding"), parse="vocab"),
        FormField("input", ("experience", "effort")),
        FormField("input", ("tags",), parse="comma", hint="Mehrere Schlagworte durch Kommas trennen."),
        FormField("textarea", ("links",), parse="links", placeholder="Projektseite https://www.stadt-beispiel.de/smart-parking",
                  hint="Ein Link je Zeile: Linktext, dann die Adresse."),
        FormField("input", ("ozg",), parse="comma", hint="Mehrere Kennungen durch Kommas trennen."),
        _CONSENT,
    ),
)

FUNDING_FORM = Form(
    kind="funding",
    file="foerderprogramm-melden.yml",
    name="Förderprogramm melden",
    description="Ein Förderprogramm für Kommunen in den Katalog aufnehmen lassen – ohne Git.",
    title="Förderprogramm: ",
    labels=(LABEL_NEW, KIND_LABELS["funding"]),
    intro=("Danke, dass Sie ein Förderprogramm melden! Die Redaktion prüft die Angaben und macht daraus einen "
           "Eintrag im Katalog (als Pull Request). Bitte die offizielle Programmseite und die Richtlinie als "
           "Quelle angeben. Erläuterungen zu allen Feldern: CONTRIBUTING.md."),
    fields=(
        FormField("input", ("title",)),
        FormField("input", ("funder",)),
        FormField("input", ("administered_by",)),
        FormField("textarea", ("summary",), parse="oneline"),
        FormField("dropdown", ("level",), parse="vocab"),
        FormField("dropdown", ("lands",), parse="vocab", multiple=True, required=False, empty=[],
                  hint="Leer lassen, wenn das Programm bundesweit gilt."),
        FormField("dropdown", ("eligible",), parse="vocab", multiple=True),
        FormField("dropdown", ("topics",), parse="vocab", multiple=True),
        FormField("dropdown", ("funding_type",), parse="vocab"),
        FormField("dropdown", ("application", "status"), parse="vocab"),
        FormField("textarea", ("application", "deadlines"), parse="deadlines",
                  placeholder="Aufruf 2026: 2026-01-15 bis 2026-04-30",
                  hint=("Eine Frist je Zeile: ein Stichtag („2026-03-31“) oder ein Aufruf mit Name, Beginn und Ende "
                        "(„Aufruf 2026: 2026-01-15 bis 2026-04-30“). Daten auch als TT.MM.JJJJ.")),
        FormField("textarea", ("application", "note")),
        FormField("input", ("url",)),
        FormField("input", ("funding_rate", "max_percent"), parse="percent", hint="Nur die Zahl, z. B. 90."),
        FormField("textarea", ("funding_rate", "note")),
        FormField("input", ("amount", "min_eur"), parse="euro", hint=_EURO_HINT),
        FormField("input", ("amount", "max_eur"), parse="euro", hint=_EURO_HINT),
        FormField("textarea", ("amount", "note")),
        FormField("input", ("legal_basis",)),
        FormField("textarea", ("description",)),
        *_contact(False),
        FormField("textarea", ("sources",), parse="sources", hint=_SOURCES_HINT,
                  placeholder="https://www.foerderprogramm-beispiel.de/richtlinie Förderrichtlinie"),
        FormField("input", ("tags",), parse="comma", hint="Mehrere Schlagworte durch Kommas trennen."),
        _CONSENT,
    ),
)

DECLARATION_FORM = Form(
    kind="declaration",
    file="nachnutzung-oder-interesse-melden.yml",
    name="Nachnutzung oder Interesse melden",
    description="Ihre Kommune nutzt eine Lösung aus dem Katalog auch, plant Ähnliches, wünscht Austausch oder beantwortet Fragen dazu.",
    title="Nachnutzung oder Interesse: ",
    labels=(LABEL_NEW, KIND_LABELS["declaration"]),
    intro=("Mit diesem Formular sagt Ihre Kommune zu einem Projekt im Katalog: *wir nutzen das auch*, *wir planen das "
           "auch* (Partner für eine gemeinsame Umsetzung gesucht), *wir möchten uns austauschen* oder *wir sind "
           "ansprechbar* (wir haben Erfahrung und beantworten Fragen – ohne Beratungspflicht). Die Angabe erscheint "
           "auf der Projektseite, auf der Seite Ihrer Kommune, unter „Partner finden“ und im Ideen-Check, jeweils mit "
           "dem Kontakt, den Sie hier nennen. Bitte nur für die eigene Stelle melden und ein Funktionspostfach oder "
           "eine Kontaktseite angeben. Ohne Einwilligung unten wird nichts übernommen; zurückziehen können Sie die "
           "Angabe jederzeit über „Korrektur oder Ergänzung“."),
    fields=(
        FormField("input", ("project",), parse="project", placeholder="maerker-brandenburg",
                  hint="Die Adresse der Projektseite im Katalog genügt, z. B. …/projekte/maerker-brandenburg.html."),
        FormField("dropdown", ("relation",), parse="vocab"),
        FormField("input", ("declarer",), parse="declarer", placeholder="12054000 Potsdam",
                  hint=("Amtlicher Gemeindeschlüssel (8 Ziffern, für Kreise 5; zu finden im Gemeindeverzeichnis des "
                        "Statistischen Bundesamts), gern gefolgt vom Namen. Ohne Schlüssel (z. B. Zweckverband): "
                        "„Name; Art; Land“, z. B. „Zweckverband Digitale Region; Zweckverband; Bayern“.")),
        FormField("input", ("date",), parse="date", hint=_DATE_HINT),
        FormField("textarea", ("note",), parse="oneline"),
        *_contact(None),
        FormField("textarea", ("sources",), parse="sources", hint="Optional: " + _SOURCES_HINT),
        FormField("checkboxes", label=CONSENT_LABEL, parse="declaration_consent"),
    ),
)

CORRECTION_FORM_DOCUMENT = {
    "name": "Korrektur oder Ergänzung",
    "description": "Ein Eintrag ist falsch, veraltet oder unvollständig.",
    "title": "Korrektur: ",
    "labels": [LABEL_CORRECTION],
    "body": [
        {"type": "markdown", "attributes": {"value": (
            "Danke für den Hinweis! Bitte nennen Sie den Eintrag, was nicht stimmt und eine Quelle für die "
            "richtige Angabe. Die Redaktion ändert den Eintrag. Sollen Kontaktdaten entfernt werden? "
            "Dann genügt diese Meldung, eine Quelle ist nicht nötig.")}},
        {"type": "input", "id": "eintrag", "attributes": {
            "label": "Eintrag",
            "description": "Adresse der Seite im Katalog oder die Kennung des Eintrags (Dateiname ohne „.yaml“).",
            "placeholder": "koeln-smart-parking"}, "validations": {"required": True}},
        {"type": "textarea", "id": "problem", "attributes": {
            "label": "Was ist falsch oder fehlt?",
            "description": "Welches Feld, welche Angabe? Mehrere Punkte gern als Liste."},
         "validations": {"required": True}},
        {"type": "textarea", "id": "korrektur", "attributes": {
            "label": "Richtige Angabe",
            "description": "Wie es richtig heißt oder was ergänzt werden soll."},
         "validations": {"required": False}},
        {"type": "textarea", "id": "quellen", "attributes": {
            "label": field("project", ("sources",)).title,
            "description": "Internetadressen, die die richtige Angabe belegen (eine je Zeile)."},
         "validations": {"required": False}},
        {"type": "checkboxes", "id": "bestaetigung", "attributes": {
            "label": CONSENT_LABEL,
            "options": [{"label": CONSENT_OPTIONS[2], "required": True}]}},
    ],
}

FORMS = (PROJECT_FORM, FUNDING_FORM, DECLARATION_FORM)
CONFIG = {"blank_issues_enabled": True}


def form_for(kind: str) -> Form:
    for form in FORMS:
        if form.kind == kind:
            return form
    raise KeyError(kind)


def form_documents() -> dict[str, dict]:
    """File name in .github/ISSUE_TEMPLATE/ -> issue form document (also the source of the GitLab templates)."""
    out = {form.file: form_document(form) for form in FORMS}
    out["korrektur.yml"] = CORRECTION_FORM_DOCUMENT
    return out


def render_forms() -> dict[str, str]:
    """File name in .github/ISSUE_TEMPLATE/ -> content."""
    out = {name: _dump(document) for name, document in form_documents().items()}
    out["config.yml"] = _dump(CONFIG)
    return out

