"""Organisations as parties: membership by date, series of their summits, "Allies"/"Member States"
as their members, and subsets of them. Every document here is written for the test."""
from __future__ import annotations

import pytest

from pledgetrack.countries import ORGANISATIONS, find_organisations, party_list
from pledgetrack.ingest import document_from_text
from pledgetrack.nlp.pipeline import extract_document
from pledgetrack.web.render import env

ALLIANCE_DECLARATION = """Declaration issued by the Heads of State and Government of the North Atlantic Alliance
Lisbon, {date}

1. We, the Heads of State and Government of NATO, met in Lisbon to renew our bond.

2. Allies commit to spend more on defence. Those Allies that have not yet met the guideline commit to do so by 2031.

3. We welcome the decision of Finland and Sweden to seek membership.

4. Several Allies expressed concern about the pace of procurement.
"""

CHAIR_STATEMENT = """Chairman's Statement of the 51st ASEAN Summit
Dili, 4 May 2031

1. We, the Heads of State/Government of the Member States of ASEAN, met in Dili.

2. We tasked our Ministers to finish the review of the trade agreement by 2032.

3. Some Member States expressed concerns on incidents at sea.
"""


def by_trigger(doc):
    return {s.trigger: s for s in extract_document(doc).statements}


def test_membership_follows_the_date():
    nato = ORGANISATIONS["NATO"]
    assert {"FIN", "SWE", "MKD"}.isdisjoint(nato.members_on("2019-06-01"))
    assert {"FIN", "SWE", "MKD"} <= set(nato.members_on("2030-01-01"))
    assert "TLS" not in ORGANISATIONS["ASEAN"].members_on("2024-10-09")
    assert "TLS" in ORGANISATIONS["ASEAN"].members_on("2026-01-01")


def test_names_match_as_written_and_whole():
    assert [o.name for _, _, o in find_organisations("the Quad and NATO's staff, not the quadrant")] == ["Quad", "NATO"]
    assert find_organisations("ASEANS and G7x") == []


@pytest.mark.parametrize(("date", "absent", "present"), [
    ("12 June 2019", {"FIN", "SWE"}, {"USA", "TUR", "MNE"}),
    ("12 June 2030", set(), {"FIN", "SWE", "USA"}),
])
def test_alliance_parties_are_its_members_on_the_day(date, absent, present):
    doc = document_from_text(ALLIANCE_DECLARATION.format(date=date), name="decl.txt")
    assert present <= set(doc.meta.parties) and absent.isdisjoint(doc.meta.parties)
    assert doc.meta.series == "NATO Summit"
    found = by_trigger(doc)
    assert found["commit"].actors == doc.meta.parties  # "Allies" are all of them
    assert found["welcome"].actors == doc.meta.parties  # Finland named, not acting
    assert found["expressed"].subset and found["expressed"].actors == doc.meta.parties


def test_chair_statement_of_a_regional_group():
    doc = document_from_text(CHAIR_STATEMENT, name="chair.txt")
    assert (doc.meta.series, doc.meta.number) == ("ASEAN Summit", 51)
    assert "TLS" in doc.meta.parties and len(doc.meta.parties) == 11
    found = by_trigger(doc)
    assert found["tasked"].commitment and [d.date for d in found["tasked"].deadlines] == ["2032-12-31"]
    assert found["expressed"].subset  # "Some Member States"
    assert found["expressed"].actors == doc.meta.parties


def test_a_group_named_in_passing_is_no_party():
    text = ("Joint Statement of the Prime Minister of Japan and the President of the United States\n"
            "Tokyo, 3 March 2031\n\n"
            "The two leaders met in Tokyo. They welcomed the progress of the Quad and of the G7.\n\n"
            "The leaders reaffirmed their commitment to the alliance.")
    doc = document_from_text(text, name="pair.txt")
    assert doc.meta.parties == ["JPN", "USA"]  # offices between the names: "... of Japan and the President of ..."
    assert doc.meta.participants == []  # "... the President of the United States Tokyo, 3 March": no name
    assert by_trigger(doc)["reaffirmed"].actors == ["JPN", "USA"]


def test_the_issuing_group_wins_over_a_group_it_names():
    text = ("G20 Leaders' Declaration\nNew Delhi, 9 September 2023\n\n"
            "1. We, the Leaders of the G20, met in New Delhi. We take note of the G7 initiative on supply chains.\n\n"
            "2. We commit to scale up financing for climate adaptation.")
    doc = document_from_text(text, name="g20.txt")
    assert doc.meta.series == "G20 Summit"
    assert {"ARG", "ZAF", "IND", "EU"} <= set(doc.meta.parties)


def test_a_summit_named_after_its_two_parties():
    text = ("EU-Japan Summit Joint Statement\nBrussels, 2 June 2031\n\n"
            "The EU and Japan decided to launch a partnership on space.")
    doc = document_from_text(text, name="eu-jp.txt")
    assert doc.meta.parties == ["EU", "JPN"]
    assert doc.meta.series == "EU-Japan Summit"
    assert by_trigger(doc)["decided"].actors == ["EU", "JPN"]


@pytest.mark.parametrize("opening", [
    "We, the Heads of State and Government of the 32 NATO Allies, have gathered in Washington.",
    "We, the Heads of State and Government of the member countries of the North Atlantic Alliance, met in Washington.",
])
def test_an_opening_in_the_groups_own_voice_names_the_issuer(opening):
    text = f"Washington Summit Declaration\n10 July 2031\n\n1. {opening}\n\n2. We will continue to support Ukraine."
    meta = document_from_text(text, name="summit.txt").meta
    assert meta.parties == ORGANISATIONS["NATO"].members_on("2031-07-10") and meta.series == "NATO Summit"


def test_a_groups_summit_with_a_partner_is_a_series_of_its_own():
    text = ("Joint Statement of the 27th ASEAN-China Summit\nVientiane, 10 October 2031\n\n"
            "1. We, the Heads of State/Government of the Member States of ASEAN and the People’s Republic of China, "
            "met in Vientiane.\n\n2. We will strengthen maritime cooperation.")
    meta = document_from_text(text, name="asean-china.txt").meta
    assert (meta.series, meta.number) == ("ASEAN-China Summit", 27)  # not the ASEAN Summit
    assert set(meta.parties) == set(ORGANISATIONS["ASEAN"].members_on("2031-10-10")) | {"CHN"}


def test_other_groups_and_roman_numbers():
    text = ("XVI BRICS Summit Kazan Declaration\nKazan, 23 October 2024\n\n"
            "1. We, the Leaders of BRICS, met in Kazan.\n\n2. We will deepen financial cooperation.")
    meta = document_from_text(text, name="brics.txt").meta
    assert (meta.series, meta.number) == ("BRICS Summit", 16)
    assert {"EGY", "IRN", "ZAF"} <= set(meta.parties) and "IDN" not in meta.parties  # Indonesia joined in 2025
    assert "IND" not in ORGANISATIONS["SCO"].members_on("2016-06-24")


def test_a_whole_membership_reads_as_its_group():
    assert party_list(ORGANISATIONS["NATO"].members_on("2019-12-04")) == "NATO (29)"
    assert party_list([*ORGANISATIONS["ASEAN"].members_on("2031-01-01"), "CHN"]) == "ASEAN (11), CHN"
    assert party_list(ORGANISATIONS["G7"].members) == "G7"  # a membership that never changed needs no count
    assert party_list(["USA", "KOR"]) == "KOR, USA"
    assert env.from_string("{{ a|parties }}").render(a=ORGANISATIONS["NATO"].members_on("2031-01-01")) == "NATO (32)"


def test_a_standing_council_of_an_organisation_is_a_series_of_its_own():
    """The meetings of the African Union's Peace and Security Council are not the union's summits."""
    text = ("Communiqué of the 1210th Meeting of the Peace and Security Council\n\nAddis Ababa, 14 March 2031\n\n"
            "The Peace and Security Council of the African Union (AU), at its 1210th meeting held on 14 March 2031, "
            "on the situation in the Sahel region,\n\n1. Decides to deploy an assessment mission.\n")
    meta = document_from_text(text, name="psc.txt").meta
    assert (meta.series, meta.number) == ("Peace and Security Council", 1210)
    assert set(meta.parties) == set(ORGANISATIONS["AU"].members_on("2031-03-14")) and "MAR" in meta.parties
    assert "MAR" not in ORGANISATIONS["AU"].members_on("2016-12-31")  # Morocco rejoined in 2017
