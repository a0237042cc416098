"""Resolutions and council communiqués: operative paragraphs that open with their verb under a
body's name ("The Council, 1. Decides ..."), and "take note of"."""
from __future__ import annotations

import pledgetrack

COMMUNIQUE = """Communiqué of the 900th Meeting of the Regional Security Council

Lusaka, 2 April 2031

The Regional Security Council of the African Union, at its 900th meeting held on 2 April 2031, on the situation in the Great Lakes region,

1. Takes note of the briefing by the Special Envoy on the humanitarian situation;

2. Decides to dispatch a fact-finding mission to the region by September 2031, and requests the Commission to report on its findings;

3. Calls upon all parties to respect the ceasefire;

4. Strongly condemns the attacks against humanitarian workers;

The Council will review the mandate of the mission at its next session.

Requests for assistance rose sharply during the year.
"""


def test_operative_paragraphs_are_acts_of_the_body_named_above_them():
    result = pledgetrack.extract(COMMUNIQUE)
    acts = [(s.act, s.trigger, s.commitment) for s in result.statements]
    assert acts[:6] == [("note", "note", False), ("decide", "Decides", True), ("request", "requests", True),
                        ("call", "Calls", False), ("condemn", "condemns", False), ("review", "review", True)]
    decided = result.statements[1]
    assert decided.speaker == "The Regional Security Council of the African Union"
    assert "ZAF" in decided.actors and decided.actors == result.document.meta.parties
    assert decided.content.startswith("to dispatch a fact-finding mission") and "requests" not in decided.content
    assert [d.date for d in decided.deadlines] == ["2031-09-30"]
    assert result.statements[0].content.startswith("the briefing by the Special Envoy")
    # a paragraph that speaks otherwise ends the list: "Requests for assistance rose" is no act
    assert len(result.statements) == 6


def test_a_resolution_with_its_preamble():
    text = ("Resolution 12/3 of the Ministerial Council of the Pacific Islands Forum\n\nSuva, 5 June 2031\n\n"
            "The Ministerial Council,\n\nRecalling its earlier decisions on fisheries management,\n\n"
            "Deeply concerned by the decline of tuna stocks,\n\n"
            "1. Requests the Secretariat to prepare a regional conservation plan;\n\n"
            "2. Further decides to establish a working group on illegal fishing.\n")
    found = {s.act: s for s in pledgetrack.extract(text).statements}
    assert set(found) == {"recall", "concern", "request", "decide"}
    assert found["decide"].commitment and found["decide"].speaker == "The Ministerial Council"
    assert found["request"].content.startswith("the Secretariat to prepare")
    assert "FJI" in found["recall"].actors


def test_a_body_named_in_a_sentence_of_its_own_starts_no_list():
    text = ("Joint Statement of the Council\n\nSuva, 5 June 2031\n\n"
            "The Forum Leaders, meeting in Suva, welcomed the report of the Pacific Islands Forum.\n\n"
            "Decides to hold meetings was the title of the old rule.\n")
    acts = [s.act for s in pledgetrack.extract(text).statements]
    assert acts == ["welcome"]


def test_take_note_is_the_act_of_noting():
    text = ("Joint Statement of the Foreign Ministers of Japan and Australia\n\nTokyo, 3 March 2031\n\n"
            "The Ministers took note of the report of the expert group and decided to extend its mandate.\n\n"
            "Japan takes note of Australia's new defence strategy.\n")
    found = {s.act: s for s in pledgetrack.extract(text).statements}
    assert set(found) == {"note", "decide"}
    assert found["note"].content in {"the report of the expert group", "Australia's new defence strategy"}
    notes = [s for s in pledgetrack.extract(text).statements if s.act == "note"]
    assert [s.content for s in notes] == ["the report of the expert group", "Australia's new defence strategy"]
    assert notes[1].actors == ["JPN"] and not notes[0].commitment


def test_a_bullet_the_parser_split_keeps_the_rest_of_its_sentence():
    """ "• Launching talks on X, to be concluded by the end of 2032;" was parsed with "concluded" as
    the root: the content stopped at the comma and the deadline was lost."""
    text = ("Fact Sheet: Canada-Chile Partnership\n\nOttawa, 9 September 2031\n\nCanada and Chile are:\n\n"
            "• Launching negotiations on a critical minerals agreement, to be concluded by the end of 2032;\n\n"
            "• Expanding joint research on lithium processing.\n")
    launch, expand = pledgetrack.extract(text).statements
    assert launch.content == "negotiations on a critical minerals agreement, to be concluded by the end of 2032"
    assert [d.date for d in launch.deadlines] == ["2032-12-31"] and launch.commitment
    assert expand.content == "joint research on lithium processing" and not expand.deadlines


RESOLUTION = """Resolution 4100 (2031)

Adopted by the Security Council at its 9100th meeting, on 3 March 2031

The Security Council,

Recalling its previous resolutions and the statements of its President on the situation in the Lake Chad basin,

Reaffirming its strong commitment to the sovereignty and territorial integrity of the States of the region,

Acting under Chapter VII of the Charter of the United Nations,

1. Demands that all armed groups immediately release the hostages;

2. Decides to extend the mandate of the regional office until 31 January 2032;
"""


def test_a_security_council_resolution_speaks_for_the_council_with_its_preamble_one_clause_a_paragraph():
    found = pledgetrack.extract(RESOLUTION).statements
    assert [s.act for s in found] == ["recall", "reaffirm", "demand", "decide"]
    assert {s.speaker for s in found} == {"The Security Council"}
    # no party is named: the countries the text speaks of are not the speakers
    assert all(s.actors == [] for s in found)
    recall, _, _, decide = found
    assert not recall.commitment  # "its previous resolutions": the Council's texts, not a resolve
    assert decide.commitment and [d.date for d in decide.deadlines] == ["2032-01-31"]
    assert recall.content.endswith("in the Lake Chad basin")  # the next clause of the preamble is its own


def test_their_resolution_to_act_is_still_a_commitment():
    text = ("Joint Statement of Japan and Australia\n\nTokyo, 3 March 2031\n\n"
            "The Ministers reaffirmed their resolution to defend the rules-based order.\n")
    [s] = pledgetrack.extract(text).statements
    assert s.commitment


def test_topics_of_other_alliances_agendas():
    """Cues beyond the Korean alliance's agenda: a health pledge of cancer screening, a ceasefire,
    defence spending."""
    text = ("Joint Statement of Canada and Chile\n\nOttawa, 9 September 2031\n\n"
            "Canada will provide $10 million to support cervical cancer screening in Chile.\n\n"
            "The two sides called on all armed groups to respect the ceasefire and to support the mediation of the envoy.\n\n"
            "Canada commits to invest at least 2% of GDP annually on defence.\n")
    screening, ceasefire, spending = pledgetrack.extract(text).statements
    assert spending.topics == ["cost_sharing"]  # defence spending: the burden shared
    assert screening.topics == ["health"]
    assert "global_security" in ceasefire.topics and "diplomacy" in ceasefire.topics


def test_a_council_requesting_its_own_secretariat_pledges_the_task():
    """ "Requests the Commission to convene ..." (the body's own secretariat) is the body's own
    undertaking, as "tasked officials to" is; a request to another stays a call on others."""
    found = pledgetrack.extract(COMMUNIQUE).statements
    request = next(s for s in found if s.trigger == "requests")
    assert request.commitment and request.content.startswith("the Commission to report")
    calls = next(s for s in found if s.trigger == "Calls")
    assert not calls.commitment  # "Calls upon all parties to respect the ceasefire"
    text = RESOLUTION + "\n3. Requests the Secretary-General to report every 90 days;\n\n4. Requests the European Commission to fund it;\n"
    asked = [s for s in pledgetrack.extract(text).statements if s.act == "request"]
    assert [s.commitment for s in asked] == [True, False]
