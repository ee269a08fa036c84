"""Several catalogues, one site – and one Land's site from the national catalogue.

A Land (or a Kommunalverband) that wants its own repository with its own
reviewers keeps its records there; `katalog.yml` lists the catalogue sources a
build reads, each with a name and the web address of its repository:

    catalogues:
      - name: Bundesweiter Katalog
        path: catalogue
        repository: https://github.com/beispiel/katalog
      - name: Digitale Kommunen Hessen
        path: ../katalog-hessen/catalogue      # a local folder, or:
        git: https://gitlab.opencode.de/hessen/katalog.git
        ref: main
        repository: https://gitlab.opencode.de/hessen/katalog

All sources are validated together (ids must be unique across them; a
collision names both sources), and every record remembers where it came from,
so its page names that catalogue and links its repository for corrections.
`for_land` goes the other way: the part of a catalogue that concerns one Land.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from generator import paths
from generator.enrich.domain import places
from generator.catalogue import Catalogue, ValidationRun, discover, to_catalogue, validate_files
from generator.findings import ERROR, Finding
from generator.loader import load_file

CONFIG_NAME = "katalog.yml"
_NAME = re.compile(r"^[^\x00-\x1f<>]{2,80}$")
_WEB = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
_GIT = re.compile(r"^(https://|ssh://|file://|git@[A-Za-z0-9.-]+:)[^\s]+$")  # never ext:: or other helpers
_REF = re.compile(r"^[A-Za-z0-9._/-]{1,100}$")


class ConfigError(ValueError):
    """katalog.yml cannot be used; the message is German and names the file and line."""


@dataclass(frozen=True)
class Source:
    """One catalogue a build reads."""

    name: str
    root: Path  # the folder with projects/ and funding/
    repository: str | None = None  # web address, for "Korrektur vorschlagen"
    path_in_repository: str = "catalogue"
    branch: str = "main"
    git: str | None = None  # clone from here when root does not exist yet
    ref: str | None = None


@dataclass(frozen=True)
class Origin:
    """Where a record comes from, as its page shows it."""

    catalogue: str
    repository: str | None
    file_in_repository: str
    branch: str = "main"

    @property
    def edit_url(self) -> str | None:
        if not self.repository:
            return None
        host_style = "/-/edit/" if "gitlab" in self.repository or "opencode.de" in self.repository else "/edit/"
        return f"{self.repository.rstrip('/')}{host_style}{self.branch}/{self.file_in_repository}"


def default_sources() -> list[Source]:
    return [Source("Kommunaler Digitalisierungskatalog", paths.CATALOGUE_DIR)]


def read_config(file: Path) -> list[Source]:
    """Sources from katalog.yml; relative paths are relative to the file's folder."""
    loaded = load_file(file)
    shown = paths.display_path(file)
    if loaded.problems:
        p = loaded.problems[0]
        raise ConfigError(f"{shown}:{p.line}:{p.column}: {p.message}")
    data = loaded.data
    entries = data.get("catalogues") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{shown}:1:1: Es fehlt „catalogues:“ mit mindestens einer Quelle (name, path, repository).")
    sources, names = [], set()
    for index, entry in enumerate(entries):
        line = loaded.position(("catalogues", index))[0]
        where = f"{shown}:{line}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: Eine Quelle besteht aus „name“, „path“ und „repository“.")
        unknown = set(entry) - {"name", "path", "repository", "path_in_repository", "branch", "git", "ref"}
        if unknown:
            raise ConfigError(f"{where}: Unbekanntes Feld „{sorted(unknown)[0]}“. Erlaubt: name, path, repository, "
                              "path_in_repository, branch, git, ref.")
        name, folder = entry.get("name"), entry.get("path")
        if not isinstance(name, str) or not _NAME.match(name):
            raise ConfigError(f"{where}: Feld „name“: Bitte einen Namen mit 2–80 Zeichen angeben.")
        if name in names:
            raise ConfigError(f"{where}: Feld „name“: „{name}“ steht zweimal in der Liste.")
        names.add(name)
        if not isinstance(folder, str) or not folder.strip():
            raise ConfigError(f"{where}: Feld „path“: Bitte den Ordner des Katalogs angeben (mit projects/ und funding/).")
        for key, pattern in (("repository", _WEB), ("git", _GIT), ("ref", _REF), ("branch", _REF),
                             ("path_in_repository", _REF)):
            value = entry.get(key)
            if value is not None and (not isinstance(value, str) or not pattern.match(value)):
                raise ConfigError(f"{where}: Feld „{key}“: „{value}“ ist keine gültige Angabe.")
        sources.append(Source(name, (file.parent / folder).resolve(), entry.get("repository"),
                              entry.get("path_in_repository", "catalogue"), entry.get("branch", "main"),
                              entry.get("git"), entry.get("ref")))
    return sources


def ensure_present(source: Source) -> None:
    """Clone a git source whose folder does not exist yet (the only network use, and only when configured)."""
    if source.root.exists() or not source.git:
        return
    clone_dir = source.root
    for _ in source.path_in_repository.strip("/").split("/"):
        clone_dir = clone_dir.parent
    command = ["git", "clone", "--quiet", "--depth", "1"]
    if source.ref:
        command += ["--branch", source.ref]
    command += ["--", source.git, str(clone_dir)]
    env = dict(os.environ, GIT_ALLOW_PROTOCOL="https:ssh:file", GIT_TERMINAL_PROMPT="0")
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600, env=env)
    if result.returncode != 0:
        raise ConfigError(f"Quelle „{source.name}“: git clone von {source.git} ist gescheitert: {result.stderr.strip()}")


def validate_sources(sources: list[Source], today: dt.date | None = None) -> tuple[ValidationRun, dict[str, Origin]]:
    """All sources validated as one catalogue, plus where each record comes from."""
    files, stray, owner = [], [], {}
    for source in sources:
        ensure_present(source)
        if not source.root.is_dir():
            raise ConfigError(f"Quelle „{source.name}“: Ordner {paths.display_path(source.root)} gibt es nicht.")
        found, stray_here = discover(source.root)
        files += found
        stray += stray_here
        for _kind, path in found:
            owner[path] = source
    run = validate_files(files, today=today)
    by_id = defaultdict(list)
    for record in run.records:
        by_id[record.id].append(record)
    collisions = []
    for record_id, records in by_id.items():
        owners = {owner[r.path].name for r in records}
        if len(owners) > 1:
            for r in records:
                others = ", ".join(f"„{owner[o.path].name}“ ({o.file})" for o in records if o is not r)
                collisions.append(Finding(r.file, 1, 1, ERROR, "id",
                                          f"Die Kennung „{record_id}“ gibt es auch im Katalog {others}; dieser Eintrag "
                                          f"stammt aus „{owner[r.path].name}“. Kennungen müssen über alle Kataloge "
                                          "eindeutig sein: einen der beiden umbenennen.", "federation.id-collision"))
    run.findings = sorted(set(run.findings + stray + collisions))
    origins = {}
    for record in run.records:
        source = owner[record.path]
        relative = record.path.relative_to(source.root).as_posix()
        origins[record.id] = Origin(source.name, source.repository,
                                    f"{source.path_in_repository.strip('/')}/{relative}", source.branch)
    return run, origins


def load_sources(sources: list[Source], *, build_date: dt.date | None = None) -> tuple[Catalogue | None, ValidationRun]:
    run, origins = validate_sources(sources, today=build_date)
    if not run.ok:
        return None, run
    catalogue = to_catalogue(run, build_date=build_date)
    return dataclasses.replace(catalogue, origins=origins), run


def project_lands(project: dict, reference) -> set[str]:
    """The Länder of a project, by the one rule enrich uses (domain.places). `for_land` runs before enrich: it
    chooses the catalogue that enrich then derives its model from, so there is no Enriched to read here yet."""
    return {p.land_code for p in places(project, reference) if p.land_code}


def for_land(catalogue: Catalogue, land: str) -> Catalogue:
    """What concerns one Land: its projects (with declarations about them), the programmes open to it
    (EU, Bund, its own) and those its projects used."""
    projects = {pid: p for pid, p in catalogue.projects.items() if land in project_lands(p, catalogue.reference)}
    used = {f.get("programme") for p in projects.values() for f in p.get("funding") or []}
    funding = {fid: f for fid, f in catalogue.funding.items()
               if not f.get("lands") or land in f.get("lands") or fid in used}
    declarations = {did: d for did, d in catalogue.declarations.items() if d.get("project") in projects}
    keep = set(projects) | set(funding) | set(declarations)
    return dataclasses.replace(
        catalogue, projects=projects, funding=funding, declarations=declarations,
        files={k: v for k, v in catalogue.files.items() if k in keep},
        origins={k: v for k, v in catalogue.origins.items() if k in keep}, land=land)
