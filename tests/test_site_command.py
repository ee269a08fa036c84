"""`katalog build` as a contributor runs it: refusal of a broken catalogue, options, output."""
from __future__ import annotations

import subprocess
import sys

import pytest

from site_support import stage

KATALOG = [sys.executable, "-m", "generator"]


def run(*args, cwd=None):
    return subprocess.run([*KATALOG, *args], capture_output=True, text=True, cwd=cwd)


def test_a_catalogue_with_errors_is_refused_with_the_validators_report(tmp_path, catalogue_copy):
    broken = catalogue_copy / "projects" / "koeln-smart-parking.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: betrieb", "status: fertig"), encoding="utf-8")
    config = stage(tmp_path / "project")
    result = run("build", "--katalog", str(catalogue_copy), "--config", str(config), "--ausgabe", str(tmp_path / "site"),
                 "--stichtag", "2026-11-27")
    assert result.returncode == 1
    assert "koeln-smart-parking.yaml" in result.stdout and "status" in result.stdout
    assert "wird nicht gebaut" in result.stderr
    assert not (tmp_path / "project" / "docs" / "projekte").exists()
    assert not (tmp_path / "site").exists()


def test_a_malformed_build_date_is_a_usage_error(tmp_path, fixture_catalogue):
    result = run("build", "--katalog", str(fixture_catalogue), "--stichtag", "27.11.2026", "--nur-seiten",
                 "--config", str(stage(tmp_path / "p")))
    assert result.returncode == 2 and "JJJJ-MM-TT" in result.stderr


@pytest.mark.slow  # seconds of CPU: left out of make test-fast, run by make test
def test_pages_only_writes_markdown_and_reports_counts(tmp_path, fixture_catalogue):
    config = stage(tmp_path / "project")
    result = run("build", "--katalog", str(fixture_catalogue), "--stichtag", "2026-11-27", "--nur-seiten", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert "4 Projekte, 2 Förderprogramme" in result.stdout
    assert (tmp_path / "project" / "docs" / "projekte" / "koeln-smart-parking.md").is_file()
    assert (tmp_path / "project" / "docs" / "index.md").is_file()


@pytest.mark.slow
def test_build_writes_the_site_where_asked(tmp_path, fixture_catalogue):
    config = stage(tmp_path / "project")
    result = run("build", "--katalog", str(fixture_catalogue), "--stichtag", "2026-11-27", "--config", str(config),
                 "--ausgabe", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "projekte" / "koeln-smart-parking.html").is_file()
    assert "Website gebaut" in result.stdout


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 60.0) -> str:
    import time
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.slow
def test_serve_previews_and_regenerates_pages_when_a_record_changes(tmp_path, catalogue_copy):
    import time

    config = stage(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen([*KATALOG, "serve", "--katalog", str(catalogue_copy), "--stichtag", "2026-11-27",
                               "--config", str(config), "--adresse", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = f"http://127.0.0.1:{port}/projekte/koeln-smart-parking.html"
        assert "<h1>Smart Parking in der Innenstadt</h1>" in fetch(page)
        record = catalogue_copy / "projects" / "koeln-smart-parking.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace("title: Smart Parking in der Innenstadt",
                                                                     "title: Smart Parking in der Altstadt"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while "<h1>Smart Parking in der Altstadt</h1>" not in fetch(page):
            assert time.monotonic() < deadline, "Seite wurde nicht neu erzeugt"
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=20)
