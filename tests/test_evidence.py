"""Evidence suggestions: scoped to the thread's series and parties, reports of things done only."""
from __future__ import annotations

from pledgetrack.store import status


def _row(key, doc, date, sentence, actors, series, commitment=False, trigger="noted"):
    return {"key": key, "id": key, "ext_id": key, "doc": doc, "date": date, "sentence": sentence,
            "actors": actors, "series": series, "commitment": commitment, "trigger": trigger, "act": "note",
            "strength": 1, "topics": [], "deadlines": [], "review": None}


PLEDGE = _row("p", "council-1", "2030-01-01", "The two sides pledged to build the Harbour Logistics Centre "
              "in the northern port.", ["KOR", "USA"], "Council", True, "pledged")


def _suggest(pool):
    view = {"statements": [PLEDGE], "last_date": PLEDGE["date"], "series": "Council"}
    return [x["statement"]["key"] for x in status.suggest(None, view, candidates=pool)]


def test_report_in_the_same_series_is_suggested():
    done = _row("d", "council-2", "2031-01-01", "They noted that the Harbour Logistics Centre in the northern port "
                "was completed.", ["KOR", "USA"], "Council")
    assert _suggest([done]) == ["d"]


def test_other_parties_are_no_evidence():
    other = _row("o", "forum-1", "2031-01-01", "The two sides noted that the Harbour Logistics Centre in the "
                 "northern port was completed.", ["JPN", "USA"], "Other Forum")
    assert _suggest([other]) == []


def test_a_new_pledge_or_a_completion_still_to_come_is_no_evidence():
    pledge = _row("n", "council-2", "2031-01-01", "They pledged to complete the Harbour Logistics Centre in the "
                  "northern port and to have it certified.", ["KOR", "USA"], "Council", True, "pledged")
    to_come = _row("t", "council-2", "2031-01-01", "They noted that the Harbour Logistics Centre in the northern "
                   "port is to be completed.", ["KOR", "USA"], "Council")
    assert _suggest([pledge, to_come]) == []


def test_best_match_first():
    close = _row("c", "council-2", "2031-01-01", "They noted that the Harbour Logistics Centre in the northern port "
                 "was completed.", ["KOR", "USA"], "Council")
    loose = _row("l", "council-2", "2031-01-01", "They noted that the port road was completed and that harbour "
                 "works continue.", ["KOR", "USA"], "Council")
    assert _suggest([loose, close])[0] == "c"
