"""Deterministic synthetic catalogue for benchmarks: N projects, N/10 programmes.

Realistic German text from phrase banks per Handlungsfeld, real official keys
from the reference data, valid against the schemas. Same arguments, same files.

    .venv/bin/python bench/synth.py OUT_DIR 10000   # writes OUT_DIR/projects, OUT_DIR/funding
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.reference import default_reference  # noqa: E402

TOPICS = {
    "verwaltung": (["Online-Antrag", "E-Akte", "Bürgerportal", "digitale Signatur", "Terminvergabe", "Chatbot im Bürgerservice", "elektronische Rechnung", "Dokumentenmanagement"],
                   ["OZG", "E-Akte", "Portal", "Formulare", "Service-BW", "Bürgerkonto"]),
    "bildung": (["Tablets für Grundschulen", "WLAN in Schulgebäuden", "Lernplattform", "Medienentwicklungsplan", "digitale Bibliothek", "Schul-IT-Support"],
                ["Schule", "Tablets", "Lernplattform", "Medienkompetenz", "Bibliothek"]),
    "mobilitaet": (["Sensoren an Parkplätzen", "Parkleitsystem", "Echtzeit-Fahrgastinformation", "On-Demand-Verkehr", "Radverkehrszählung", "Ladesäulen-Kataster", "Mobilitätsplattform"],
                   ["Parken", "LoRaWAN", "ÖPNV", "Radverkehr", "Sharing", "Verkehrsdaten"]),
    "energie-klima": (["Energiemonitoring kommunaler Gebäude", "kommunale Wärmeplanung", "smarte Straßenbeleuchtung", "Photovoltaik-Kataster", "CO2-Bilanz"],
                      ["Energie", "Wärmeplanung", "Klimaschutz", "Straßenbeleuchtung", "Photovoltaik"]),
    "umwelt": (["Pegelmessung an Bächen", "Bodenfeuchte-Sensoren für Stadtbäume", "digitale Abfallkalender", "Luftqualitätsmessung", "Starkregen-Frühwarnung"],
               ["Sensoren", "Hochwasser", "Bäume", "Luftqualität", "Abfall"]),
    "soziales-gesundheit": (["Telemedizin im ländlichen Raum", "digitale Pflegeberatung", "Seniorentablets", "Hausnotruf-Plattform", "barrierefreie Informationen"],
                            ["Pflege", "Telemedizin", "Senioren", "Inklusion", "Gesundheit"]),
    "jugend-familie": (["Kita-Platzvergabe online", "Jugend-App", "digitale Elternbriefe", "Ferienpass online"],
                       ["Kita", "Jugendarbeit", "Familie", "Ferienprogramm"]),
    "stadtentwicklung": (["digitaler Zwilling der Innenstadt", "urbane Datenplattform", "Smart-City-Strategie", "3D-Stadtmodell", "Dorf-App"],
                         ["Smart City", "Datenplattform", "Digitaler Zwilling", "Dorf", "Quartier"]),
    "infrastruktur": (["Glasfaserausbau in Ortsteilen", "LoRaWAN-Netz", "freies WLAN am Marktplatz", "Mobilfunkmasten-Standorte", "kommunales Rechenzentrum"],
                      ["Glasfaser", "LoRaWAN", "WLAN", "Breitband", "Rechenzentrum"]),
    "sicherheit": (["Sirenen-Warnsystem", "digitale Einsatzplanung der Feuerwehr", "Informationssicherheits-Management", "Warn-App"],
                   ["Bevölkerungsschutz", "Feuerwehr", "IT-Sicherheit", "Warnung"]),
    "wirtschaft-tourismus": (["digitaler Marktplatz für den Einzelhandel", "Gästekarte digital", "Leerstandsmanagement", "Gewerbeflächen-Portal"],
                             ["Einzelhandel", "Tourismus", "Innenstadt", "Wirtschaftsförderung"]),
    "beteiligung-open-data": (["Open-Data-Portal", "Beteiligungsplattform", "Mängelmelder", "digitaler Bürgerhaushalt", "Ratsinformationssystem"],
                              ["Open Data", "Beteiligung", "Mängelmelder", "Transparenz"]),
    "kultur-freizeit": (["digitales Museum", "Vereinsportal", "Sportstätten-Buchung", "Veranstaltungskalender"],
                        ["Museum", "Verein", "Sport", "Veranstaltungen"]),
}
OPENERS = ["Die Kommune erprobt", "Im Projekt entsteht", "Gemeinsam mit Partnern wird", "Die Verwaltung führt", "Mit Fördermitteln baut die Kommune"]
GOALS = ["damit Bürgerinnen und Bürger schneller Auskunft erhalten", "um Wege und Wartezeiten zu verkürzen", "damit Daten offen nachgenutzt werden können",
         "um Kosten und Energie zu sparen", "damit die Verwaltung besser planen kann", "um ländliche Ortsteile besser anzubinden"]
LESSONS = ["Die Technik lief stabil, die Akzeptanz wuchs langsam.", "Der Datenschutz war früh einzubinden.", "Die Ausschreibung dauerte länger als geplant.",
           "Die Nutzung blieb hinter den Erwartungen zurück.", "Der Betrieb nach der Förderung ist gesichert."]
STATUSES = ["idee", "planung", "umsetzung", "betrieb", "abgeschlossen", "eingestellt"]
LANDS = ["DE-SH", "DE-HH", "DE-NI", "DE-HB", "DE-NW", "DE-HE", "DE-RP", "DE-BW", "DE-BY", "DE-SL", "DE-BE", "DE-BB", "DE-MV", "DE-SN", "DE-ST", "DE-TH"]
FUNDERS = ["Bundesministerium für Digitales und Staatsmodernisierung", "Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen", "Europäische Union", "Landesministerium für Digitales", "Stiftung Digitale Kommune"]
ELIGIBLE = ["gemeinde", "stadt", "kreisfreie-stadt", "landkreis", "gemeindeverband", "zweckverband", "kommunales-unternehmen", "verein"]


def _slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    out = "".join(c if c.isalnum() else "-" for c in text.lower().translate(table))
    return "-".join(p for p in out.split("-") if p)[:50].strip("-")


def _programme(i: int, rng: random.Random) -> dict:
    topics = rng.sample(sorted(TOPICS), rng.randint(1, 3))
    level = rng.choice(["bund", "land", "land", "eu", "stiftung"])
    lands = sorted(rng.sample(LANDS, rng.randint(1, 2))) if level == "land" else []
    phrase = rng.choice(TOPICS[topics[0]][0])
    year = rng.choice([2024, 2025, 2026, 2027])
    status = rng.choice(["offen", "laufend", "geschlossen", "angekuendigt"])
    record = {
        "id": f"programm-{i:05d}-{_slug(phrase)}",
        "title": f"Förderprogramm {phrase} {i}",
        "summary": f"Gefördert werden Vorhaben zu {phrase} und verwandten Themen. Antragsberechtigt sind Kommunen und ihre Unternehmen; gefördert wird als Zuschuss.",
        "funder": rng.choice(FUNDERS),
        "level": level,
        "lands": lands,
        "eligible": sorted(rng.sample(ELIGIBLE, rng.randint(2, 5))),
        "topics": topics,
        "tags": rng.sample(TOPICS[topics[0]][1], 2),
        "funding_type": rng.choice(["zuschuss", "zuschuss", "darlehen", "beratung", "wettbewerb"]),
        "funding_rate": {"max_percent": rng.choice([50, 65, 75, 80, 90, 100])},
        "amount": {"max_eur": rng.choice([50_000, 200_000, 1_000_000, 5_000_000])},
        "application": {"status": status},
        "url": f"https://foerderung.example.org/programm-{i}",
        "sources": [{"url": f"https://foerderung.example.org/programm-{i}", "as_of": f"{year - 1}-11-01"}],
        "last_reviewed": "2026-10-01",
    }
    if status != "laufend":
        record["application"]["deadlines"] = [{"name": f"Aufruf {year}", "opens": f"{year}-01-15", "closes": f"{year}-{rng.randint(3, 11):02d}-30"}]
    return record


def _project(i: int, rng: random.Random, keys: list[str], programmes: list[dict]) -> dict:
    topics = rng.sample(sorted(TOPICS), rng.choice([1, 1, 2, 2, 3]))
    phrases, tags = TOPICS[topics[0]]
    phrase = rng.choice(phrases)
    key = rng.choice(keys)
    start_year = rng.randint(2016, 2026)
    record = {
        "id": f"projekt-{i:05d}-{_slug(phrase)}",
        "title": f"{phrase} {rng.choice(['im Ortskern', 'für alle Ortsteile', 'in der Innenstadt', 'im Landkreis', 'als Pilot', 'im Verbund'])}",
        "summary": f"{rng.choice(OPENERS)} {phrase}, {rng.choice(GOALS)}. Das Vorhaben ist Teil der Digitalstrategie.",
        "description": f"{phrase} wurde nach einer Bedarfsanalyse ausgewählt.\n\n- Ausgangslage: {rng.choice(GOALS)}\n- Umsetzung mit {rng.choice(['einem regionalen Dienstleister', 'dem kommunalen Rechenzentrum', 'einer Hochschule'])}\n\n{rng.choice(LESSONS)}",
        "municipalities": [{"ags": key, "role": "lead"}],
        "topics": topics,
        "tags": sorted(set(rng.sample(tags, min(len(tags), rng.randint(1, 3))))),
        "status": rng.choice(STATUSES),
        "start": f"{start_year}-{rng.randint(1, 12):02d}",
        "contact": {"organisation": "Verwaltung, Stabsstelle Digitalisierung", "email": f"digital{i}@kommune.example"},
        "sources": [{"url": f"https://kommune.example.org/projekt-{i}"}],
        "last_reviewed": "2026-09-01",
    }
    if rng.random() < 0.5:
        record["budget"] = {"total_eur": rng.randrange(20_000, 3_000_000, 1000)}
    if programmes and rng.random() < 0.4:
        programme = rng.choice(programmes)
        record["funding"] = [{"programme": programme["id"], "amount_eur": rng.randrange(10_000, 1_000_000, 1000)}]
    if rng.random() < 0.15:
        record["seeking_partners"] = True
        record["seeking"] = "Kommunen ähnlicher Größe für eine gemeinsame Ausschreibung"
    if rng.random() < 0.3:
        record["open_to_exchange"] = True
    if rng.random() < 0.2:
        record["reuse"] = {"open_source": True, "licence": "EUPL-1.2", "repository": f"https://gitlab.opencode.de/kommune/projekt-{i}"}
    if rng.random() < 0.4:
        record["experience"] = {"outcome": rng.choice(LESSONS), "would_do_again": rng.choice(["ja", "nein", "teilweise"])}
    return record


def records(n_projects: int, n_programmes: int | None = None, seed: int = 0) -> tuple[list[dict], list[dict]]:
    """(projects, programmes) as dicts; deterministic for the same arguments."""
    rng = random.Random(seed)
    n_programmes = max(1, n_projects // 10) if n_programmes is None else n_programmes
    keys = sorted(m.key for m in default_reference().gemeinden() if m.population > 0)
    programmes = [_programme(i, rng) for i in range(n_programmes)]
    projects = [_project(i, rng, keys, programmes) for i in range(n_projects)]
    return projects, programmes


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):  # quote strings so dates and keys stay text under any YAML reader
    style = "|" if "\n" in value else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def generate(root: Path, n_projects: int, n_programmes: int | None = None, seed: int = 0) -> Path:
    """Write a catalogue folder (root/projects, root/funding) and return root."""
    root = Path(root)
    projects, programmes = records(n_projects, n_programmes, seed)
    for folder, items in (("projects", projects), ("funding", programmes)):
        directory = root / folder
        directory.mkdir(parents=True, exist_ok=True)
        for record in items:
            text = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
            (directory / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print("Aufruf: bench/synth.py ZIELORDNER ANZAHL_PROJEKTE [ANZAHL_PROGRAMME]", file=sys.stderr)
        raise SystemExit(2)
    out = generate(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else None)
    print(f"geschrieben: {out}")
