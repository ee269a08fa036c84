"""Application status and deadlines as a reader sees them on the build date (2026-11-27)."""
import datetime as dt

from enrich_support import BUILD_DATE, programme
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.dates import latest
from generator.enrich.deadlines import all_deadlines, programme_deadlines, programme_status


def status_of(application: dict):
    return programme_status(programme("p", application=application), BUILD_DATE)


def test_call_in_its_window_is_open_with_its_end_date():
    status = status_of({"status": "offen", "deadlines": [{"name": "Aufruf 2026", "opens": "2026-01-15", "closes": "2027-03-31"}]})
    assert (status.status, status.label, status.next_closes, status.note) == ("offen", "Offen bis 31.03.2027", "2027-03-31", "")


def test_call_in_its_window_is_open_even_if_the_record_says_announced():
    status = status_of({"status": "angekuendigt", "deadlines": [{"opens": "2026-11-01", "closes": "2026-12-15"}]})
    assert (status.status, status.label) == ("offen", "Offen bis 15.12.2026")


def test_call_closing_on_the_build_date_is_still_open():
    assert status_of({"status": "offen", "deadlines": [{"opens": "2026-10-01", "closes": "2026-11-27"}]}).status == "offen"


def test_partial_closing_date_counts_as_last_day_of_the_month():
    status = status_of({"status": "offen", "deadlines": [{"opens": "2026-09", "closes": "2026-11"}]})
    assert (status.status, status.label, status.next_closes) == ("offen", "Offen bis 11/2026", "2026-11")


def test_partial_opening_year_counts_as_first_of_january():
    status = status_of({"status": "offen", "deadlines": [{"opens": "2026", "closes": "2026-12-31"}]})
    assert status.status == "offen"


def test_future_call_is_announced_with_its_opening_date():
    status = status_of({"status": "angekuendigt", "deadlines": [{"name": "Aufruf 2027", "opens": "2027-02-01", "closes": "2027-04-30"}]})
    assert (status.status, status.label, status.next_closes) == ("angekuendigt", "Nächster Aufruf ab 01.02.2027", "2027-04-30")


def test_future_call_opening_in_a_partial_month_starts_on_its_first_day():
    status = status_of({"status": "angekuendigt", "deadlines": [{"opens": "2027-03", "closes": "2027-06"}]})
    assert status.label == "Nächster Aufruf ab 03/2027"


def test_continuous_programme_with_a_future_call_stays_continuous():
    status = status_of({"status": "laufend", "deadlines": [{"name": "Sonderaufruf", "opens": "2027-02-01", "closes": "2027-04-30"}]})
    assert (status.status, status.label, status.next_closes) == ("laufend", "Laufend, nächster Aufruf ab 01.02.2027", "2027-04-30")


def test_continuous_programme_without_deadlines():
    status = status_of({"status": "laufend"})
    assert (status.status, status.label, status.next_closes) == ("laufend", "Laufend, ohne Stichtag", None)


def test_declared_status_without_deadlines_is_shown_as_declared():
    assert (status_of({"status": "offen"}).status, status_of({"status": "offen"}).label) == ("offen", "Offen, ohne Frist")
    announced = status_of({"status": "angekuendigt"})
    assert (announced.status, announced.label, announced.next_closes) == ("angekuendigt", "Angekündigt", None)


def test_declared_open_with_only_past_deadlines_is_closed_with_a_note():
    status = status_of({"status": "offen", "deadlines": ["2025-03-31", {"name": "Aufruf 2026", "opens": "2026-01-01", "closes": "2026-06-30"}]})
    assert (status.status, status.label, status.next_closes) == ("geschlossen", "Geschlossen", None)
    assert status.note == "Laut Eintrag offen, aber alle Fristen sind abgelaufen (zuletzt 30.06.2026)."


def test_declared_announced_with_only_past_deadlines_is_closed_with_a_note():
    status = status_of({"status": "angekuendigt", "deadlines": [{"opens": "2026-01", "closes": "2026-02"}]})
    assert status.status == "geschlossen"
    assert status.note.startswith("Laut Eintrag angekündigt, aber alle Fristen sind abgelaufen")


def test_partial_closing_year_still_counts_in_december():
    status = status_of({"status": "offen", "deadlines": ["2026"]})
    assert (status.status, status.label) == ("offen", "Offen bis 2026")


def test_declared_closed_stays_closed():
    assert status_of({"status": "geschlossen"}).status == "geschlossen"
    status = status_of({"status": "geschlossen", "deadlines": ["2027-03-31"]})
    assert (status.status, status.note) == ("geschlossen", "")


def test_declared_closed_with_a_running_call_says_so_in_the_note():
    status = status_of({"status": "geschlossen", "deadlines": [{"name": "Aufruf 2026", "opens": "2026-01-01", "closes": "2027-01-31"}]})
    assert status.status == "geschlossen"
    assert status.note == "Laut Eintrag geschlossen, obwohl „Aufruf 2026“ bis 31.01.2027 läuft."


def test_declared_open_with_future_plain_deadline_is_open_until_the_nearest():
    status = status_of({"status": "offen", "deadlines": ["2027-09-30", "2025-01-31", "2027-03-31"]})
    assert (status.status, status.label, status.next_closes) == ("offen", "Offen bis 31.03.2027", "2027-03-31")


def test_declared_announced_with_future_plain_deadline_stays_announced():
    status = status_of({"status": "angekuendigt", "deadlines": ["2027-05-15"]})
    assert (status.status, status.label) == ("angekuendigt", "Angekündigt, Frist 15.05.2027")


def test_deadline_states_at_build_date():
    record = programme("p", application={"status": "offen", "deadlines": [
        "2026-03-31",
        {"name": "Aufruf Herbst", "opens": "2026-09-01", "closes": "2026-12-15"},
        {"name": "Aufruf 2027", "opens": "2027-01-15", "closes": "2027-04"},
        "2027-06-30",
    ]})
    got = [(d.name, d.opens, d.closes, d.state) for d in programme_deadlines("p", record, BUILD_DATE)]
    assert got == [
        ("Stichtag", None, "2026-03-31", "abgelaufen"),
        ("Aufruf Herbst", "2026-09-01", "2026-12-15", "laufend"),
        ("Aufruf 2027", "2027-01-15", "2027-04", "kommend"),
        ("Stichtag", None, "2027-06-30", "kommend"),
    ]


def test_all_deadlines_sorted_by_resolved_closing_day_then_programme_then_name():
    funding = {
        "b-prog": programme("b-prog", application={"status": "offen", "deadlines": ["2027-03-31", {"name": "Z", "closes": "2027-01-31"}]}),
        "a-prog": programme("a-prog", application={"status": "offen", "deadlines": ["2027-03", {"name": "Aufruf", "closes": "2027"}]}),
        "c-prog": programme("c-prog", application={"status": "laufend"}),
    }
    got = [(d.programme, d.name, d.closes) for d in all_deadlines(funding, BUILD_DATE)]
    assert got == [
        ("b-prog", "Z", "2027-01-31"),
        ("a-prog", "Stichtag", "2027-03"),  # 2027-03 ends on 31 March, like b-prog's Stichtag: programme decides
        ("b-prog", "Stichtag", "2027-03-31"),
        ("a-prog", "Aufruf", "2027"),
    ]


# --- properties over arbitrary deadlines ------------------------------------------------------------------------

DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2029, 12, 31))


def _partial(day: dt.date, precision: int) -> str:
    return day.isoformat()[:(4, 7, 10)[precision]]


PARTIAL = st.builds(_partial, DAYS, st.integers(0, 2))
CALL = st.builds(lambda opens, closes, name: {"name": name, "opens": opens, "closes": closes} if opens else
                 {"name": name, "closes": closes}, st.one_of(st.none(), PARTIAL), PARTIAL, st.sampled_from(["", "Aufruf 1"]))
DEADLINES = st.lists(st.one_of(PARTIAL, CALL), max_size=4)
DECLARED = st.sampled_from(["offen", "laufend", "angekuendigt", "geschlossen"])


@settings(max_examples=300, deadline=None)
@given(DECLARED, DEADLINES)
def test_computed_status_never_contradicts_the_dates(declared, deadlines):
    application = {"status": declared, **({"deadlines": deadlines} if deadlines else {})}
    status = status_of(application)
    assert status.status in ("offen", "laufend", "angekuendigt", "geschlossen")
    assert status.label
    if declared == "geschlossen":
        assert status.status == "geschlossen"
    closes = [latest(d if isinstance(d, str) else d["closes"]) for d in deadlines]
    if deadlines and all(c < BUILD_DATE for c in closes):
        assert status.status == "geschlossen"
        assert status.next_closes is None
    if status.status == "offen" and deadlines:
        assert status.next_closes is not None and latest(status.next_closes) >= BUILD_DATE
    if status.next_closes is not None:
        assert latest(status.next_closes) >= BUILD_DATE


@settings(max_examples=200, deadline=None)
@given(DEADLINES)
def test_deadline_states_follow_the_build_date(deadlines):
    record = programme("p", application={"status": "offen", "deadlines": deadlines})
    found = programme_deadlines("p", record, BUILD_DATE)
    assert len(found) == len(deadlines)
    for deadline in found:
        if latest(deadline.closes) < BUILD_DATE:
            assert deadline.state == "abgelaufen"
        else:
            assert deadline.state in ("laufend", "kommend")
            assert (deadline.state == "laufend") == (deadline.opens is not None and deadline.opens <= BUILD_DATE.isoformat()[:len(deadline.opens)])
