"""When records entered the catalogue, and the "Neu im Katalog" rule."""
import datetime as dt
import os
import shutil
import subprocess

import pytest
from enrich_support import BUILD_DATE, catalogue, programme, project, write

from generator.enrich import enrich
from generator.enrich.history import (NEW_RECORDS_DAYS, NEW_RECORDS_MAX, NEW_RECORDS_RULE, added_dates, git_added_dates,
                                      new_records, parse_git_log)


def test_git_log_output_gives_the_first_addition_per_record():
    output = "\n".join([
        "@@2026-11-20 a1b2", "", "projects/neu.yaml", "funding/programm-a.yaml",
        "@@2026-05-02 c3d4", "", "projects/alt.yaml", "projects/neu.yaml",  # neu was deleted and added again later
        "@@2026-01-10", "", "projects/README.md", "vocabularies/topics.yaml",  # root commit
    ])
    assert parse_git_log(output) == {"neu": "2026-05-02", "programm-a": "2026-11-20", "alt": "2026-05-02"}


def test_git_log_of_a_shallow_clone_skips_the_commit_without_parents():
    output = "@@2026-11-20 a1b2\n\nprojects/neu.yaml\n@@2026-05-02\n\nprojects/alt.yaml\nprojects/auch-alt.yaml\n"
    assert parse_git_log(output, skip_parentless=True) == {"neu": "2026-11-20"}
    assert parse_git_log(output) == {"neu": "2026-11-20", "alt": "2026-05-02", "auch-alt": "2026-05-02"}


def test_records_unknown_to_git_fall_back_to_last_reviewed():
    records = {"known": project("known"), "fresh": project("fresh", last_reviewed="2026-11-20")}
    assert added_dates(records, {"known": "2025-01-05"}) == {"fresh": "2026-11-20", "known": "2025-01-05"}


def test_new_records_are_those_added_in_the_last_90_days_newest_first():
    added = {"heute": "2026-11-27", "grenze": "2026-08-29", "zu-alt": "2026-08-28", "gestern": "2026-11-26",
             "programm": "2026-11-26", "zukunft": "2026-12-01"}
    kinds = {"project": {k: {} for k in ("heute", "grenze", "zu-alt", "gestern", "zukunft")}, "funding": {"programm": {}}}
    assert BUILD_DATE - dt.timedelta(days=NEW_RECORDS_DAYS) == dt.date(2026, 8, 29)
    assert new_records(kinds, added, BUILD_DATE) == [
        ("project", "heute", "2026-11-27"),
        ("funding", "programm", "2026-11-26"),
        ("project", "gestern", "2026-11-26"),
        ("project", "grenze", "2026-08-29"),
    ]


def test_new_records_are_capped():
    records = {f"p-{n:03d}": {} for n in range(NEW_RECORDS_MAX + 20)}
    added = {rid: (BUILD_DATE - dt.timedelta(days=n % 80)).isoformat() for n, rid in enumerate(records)}
    got = new_records({"project": records}, added, BUILD_DATE)
    assert len(got) == NEW_RECORDS_MAX
    assert [date for _k, _id, date in got] == sorted((date for _k, _id, date in got), reverse=True)


def test_rule_text_states_window_and_cap():
    assert f"{NEW_RECORDS_DAYS} Tagen" in NEW_RECORDS_RULE and f"höchstens {NEW_RECORDS_MAX}" in NEW_RECORDS_RULE


def test_rule_text_names_the_label_readers_see_not_the_field():
    assert "„Zuletzt geprüft“" in NEW_RECORDS_RULE and "last_reviewed" not in NEW_RECORDS_RULE


GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git ist nicht installiert")


def git(repo, *args, date=None):
    extra = {"GIT_AUTHOR_DATE": f"{date}T12:00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00"} if date else {}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**GIT_ENV, **extra})


def three_commits(repo):
    """erstes + programm (March), zweites (October), drittes (November); one file not committed."""
    repo.mkdir()
    git(repo, "init", "-q")
    root = repo / "catalogue"
    write(root, [project("erstes")], [programme("programm")])
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", date="2026-03-01")
    write(root, [project("zweites"), project("erstes", title="Geändert")])
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "second", date="2026-10-15")
    write(root, [project("drittes")])
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "third", date="2026-11-20")
    write(root, [project("ungespeichert", last_reviewed="2026-11-25")])
    return root


@needs_git
def test_added_dates_come_from_one_git_log_of_the_catalogue(tmp_path):
    root = three_commits(tmp_path / "repo")
    assert git_added_dates(root) == {"erstes": "2026-03-01", "programm": "2026-03-01", "zweites": "2026-10-15",
                                     "drittes": "2026-11-20"}


@needs_git
def test_shallow_clone_does_not_date_every_record_to_its_cut_off_commit(tmp_path):
    three_commits(tmp_path / "repo")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{tmp_path / 'repo'}", str(clone)],
                   check=True, capture_output=True, env=GIT_ENV)
    # the cut-off commit ("second") seems to add erstes, programm and zweites: unknown, not new
    assert git_added_dates(clone / "catalogue") == {"drittes": "2026-11-20"}


def test_without_git_every_record_falls_back_to_last_reviewed(tmp_path):
    assert git_added_dates(tmp_path / "nicht-da") == {}
    root = write(tmp_path / "catalogue", [project("a", last_reviewed="2026-11-01")])
    assert git_added_dates(root) == {}


def test_enrich_uses_the_given_dates_and_lists_new_records():
    cat = catalogue([project("alt", last_reviewed="2026-11-20"), project("neu")], [programme("programm")])
    enriched = enrich(cat, added={"alt": "2024-02-01", "neu": "2026-11-01"})
    assert enriched.added == {"alt": "2024-02-01", "neu": "2026-11-01", "programm": "2026-10-01"}
    assert enriched.new_records == [("project", "neu", "2026-11-01"), ("funding", "programm", "2026-10-01")]
