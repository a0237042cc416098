"""Evidence suggestions: scoped to the thread's series and parties, reports of things done only."""
from __future__ import annotations

from pledgetrack.store import evidence


def _row(key, doc, date, sentence, actors, series, commitment=False, trigger="noted", content=""):
    return {"key": key, "id": key, "ext_id": key, "doc": doc, "date": date, "sentence": sentence, "content": content,
            "actors": actors, "series": series, "commitment": commitment, "trigger": trigger, "act": "note",
            "strength": 1, "topics": [], "deadlines": [], "review": None}


PLEDGE = _row("p", "council-1", "2030-01-01", "The two sides pledged to build the Harbour Logistics Centre "
              "in the northern port.", ["KOR", "USA"], "Council", True, "pledged")


def _suggest(pool):
    view = {"statements": [PLEDGE], "last_date": PLEDGE["date"], "series": "Council"}
    return [x["statement"]["key"] for x in evidence.suggest(None, view, candidates=pool)]


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


def _suggest_after(pool, first_date="2030-01-01"):
    view = {"statements": [PLEDGE], "last_date": PLEDGE["date"], "first_date": first_date, "series": "Council"}
    return [x["statement"]["key"] for x in evidence.suggest(None, view, candidates=pool)]


def test_a_completion_after_an_adverb_still_to_come_is_no_evidence():
    """"would be expeditiously completed" is a hope, "has been completed" a report."""
    hope = _row("h", "council-2", "2031-01-01", "They expected that the Harbour Logistics Centre in the northern port "
                "would be expeditiously completed.", ["KOR", "USA"], "Council")
    done = _row("d", "council-2", "2031-01-01", "They noted that the Harbour Logistics Centre in the northern port "
                "has been completed.", ["KOR", "USA"], "Council")
    assert _suggest_after([hope, done]) == ["d"]


def test_a_participle_that_qualifies_a_goal_is_no_report():
    goal = _row("g", "council-2", "2031-01-01", "They reaffirmed the goal of a Harbour Logistics Centre in the "
                "northern port, achieved through a gradual approach.", ["KOR", "USA"], "Council")
    assert _suggest_after([goal]) == []


def test_a_history_of_years_before_the_pledge_is_no_evidence():
    history = _row("y", "council-2", "2031-01-01", "During the 1990s the two sides completed the first Harbour "
                   "Logistics Centre in the northern port.", ["KOR", "USA"], "Council")
    assert _suggest_after([history]) == []
    assert _suggest_after([history], first_date="1985-01-01") == ["y"]


def test_one_telling_word_and_a_party_name_are_not_enough():
    """A report of something else done that shares one topical word and the parties' names
    ("the signing of a ROK and U.S. statement on harbour pilots") is no evidence for the Centre."""
    pledge = _row("p2", "council-1", "2030-01-01", "The ROK and the U.S. pledged to build the Harbour Logistics "
                  "Centre.", ["KOR", "USA"], "Council", True, "pledged")
    other = _row("s", "council-2", "2031-01-01", "The ROK and the U.S. welcomed the signing of a ROK and U.S. "
                 "statement on harbour pilots.", ["KOR", "USA"], "Council")
    view = {"statements": [pledge], "last_date": pledge["date"], "first_date": pledge["date"], "series": "Council"}
    assert evidence.suggest(None, view, candidates=[other]) == []


def test_two_statements_of_one_sentence_are_one_suggestion():
    sentence = "They noted that the Harbour Logistics Centre in the northern port was completed and opened."
    first = _row("d1", "council-2", "2031-01-01", sentence, ["KOR", "USA"], "Council")
    second = _row("d2", "council-2", "2031-01-01", sentence, ["KOR", "USA"], "Council")
    assert len(_suggest([first, second])) == 1


def test_a_completion_in_another_statement_of_the_sentence_is_no_report():
    """"They highlighted the work of X and committed to the establishment of Y": the highlight
    reports nothing done, and the pledge beside it names an establishment still to come."""
    sentence = ("They highlighted the work of the Harbour Working Group and committed to the establishment "
                "of the Harbour Logistics Centre in the northern port.")
    highlight = _row("h", "council-2", "2031-01-01", sentence, ["KOR", "USA"], "Council", trigger="highlighted",
                     content="the work of the Harbour Working Group")
    pledge = _row("c", "council-2", "2031-01-01", sentence, ["KOR", "USA"], "Council", True, "committed",
                  content="to the establishment of the Harbour Logistics Centre in the northern port")
    done = _row("d", "council-2", "2031-01-01", "They highlighted the establishment of the Harbour Logistics Centre "
                "in the northern port.", ["KOR", "USA"], "Council", trigger="highlighted",
                content="the establishment of the Harbour Logistics Centre in the northern port")
    assert _suggest_after([highlight, pledge, done]) == ["d"]


def test_a_launch_still_ahead_is_no_evidence():
    """"the forthcoming launch of X" names a deed to come; "the launch of X" reports it."""
    ahead = _row("f", "council-2", "2031-01-01", "They welcomed the forthcoming launch of the Harbour Logistics "
                 "Centre in the northern port.", ["KOR", "USA"], "Council", trigger="welcomed")
    done = _row("d", "council-2", "2031-01-01", "They welcomed the launch of the Harbour Logistics Centre in the "
                "northern port.", ["KOR", "USA"], "Council", trigger="welcomed")
    assert _suggest([ahead, done]) == ["d"]


def test_a_thread_without_a_commitment_or_a_date_gets_no_suggestions():
    """A thread of assessments ("the talks contributed to X") has no pledge to keep: the next
    meeting's "talks held during the meeting contributed to X" is its next step, not evidence;
    and an undated thread cannot say what came after it."""
    view_line = _row("v", "council-1", "2030-01-01", "They affirmed that the talks during the first Council "
                     "contributed to the Harbour Logistics Centre in the northern port.", ["KOR", "USA"], "Council",
                     trigger="affirmed")
    later = _row("d", "council-2", "2031-01-01", "They affirmed that the talks held during the second Council "
                 "contributed to the Harbour Logistics Centre in the northern port.", ["KOR", "USA"], "Council",
                 trigger="affirmed")
    views = {"statements": [view_line], "last_date": "2030-01-01", "series": "Council"}
    assert evidence.suggest(None, views, candidates=[later]) == []
    done = _row("c", "council-2", "2031-01-01", "They noted that the Harbour Logistics Centre in the northern port "
                "was completed.", ["KOR", "USA"], "Council")
    undated = {"statements": [dict(PLEDGE, date=None)], "last_date": None, "series": "Council"}
    assert evidence.suggest(None, undated, candidates=[done]) == []
    assert _suggest([done]) == ["c"]


def test_one_rare_word_of_the_thread_is_telling_one_widespread_word_is_not():
    """"signed the Concordat" beside a pledge to draft the Concordat: one telling word, but one
    that few documents of the collection use, so it names the pledged thing; a word most of its
    documents use ("pilots" in a collection about pilots) does not."""
    pledge = _row("p3", "council-1", "2030-01-01", "The two sides pledged to draft the Concordat on harbour pilots.",
                  ["KOR", "USA"], "Council", True, "pledged")
    view = {"statements": [pledge], "last_date": pledge["date"], "first_date": pledge["date"], "series": "Council"}
    signed = _row("s", "council-2", "2031-01-01", "The two sides signed the Concordat and praised the harbour "
                  "pilots.", ["KOR", "USA"], "Council", trigger="signed")
    filler = [_row(f"f{i}", f"council-{i + 3}", f"20{32 + i}-01-01", f"They noted progress on item {i} of the "
                   f"agenda{' for harbour pilots' if i < 6 else ''}.", ["KOR", "USA"], "Council") for i in range(9)]
    assert [x["statement"]["key"] for x in evidence.suggest(None, view, candidates=[signed, *filler])] == ["s"]
    widespread = _row("w", "council-2", "2031-01-01", "The two sides signed an accord on harbour pilots.",
                      ["KOR", "USA"], "Council", trigger="signed")
    assert evidence.suggest(None, view, candidates=[widespread, *filler]) == []


def test_the_meetings_number_and_the_series_name_tell_nothing_of_the_deed():
    """"the discussions held during the 47th Council" shares the meeting's number and name with a
    pledge to review a plan "at the 47th Council": what was held is not what was pledged."""
    pledge = _row("p4", "council-1", "2030-01-01", "The two sides pledged to review the Harbour plan at the 47th "
                  "Council.", ["KOR", "USA"], "Council", True, "pledged")
    view = {"statements": [pledge], "last_date": pledge["date"], "first_date": pledge["date"], "series": "Council"}
    held = _row("h", "council-2", "2031-01-01", "The two sides noted that the discussions held during the 47th "
                "Council strengthened the alliance.", ["KOR", "USA"], "Council")
    assert evidence.suggest(None, view, candidates=[held]) == []
    signed = _row("s", "council-2", "2031-01-01", "The two sides noted that the Harbour plan was reviewed and "
                  "endorsed at the 47th Council.", ["KOR", "USA"], "Council")
    assert [x["statement"]["key"] for x in evidence.suggest(None, view, candidates=[held, signed])] == ["s"]


def test_a_report_of_another_subject_is_no_evidence():
    """Evidence speaks of the thread's subject: a report that shares many words but none of the
    thread's topics (the Olympic Truce adopted, for a pledge on the port's logistics) is left out."""
    pledge = {**PLEDGE, "topics": ["economy", "bases"]}
    view = {"statements": [pledge], "last_date": pledge["date"], "series": "Council"}
    done = _row("d", "council-2", "2031-01-01", "They noted that the Harbour Logistics Centre in the northern port "
                "was completed.", ["KOR", "USA"], "Council")
    other = {**done, "key": "o", "id": "o", "ext_id": "o", "topics": ["human_rights"]}
    same = {**done, "topics": ["bases"]}
    assert [x["statement"]["key"] for x in evidence.suggest(None, view, candidates=[other, same])] == ["d"]
    assert evidence.suggest(None, view, candidates=[other]) == []
    assert [x["statement"]["key"] for x in evidence.suggest(None, view, candidates=[done])] == ["d"]  # no topics: kept
