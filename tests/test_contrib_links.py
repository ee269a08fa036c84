"""katalog links: URLs found with file and line, checked against a local server, reported by record."""
from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from generator import links
from generator.cli import main
from generator.links import DEAD, OK, UNKNOWN, LinkRef, LinkStatus, check_all, check_url, extract, forbidden_address, markdown_report
from generator.loader import load_text


class Handler(BaseHTTPRequestHandler):
    """A tiny web site with one path per behaviour the checker must handle."""

    routes = {
        "/ok": (200, None),
        "/fehlt": (404, None),
        "/umgezogen": (301, "/ok"),
        "/umgezogen-ins-leere": (302, "/fehlt"),
        "/bremse": (429, None),
        "/kaputt": (500, None),
    }

    def _answer(self, with_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/nur-get":
            code, location = (405, None) if self.command == "HEAD" else (200, None)
        else:
            code, location = self.routes.get(path, (404, None))
        self.send_response(code)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(site_server, monkeypatch):
    """The local test site, exempted from the rule against local addresses (only this address and port)."""
    monkeypatch.setattr(links, "EXEMPT", frozenset({("127.0.0.1", site_server)}))
    return f"http://127.0.0.1:{site_server}"


@pytest.fixture
def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


RECORD = """\
id: beispiel-links
title: Beispiel
description: |
  Erster Absatz.

  Mehr unter [der Projektseite](https://www.example.org/projekt). Siehe auch https://www.example.org/zwei.
contact:
  organisation: Stadt Beispiel
  url: https://www.example.org/kontakt
sources:
  - url: https://www.example.org/quelle
    title: Quelle mit https://www.example.org/im-titel
"""


# --- extraction ------------------------------------------------------------------------------

def test_every_url_is_found_with_its_line_and_field():
    refs = extract("catalogue/projects/beispiel-links.yaml", load_text(RECORD))
    found = {(r.line, r.field, r.url) for r in refs}
    assert found == {
        (6, "description", "https://www.example.org/projekt"),
        (6, "description", "https://www.example.org/zwei"),
        (9, "contact.url", "https://www.example.org/kontakt"),
        (11, "sources[0].url", "https://www.example.org/quelle"),
        (12, "sources[0].title", "https://www.example.org/im-titel"),
    }
    assert {r.record_id for r in refs} == {"beispiel-links"}


def test_fixture_catalogue_urls_are_listed_without_network(fixture_catalogue, capsys):
    assert main(["links", "--nur-auflisten", "--katalog", str(fixture_catalogue)]) == 0
    out = capsys.readouterr().out
    assert "projects/koeln-smart-parking.yaml:41: sources[0].url: https://www.example.org/koeln-parken" in out
    assert "projects/koeln-smart-parking.yaml:31: reuse.repository: https://gitlab.opencode.de/beispiel/parken" in out
    records = len(list(fixture_catalogue.glob("*/*.yaml")))
    assert out.strip().endswith(f"in {records} Einträgen.")


def test_records_that_do_not_load_give_no_links():
    assert extract("x.yaml", load_text("- nur\n- eine Liste\n")) == []
    assert extract("x.yaml", load_text("a: *anker\n")) == []


# --- checking against a local server ----------------------------------------------------------

def test_reachable_page_is_ok(site):
    assert check_url(f"{site}/ok").state == OK


def test_missing_page_is_dead_with_its_status(site):
    status = check_url(f"{site}/fehlt")
    assert (status.state, status.status, status.reason) == (DEAD, 404, "HTTP 404 (nicht gefunden)")


def test_server_that_refuses_head_is_checked_with_get(site):
    status = check_url(f"{site}/nur-get")
    assert (status.state, status.status) == (OK, 200)


def test_redirects_are_followed_to_their_target(site):
    assert check_url(f"{site}/umgezogen").state == OK
    assert check_url(f"{site}/umgezogen-ins-leere").status == 404


def test_throttling_server_is_unknown_not_dead(site):
    assert check_url(f"{site}/bremse").state == UNKNOWN


def test_server_error_is_dead(site):
    assert check_url(f"{site}/kaputt").state == DEAD


def test_refused_connection_is_dead(closed_port, monkeypatch):
    monkeypatch.setattr(links, "EXEMPT", frozenset({("127.0.0.1", closed_port)}))
    status = check_url(f"http://127.0.0.1:{closed_port}/", timeout=5)
    assert (status.state, status.reason) == (DEAD, "Verbindung abgelehnt")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "data:text/plain,hi"])
def test_only_http_and_https_are_opened(url):
    status = check_url(url)
    assert (status.state, status.reason) == (DEAD, "keine http(s)-Adresse")


def test_each_url_is_checked_once(site):
    calls = []

    def counting(url, timeout):
        calls.append(url)
        return LinkStatus(url, OK, 200, "HTTP 200")

    results = check_all([f"{site}/ok", f"{site}/ok", f"{site}/fehlt"], workers=2, checker=counting)
    assert sorted(calls) == sorted({f"{site}/ok", f"{site}/fehlt"})
    assert set(results) == {f"{site}/ok", f"{site}/fehlt"}


def test_command_exits_1_and_writes_the_issue_text_when_a_link_is_dead(site, catalogue_copy, tmp_path, capsys):
    record = catalogue_copy / "projects" / "koeln-smart-parking.yaml"
    text = record.read_text(encoding="utf-8")
    text = text.replace("https://www.example.org/koeln-parken", f"{site}/fehlt")
    text = text.replace("https://gitlab.opencode.de/beispiel/parken", f"{site}/ok")
    record.write_text(text, encoding="utf-8")
    for other in catalogue_copy.glob("*/*.yaml"):
        if other != record:
            other.unlink()
    report = tmp_path / "links.md"
    code = main(["links", "--katalog", str(catalogue_copy), "--ausgabe", str(report), "--zeitlimit", "5"])
    assert code == 1
    assert f"koeln-smart-parking.yaml:41: Feld „sources[0].url“: {site}/fehlt – HTTP 404" in capsys.readouterr().out
    body = report.read_text(encoding="utf-8")
    assert "### `koeln-smart-parking`" in body
    assert f"| 41 | `sources[0].url` | `{site}/fehlt` | HTTP 404 (nicht gefunden) |" in body
    assert f"{site}/ok" not in body


# --- report ----------------------------------------------------------------------------------

def _ref(file, line, url, record_id="a-b"):
    return LinkRef(file, line, "sources[0].url", url, record_id)


def test_report_groups_dead_links_by_record_and_lists_unknown_ones_apart():
    refs = [_ref("catalogue/projects/a-b.yaml", 3, "https://x.example/1"),
            _ref("catalogue/projects/a-b.yaml", 9, "https://x.example/2"),
            _ref("catalogue/funding/c-d.yaml", 4, "https://y.example/", "c-d"),
            _ref("catalogue/funding/c-d.yaml", 5, "https://z.example/", "c-d")]
    results = {"https://x.example/1": LinkStatus("https://x.example/1", DEAD, 404, "HTTP 404 (nicht gefunden)"),
               "https://x.example/2": LinkStatus("https://x.example/2", DEAD, None, "Domain nicht gefunden"),
               "https://y.example/": LinkStatus("https://y.example/", OK, 200, "HTTP 200"),
               "https://z.example/": LinkStatus("https://z.example/", UNKNOWN, 403, "HTTP 403 (Zugriff verweigert)")}
    body = markdown_report(refs, results, as_of="2026-11-30")
    assert "Stand: 2026-11-30. 4 Adressen aus 2 Einträgen geprüft: 2 nicht erreichbar, 1 nicht prüfbar." in body
    dead_part, unknown_part = body.split("## Nicht prüfbar")
    assert "### `a-b` (`catalogue/projects/a-b.yaml`)" in dead_part
    assert "| 9 | `sources[0].url` | `https://x.example/2` | Domain nicht gefunden |" in dead_part
    assert "https://y.example/" not in body
    assert "`https://z.example/`" in unknown_part


def test_urls_cannot_break_the_table_or_the_code_span():
    url = "https://x.example/a|b`c"
    body = markdown_report([_ref("f.yaml", 1, url)], {url: LinkStatus(url, DEAD, 404, "HTTP 404")}, as_of="2026-11-30")
    assert "`https://x.example/a%7Cb%60c`" in body


def test_long_reports_are_cut_to_fit_an_issue():
    refs = [_ref(f"catalogue/projects/p{i:04d}.yaml", 1, f"https://x.example/{i}", f"p{i:04d}") for i in range(2000)]
    results = {r.url: LinkStatus(r.url, DEAD, 404, "HTTP 404") for r in refs}
    body = markdown_report(refs, results, as_of="2026-11-30", max_chars=20_000)
    assert len(body) < 20_500
    assert "weitere Abschnitte passen nicht in dieses Issue" in body


def test_report_without_problems_says_so():
    url = "https://x.example/"
    body = markdown_report([_ref("f.yaml", 1, url)], {url: LinkStatus(url, OK, 200, "HTTP 200")}, as_of="2026-11-30")
    assert body.rstrip().endswith("Alle Links sind erreichbar.")


def test_command_exits_0_when_every_link_answers(site, tmp_path, capsys):
    catalogue = tmp_path / "catalogue"
    (catalogue / "projects").mkdir(parents=True)
    (catalogue / "projects" / "beispiel-links.yaml").write_text(
        RECORD.replace("https://www.example.org/", f"{site}/ok?"), encoding="utf-8")
    report = tmp_path / "links.md"
    assert main(["links", "--katalog", str(catalogue), "--ausgabe", str(report), "--zeitlimit", "5"]) == 0
    assert "5 Adressen aus 1 Einträgen geprüft: 0 nicht erreichbar, 0 nicht prüfbar." in capsys.readouterr().out
    assert report.read_text(encoding="utf-8").rstrip().endswith("Alle Links sind erreichbar.")


def test_command_refuses_a_missing_catalogue(tmp_path, capsys):
    assert main(["links", "--katalog", str(tmp_path / "fehlt")]) == 2
    assert "gibt es nicht" in capsys.readouterr().err


# --- no requests into local or private networks; a total deadline per URL ----------------------

class Counting(BaseHTTPRequestHandler):
    """Counts every request it receives; the checks below must never reach it."""

    requests = 0

    def do_HEAD(self):
        type(self).requests += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


class Trickle(BaseHTTPRequestHandler):
    """Answers one byte at a time, 0.1 s apart (60 bytes = 6 s); records whether the client hung up first."""

    finished = None

    def _trickle(self):
        answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Langsam: " + b"x" * 20 + b"\r\n\r\nok"
        try:
            for byte in answer:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
            type(self).finished = True
        except OSError:
            type(self).finished = False

    do_HEAD = do_GET = _trickle

    def log_message(self, *args):
        pass


def serve(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # a short poll interval: shutdown() waits for the next poll (0.5 s by default, per test)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


@pytest.fixture
def counting():
    Counting.requests = 0
    server = serve(Counting)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("address", ["127.0.0.1", "127.5.5.5", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                                     "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1"])
def test_local_private_and_link_local_addresses_are_forbidden(address):
    import ipaddress
    assert forbidden_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "2a00:1450:4001:80b::200e"])
def test_public_addresses_are_allowed(address):
    import ipaddress
    assert not forbidden_address(ipaddress.ip_address(address))


def test_a_loopback_url_is_refused_without_a_request(counting):
    status = check_url(f"http://127.0.0.1:{counting}/", timeout=5)
    assert status.state == DEAD and "lokale oder private" in status.reason
    assert Counting.requests == 0


def test_a_name_that_resolves_to_loopback_is_refused_after_resolution(counting):
    status = check_url(f"http://localhost:{counting}/", timeout=5)
    assert status.state == DEAD and "lokale oder private" in status.reason
    assert Counting.requests == 0


def test_a_redirect_into_the_local_network_is_refused(site, counting, monkeypatch):
    monkeypatch.setattr(links, "EXEMPT", frozenset({("127.0.0.1", int(site.rsplit(":", 1)[1]))}))
    monkeypatch.setitem(Handler.routes, "/nach-innen", (302, f"http://127.0.0.1:{counting}/geheim"))
    status = check_url(f"{site}/nach-innen", timeout=5)
    assert status.state == DEAD and "lokale oder private" in status.reason
    assert Counting.requests == 0


def test_a_trickling_server_cannot_hold_the_check_past_its_deadline():
    server = serve(Trickle)
    try:
        port = server.server_address[1]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(links, "EXEMPT", frozenset({("127.0.0.1", port)}))
            status = check_url(f"http://127.0.0.1:{port}/", timeout=1)
        assert status.state == DEAD and status.reason == "keine vollständige Antwort innerhalb von 1 s"
        for _ in range(100):  # the server notices the hang-up at its next byte
            if Trickle.finished is not None:
                break
            time.sleep(0.05)
        assert Trickle.finished is False
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("url", ["http://127.0.0.1/intern", "http://localhost:8080/", "https://10.0.0.5/x",
                                 "http://intranet/start", "https://router.fritz.box/", "http://[::1]/"])
def test_the_validator_warns_about_local_urls_in_records(capsys, catalogue_copy, url):
    from test_validate import GOOD_PROJECT, run_validate, write_project

    write_project(catalogue_copy, GOOD_PROJECT.replace("https://www.example.org/quelle", url))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0
    assert any("Warnung: Feld „sources[0].url“" in line and "lokale oder private" in line for line in out.splitlines()), out


@pytest.mark.parametrize("query, names", [("?utm_source=rss&utm_medium=rss", "utm_medium, utm_source"),
                                          ("?wt_mc=rss.ho.beitrag.atom", "wt_mc"), ("?id=4&fbclid=abc", "fbclid"),
                                          ("?gclid=xyz", "gclid")])
def test_the_validator_warns_about_tracking_parameters_in_source_urls(capsys, catalogue_copy, query, names):
    from test_validate import GOOD_PROJECT, run_validate, write_project

    write_project(catalogue_copy, GOOD_PROJECT.replace("https://www.example.org/quelle", "https://www.example.org/quelle" + query))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0
    assert any("Warnung: Feld „sources[0].url“" in line and f"Tracking-Parameter ({names})" in line for line in out.splitlines()), out


def test_a_real_page_parameter_is_no_tracking_parameter(capsys, catalogue_copy):
    from test_validate import GOOD_PROJECT, run_validate, write_project

    url = "https://www.example.org/quelle?tx_ttnews%5Btt_news%5D=123&cHash=ab12"
    write_project(catalogue_copy, GOOD_PROJECT.replace("https://www.example.org/quelle", url))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0
    assert "Tracking-Parameter" not in out
