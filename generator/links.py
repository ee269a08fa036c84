"""External links in the records: find them (with file and line), check them, report dead ones.

Extraction and the report are pure functions; `check_all` is the only part that
touches the network, with a total deadline per URL (a server that trickles one
byte at a time is cut off) and a bounded number of requests at once. Only
http(s) is ever opened: the opener has no handler for file:, ftp: or data:.
Every connection, including each redirect's, resolves the host name first and
refuses loopback, link-local, private and other non-public addresses, then
connects to exactly the address it checked. Dead links are reported on a schedule, never on a pull
request, so nobody's contribution fails because another site went down.
"""
from __future__ import annotations

import functools
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.addresses import forbidden_address
from generator.findings import format_path
from generator.loader import LoadResult

USER_AGENT = "Kommunaler-Digitalisierungskatalog-Linkpruefung/1.0 (+CONTRIBUTING.md)"
_WHOLE_URL = re.compile(r"https?://\S+")
_URL_IN_TEXT = re.compile(r"https?://[^\s<>()\[\]\"'`]+")
_TRAILING = ".,;:!?"
# Servers that refuse robots or throttle say nothing about the link itself.
UNKNOWN_CODES = {401, 403, 429, 503}
HEAD_FALLBACK_CODES = {400, 403, 404, 405, 406, 409, 500, 501, 502, 503}
OK, DEAD, UNKNOWN = "ok", "dead", "unknown"


@dataclass(frozen=True, order=True)
class LinkRef:
    """One URL at one place in one record."""

    file: str
    line: int
    field: str
    url: str
    record_id: str = ""


@dataclass(frozen=True)
class LinkStatus:
    url: str
    state: str  # ok | dead | unknown
    status: int | None  # HTTP status code, None when no answer
    reason: str  # German, for the report


# --- extraction ------------------------------------------------------------------------------

def _urls_in(value: str) -> list[tuple[int, str]]:
    """(offset, url) for a value that is a URL or free text with URLs in it."""
    if _WHOLE_URL.fullmatch(value):
        return [(0, value)]
    return [(m.start(), m.group().rstrip(_TRAILING)) for m in _URL_IN_TEXT.finditer(value)]


def extract(file: str, loaded: LoadResult) -> list[LinkRef]:
    """Every http(s) URL in a loaded record, with the line it is written on."""
    data = loaded.data
    if not isinstance(data, dict):
        return []
    record_id = str(data.get("id", Path(file).stem))
    refs: list[LinkRef] = []

    def walk(value, path: tuple) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))
        elif isinstance(value, str):
            line, _column = loaded.position(path)
            block = "\n" in value  # multi-line text is a block scalar: its text starts on the next line
            for offset, url in _urls_in(value):
                shift = value.count("\n", 0, offset) + (1 if block else 0)
                refs.append(LinkRef(file, line + shift, format_path(path), url, record_id))

    walk(data, ())
    return sorted(refs)


# --- checking --------------------------------------------------------------------------------

LOCAL_REASON = "führt in das lokale oder private Netz (nicht abgerufen)"
# (address, port) pairs exempt from the rule against local addresses; empty except in tests of this module
EXEMPT: frozenset = frozenset()


class ForbiddenAddress(OSError):
    """The host resolves to an address that is not public."""


class DeadlineExceeded(OSError):
    """The URL's total time budget ran out."""


class _Budget:
    """One URL's total time: every socket it opens is closed when the deadline passes."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._sockets: list = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self.expire)
        self._timer.daemon = True

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc):
        self._timer.cancel()
        return False

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                sock.close()
                raise DeadlineExceeded("deadline")
            self._sockets.append(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()


def _public_connection(host: str, port: int, timeout: float, budget: _Budget, exempt: frozenset) -> socket.socket:
    """Resolve, refuse if any address is not public (unless exempt), connect to a checked address."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]
        if forbidden_address(ipaddress.ip_address(address)) and (address, port) not in exempt:
            raise ForbiddenAddress(address)
    error: OSError = OSError("keine Adresse")
    for family, type_, proto, _name, sockaddr in infos:
        sock = socket.socket(family, type_, proto)
        budget.track(sock)
        sock.settimeout(max(0.05, min(timeout, budget.remaining())))
        try:
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, budget: _Budget, exempt: frozenset, **kwargs):
        super().__init__(*args, **kwargs)
        self._budget, self._exempt = budget, exempt

    def connect(self):
        self.sock = _public_connection(self.host, self.port, self.timeout, self._budget, self._exempt)


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, budget: _Budget, exempt: frozenset, **kwargs):
        super().__init__(*args, **kwargs)
        self._budget, self._exempt = budget, exempt

    def connect(self):
        sock = _public_connection(self.host, self.port, self.timeout, self._budget, self._exempt)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, budget: _Budget, exempt: frozenset):
        super().__init__()
        self._connection = functools.partial(_GuardedHTTPConnection, budget=budget, exempt=exempt)

    def http_open(self, req):
        return self.do_open(self._connection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, budget: _Budget, exempt: frozenset):
        super().__init__()
        self._connection = functools.partial(_GuardedHTTPSConnection, budget=budget, exempt=exempt)

    def https_open(self, req):
        return self.do_open(self._connection, req, context=ssl.create_default_context())


def _opener(budget: _Budget, exempt: frozenset) -> urllib.request.OpenerDirector:
    """http and https only (no file:, ftp:, data:), no proxies, following redirects through the same guard."""
    opener = urllib.request.OpenerDirector()
    for handler in (_GuardedHTTPHandler(budget, exempt), _GuardedHTTPSHandler(budget, exempt),
                    urllib.request.HTTPRedirectHandler(), urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _status_text(code: int | None) -> str:
    names = {404: "nicht gefunden", 410: "entfernt", 500: "Serverfehler", 502: "Gateway-Fehler",
             401: "Anmeldung nötig", 403: "Zugriff verweigert", 429: "zu viele Anfragen",
             503: "Dienst nicht verfügbar", 400: "ungültige Anfrage"}
    return f"HTTP {code}" + (f" ({names[code]})" if code in names else "")


def _request(opener, url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    with opener.open(request, timeout=timeout) as response:
        if method == "GET":
            response.read(1024)
        return response.status


def check_url(url: str, *, timeout: float = 15.0) -> LinkStatus:
    """HEAD first; servers that answer HEAD badly get a GET. `timeout` bounds the whole check of
    this URL (both requests and every redirect), not just one socket operation."""
    if not re.match(r"https?://", url):
        return LinkStatus(url, DEAD, None, "keine http(s)-Adresse")
    with _Budget(timeout) as budget:
        status = _check(url, _opener(budget, EXEMPT), budget)
    if budget.expired and status.state != OK:
        return LinkStatus(url, DEAD, None, f"keine vollständige Antwort innerhalb von {timeout:g} s")
    return status


def _local(error) -> bool:
    return isinstance(error, ForbiddenAddress) or isinstance(getattr(error, "reason", None), ForbiddenAddress)


def _check(url: str, opener, budget: _Budget) -> LinkStatus:
    timeout = budget.seconds
    last_code = None
    for method in ("HEAD", "GET"):
        try:
            code = _request(opener, url, method, max(0.05, budget.remaining()))
            return LinkStatus(url, OK, code, _status_text(code))
        except urllib.error.HTTPError as error:
            last_code = error.code
            error.close()
            if method == "HEAD" and error.code in HEAD_FALLBACK_CODES:
                continue
            break
        except TimeoutError:
            return LinkStatus(url, DEAD, None, f"keine Antwort innerhalb von {timeout:g} s")
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, ForbiddenAddress):
                return LinkStatus(url, DEAD, None, LOCAL_REASON)
            if isinstance(reason, ssl.SSLError):
                return LinkStatus(url, DEAD, None, "Zertifikat oder TLS fehlerhaft")
            if isinstance(reason, (socket.timeout, TimeoutError)):
                return LinkStatus(url, DEAD, None, f"keine Antwort innerhalb von {timeout:g} s")
            if isinstance(reason, socket.gaierror):
                return LinkStatus(url, DEAD, None, "Domain nicht gefunden")
            if isinstance(reason, ConnectionRefusedError):
                return LinkStatus(url, DEAD, None, "Verbindung abgelehnt")
            return LinkStatus(url, DEAD, None, f"nicht erreichbar ({reason})")
        except (http.client.HTTPException, OSError, ValueError) as error:
            if _local(error):
                return LinkStatus(url, DEAD, None, LOCAL_REASON)
            return LinkStatus(url, DEAD, None, f"nicht erreichbar ({type(error).__name__})")
    if last_code in UNKNOWN_CODES:
        return LinkStatus(url, UNKNOWN, last_code, _status_text(last_code))
    return LinkStatus(url, DEAD, last_code, _status_text(last_code))


def check_all(urls, *, timeout: float = 15.0, workers: int = 8, checker=check_url) -> dict[str, LinkStatus]:
    """Each distinct URL once, at most `workers` requests at a time."""
    unique = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = pool.map(lambda url: checker(url, timeout=timeout), unique)
        return {status.url: status for status in results}


# --- reporting -------------------------------------------------------------------------------

def _cell(text: str) -> str:
    """Text in a table cell inside a code span: no backticks, no pipes, no line breaks."""
    return "`" + text.replace("`", "%60").replace("|", "%7C").replace("\n", " ").replace("\r", " ") + "`"


def listing(refs: list[LinkRef]) -> str:
    lines = [f"{r.file}:{r.line}: {r.field}: {r.url}" for r in refs]
    records = len({r.file for r in refs})
    lines.append(f"{len(refs)} Links ({len({r.url for r in refs})} verschiedene Adressen) in {records} Einträgen.")
    return "\n".join(lines) + "\n"


def text_report(refs: list[LinkRef], results: dict[str, LinkStatus]) -> str:
    bad = [r for r in refs if results[r.url].state == DEAD]
    lines = [f"{r.file}:{r.line}: Feld „{r.field}“: {r.url} – {results[r.url].reason}" for r in bad]
    lines.append(_summary(refs, results))
    return "\n".join(lines) + "\n"


def _summary(refs: list[LinkRef], results: dict[str, LinkStatus]) -> str:
    dead = sum(1 for s in results.values() if s.state == DEAD)
    unknown = sum(1 for s in results.values() if s.state == UNKNOWN)
    records = len({r.file for r in refs})
    return (f"{len(results)} Adressen aus {records} Einträgen geprüft: {dead} nicht erreichbar, "
            f"{unknown} nicht prüfbar.")


def markdown_report(refs: list[LinkRef], results: dict[str, LinkStatus], *, as_of: str,
                    max_chars: int = 60_000) -> str:
    """The body of the one issue that lists dead links, grouped by record."""
    head = ["## Nicht erreichbare Links", "",
            f"Stand: {as_of}. {_summary(refs, results)}", "",
            "Bitte die Adresse im Eintrag korrigieren (oder die Quelle ersetzen) und „last_reviewed“ "
            "aktualisieren. Dieses Issue wird bei jeder Prüfung neu geschrieben und geschlossen, "
            "sobald alle Links erreichbar sind.", ""]
    sections = []
    for state, title in ((DEAD, None), (UNKNOWN, "## Nicht prüfbar")):
        by_file: dict[str, list[LinkRef]] = {}
        for ref in refs:
            if results[ref.url].state == state:
                by_file.setdefault(ref.file, []).append(ref)
        if not by_file:
            continue
        if title:
            sections.append([title, "", "Diese Server lehnen automatische Prüfungen ab oder bremsen sie. "
                                        "Bitte bei Gelegenheit von Hand prüfen.", ""])
        for file in sorted(by_file):
            group = by_file[file]
            block = [f"### {_cell(group[0].record_id)} ({_cell(file)})", "",
                     "| Zeile | Feld | Adresse | Ergebnis |", "|---|---|---|---|"]
            block += [f"| {r.line} | {_cell(r.field)} | {_cell(r.url)} | {results[r.url].reason} |" for r in group]
            sections.append(block + [""])
    out = "\n".join(head)
    for i, block in enumerate(sections):
        text = "\n".join(block) + "\n"
        if len(out) + len(text) > max_chars:
            out += (f"\n… {len(sections) - i} weitere Abschnitte passen nicht in dieses Issue. "
                    "Die vollständige Liste steht im Protokoll des Workflows „Links prüfen“.\n")
            break
        out += text
    if not sections:
        out += "Alle Links sind erreichbar.\n"
    return out
