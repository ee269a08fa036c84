"""Application status and deadlines as a reader sees them on the build date (2026-11-27)."""
import datetime as dt

from enrich_support import BUILD_DATE, programme
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.dates import latest
from generator.enrich.deadlines import add_months, all_deadlines, programme_deadlines, programme_status


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
    assert got == [  # a plain date or a call without name is named after the programme
        ("Programm p", None, "2026-03-31", "abgelaufen"),
        ("Aufruf Herbst", "2026-09-01", "2026-12-15", "laufend"),
        ("Aufruf 2027", "2027-01-15", "2027-04", "kommend"),
        ("Programm p", None, "2027-06-30", "kommend"),
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
        ("a-prog", "Programm a-prog", "2027-03"),  # 2027-03 ends on 31 March, like b-prog's deadline: programme decides
        ("b-prog", "Programm b-prog", "2027-03-31"),
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
    assert status.status in ("offen", "laufend", "angekuendigt", "geschlossen")  # evidence from 01.10.2026
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
    named = {(d, "") if isinstance(d, str) else (d["closes"], d["name"]) for d in deadlines}
    assert len(found) == len(named)  # the same name and closing day once
    for deadline in found:
        if latest(deadline.closes) < BUILD_DATE:
            assert deadline.state == "abgelaufen"
        else:
            assert deadline.state in ("laufend", "kommend")
            assert (deadline.state == "laufend") == (deadline.opens is not None and deadline.opens <= BUILD_DATE.isoformat()[:len(deadline.opens)])


# --- status backed by evidence (record format 1.1) --------------------------------------------------------------

DEC_2 = dt.date(2026, 12, 2)


def checked(as_of: str, confirms: bool = True) -> dict:
    return {"url": "https://www.example.org/programmseite", "as_of": as_of, "confirms_status": confirms}


def test_running_programme_confirmed_within_twelve_months_shows_as_running():
    record = programme("p", application={"status": "laufend"}, sources=[checked("2025-12-02")])
    status = programme_status(record, DEC_2)
    assert (status.status, status.label, status.evidence) == ("laufend", "Laufend, ohne Stichtag", "2025-12-02")


def test_running_programme_confirmed_thirteen_months_ago_is_unclear_with_the_date_and_official_page():
    record = programme("p", application={"status": "laufend"}, sources=[checked("2025-11-01")])
    status = programme_status(record, DEC_2)
    assert status.status == "unklar"
    assert status.label == "Stand unklar – zuletzt belegt am 01.11.2025; bitte beim Fördergeber prüfen"
    assert status.check_url == "https://www.example.org/p"
    assert status.note == "Laut Eintrag: Laufend, ohne Stichtag."
    assert not status.open


def test_evidence_one_day_older_than_twelve_months_no_longer_counts():
    record = programme("p", application={"status": "laufend"}, sources=[checked("2025-12-01")])
    assert programme_status(record, DEC_2).status == "unklar"


def test_a_dated_source_that_does_not_confirm_the_status_is_no_evidence():
    record = programme("p", application={"status": "offen"}, sources=[checked("2026-11-01", confirms=False)])
    status = programme_status(record, DEC_2)
    assert status.label == "Stand unklar – kein datierter Beleg für den Status; bitte beim Fördergeber prüfen"


def test_last_reviewed_alone_is_no_evidence():
    record = programme("p", application={"status": "laufend"}, sources=[{"url": "https://www.example.org/p"}],
                       last_reviewed="2026-12-01")
    assert programme_status(record, DEC_2).status == "unklar"


def test_a_month_as_date_counts_from_its_first_day_and_reads_as_month():
    record = programme("p", application={"status": "laufend"}, sources=[checked("2025-12")])
    status = programme_status(record, DEC_2)  # 01.12.2025 is one day too old
    assert status.label == "Stand unklar – zuletzt belegt im Dezember 2025; bitte beim Fördergeber prüfen"


def test_the_newest_confirming_source_decides():
    record = programme("p", application={"status": "laufend"}, sources=[checked("2019-05-01"), checked("2026-06-30")])
    assert programme_status(record, DEC_2).status == "laufend"


def test_open_call_without_recent_evidence_is_unclear_but_keeps_its_next_deadline():
    record = programme("p", application={"status": "offen", "deadlines": [{"opens": "2024-11-01", "closes": "2027-12-31"}]},
                       sources=[checked("2024-10-10")])
    status = programme_status(record, DEC_2)
    assert (status.status, status.next_closes, status.schedule) == ("unklar", "2027-12-31", "offen")


def test_closed_programme_needs_no_evidence():
    record = programme("p", application={"status": "geschlossen"}, sources=[{"url": "https://www.example.org/p"}])
    assert programme_status(record, DEC_2).status == "geschlossen"


def test_programme_is_closed_after_valid_until_whatever_the_status_says():
    record = programme("p", application={"status": "laufend"}, valid_until="2023-09-30", sources=[checked("2026-11-01")])
    status = programme_status(record, DEC_2)
    assert (status.status, status.note) == ("geschlossen", "Das Programm galt laut Quelle bis 30.09.2023.")


def test_programme_is_open_on_its_valid_until_day():
    record = programme("p", application={"status": "laufend"}, valid_until="2026-12-02")
    assert programme_status(record, DEC_2).status == "laufend"


# --- recurring deadlines ----------------------------------------------------------------------------------------

def yearly(closes: str, **extra) -> dict:
    return {"status": "offen", "deadlines": [{"name": "Antragstermin", "closes": closes, "repeat": "jaehrlich", **extra}]}


def test_yearly_deadline_next_occurrence_is_computed_for_the_build_date():
    record = programme("p", application=yearly("2019-12-15"))
    got = [(d.closes, d.state, d.repeat) for d in programme_deadlines("p", record, DEC_2)]
    assert got == [("2025-12-15", "abgelaufen", "jaehrlich"), ("2026-12-15", "kommend", "jaehrlich")]
    assert programme_status(record, DEC_2).label == "Offen bis 15.12.2026"


def test_yearly_deadline_ends_with_repeat_until():
    record = programme("p", application=yearly("2019-12-15", repeat_until="2025-12-31"))
    got = [(d.closes, d.state) for d in programme_deadlines("p", record, DEC_2)]
    assert got == [("2025-12-15", "abgelaufen")]
    assert programme_status(record, DEC_2).status == "geschlossen"


def test_recurring_deadline_without_repeat_until_ends_with_valid_until():
    record = programme("p", application=yearly("2019-12-15"), valid_until="2024-06-30")
    assert [d.closes for d in programme_deadlines("p", record, DEC_2)] == ["2023-12-15"]


def test_half_yearly_and_quarterly_windows_move_together_with_their_opening_day():
    half = programme("p", application={"status": "offen", "deadlines": [
        {"name": "Runde", "opens": "2024-01-01", "closes": "2024-03-31", "repeat": "halbjaehrlich"}]})
    assert [(d.opens, d.closes) for d in programme_deadlines("p", half, DEC_2)] == [("2026-07-01", "2026-09-30"), ("2027-01-01", "2027-03-31")]
    quarter = programme("q", application={"status": "offen", "deadlines": [{"closes": "2026-01-31", "repeat": "vierteljaehrlich"}]})
    assert [d.closes for d in programme_deadlines("q", quarter, DEC_2)] == ["2026-10-31", "2027-01-31"]


def test_a_first_occurrence_still_ahead_is_listed_alone():
    record = programme("p", application=yearly("2027-02-28"))
    assert [d.closes for d in programme_deadlines("p", record, DEC_2)] == ["2027-02-28"]


@settings(max_examples=200, deadline=None)
@given(DAYS, DAYS, st.sampled_from(["jaehrlich", "halbjaehrlich", "vierteljaehrlich"]))
def test_next_occurrence_is_the_first_on_or_after_the_build_date(first, today, rhythm):
    record = programme("p", application={"status": "offen", "deadlines": [{"closes": first.isoformat(), "repeat": rhythm}]})
    found = programme_deadlines("p", record, today)
    ahead = [d for d in found if d.state != "abgelaufen"]
    assert len(ahead) == 1
    next_day = dt.date.fromisoformat(ahead[0].closes)
    assert next_day >= today
    if next_day > first:  # the occurrence before it is already past
        step = {"jaehrlich": 12, "halbjaehrlich": 6, "vierteljaehrlich": 3}[rhythm]
        months = (next_day.year - first.year) * 12 + next_day.month - first.month
        assert add_months(first, months - step) < today
