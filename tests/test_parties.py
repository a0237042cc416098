"""Parties and participants from headings and openings in styles beyond the communiqué: a readout,
an institution's conclusions, a statement by one government. Every text is written for the test."""
from __future__ import annotations

import pytest

from pledgetrack.ingest import document_from_text
from pledgetrack.nlp.pipeline import extract_document


def test_readout_places_an_office_only_one_government_has():
    text = ("Readout of Secretary of Defense Jane Roe's Meeting With Indonesian Minister of Defense Budi Santoso\n"
            "April 2, 2031\n\n"
            "Secretary of Defense Jane Roe met with Indonesian Minister of Defense Budi Santoso today.\n\n"
            "Secretary Roe reaffirmed the U.S. commitment to the partnership. Both leaders committed to expand "
            "joint exercises.")
    doc = document_from_text(text, name="readout.txt")
    people = {p.name: p.country for p in doc.meta.participants}
    assert people == {"Jane Roe": "USA", "Budi Santoso": "IDN"}  # no "Santoso April" from the dateline
    assert doc.meta.parties == ["IDN", "USA"]
    found = {s.trigger: s for s in extract_document(doc).statements}
    assert found["reaffirmed"].actors == ["USA"]
    assert found["committed"].actors == ["IDN", "USA"]


@pytest.mark.parametrize(("heading", "parties"), [
    ("European Council conclusions", ["EU"]),
    ("Statement by the Government of Canada on Arctic Security", ["CAN"]),
    ("Statement of the Prime Minister of New Zealand", ["NZL"]),
    ("Joint Statement on Ukraine", []),  # a subject, not an author
])
def test_a_heading_that_names_its_one_author(heading, parties):
    text = f"{heading}\nOttawa, 3 May 2031\n\nThe meeting reviewed the situation."
    assert document_from_text(text, name="one.txt").meta.parties == parties


def test_an_institution_speaks_for_its_union():
    text = ("European Council conclusions\nBrussels, 27 June 2031\n\n"
            "1. The European Council reiterates its support for Moldova. "
            "The European Union will continue to provide financial support.")
    doc = document_from_text(text, name="euco.txt")
    found = {s.trigger: s for s in extract_document(doc).statements}
    assert found["reiterates"].actors == ["EU"] and found["continue"].actors == ["EU"]
    assert found["continue"].commitment


def test_a_heading_of_two_offices_and_its_dateline():
    """Two offices named by their countries' official names, the dateline on the next line of the
    heading: both countries are the parties, no office holder is named ("Republic" is the
    country's), and the place is the dateline's, not part of the title."""
    doc = document_from_text("Joint Statement by the President of the Hellenic Republic and the Prime Minister of Canada\n"
                             "Buenos Aires, March 3, 2030\n\n"
                             "The two leaders reaffirmed their partnership.\n", name="leaders.txt")
    assert doc.meta.parties == ["CAN", "GRC"]
    assert doc.meta.title == "Joint Statement by the President of the Hellenic Republic and the Prime Minister of Canada"
    assert doc.meta.place == "Buenos Aires" and doc.meta.date == "2030-03-03"
    assert doc.meta.participants == []


def test_an_office_holder_after_the_countrys_official_name():
    from pledgetrack.ingest.participants import find_participants
    found = find_participants("The President of the Italian Republic Ada Rossi met the Prime Minister of Chile Luis Soto.")
    assert [(p.name, p.role, p.country) for p in found] == [("Ada Rossi", "President", "ITA"),
                                                            ("Luis Soto", "Prime Minister", "CHL")]
    # the country after the name, in a name of several words
    found = find_participants("President Ana Lima of the Republic of the Philippines met Prime Minister Jon Berg of Norway.")
    assert [(p.name, p.country) for p in found] == [("Ana Lima", "PHL"), ("Jon Berg", "NOR")]


def test_a_heading_of_two_ministries_names_both_countries():
    doc = document_from_text("Joint Declaration of Intent between the Federal Ministry of Defence of the Federal Republic "
                             "of Austria and the Ministry of Foreign Affairs and Trade of the Kingdom of Denmark\n"
                             "Vienna, 14 May 2031\n\nThe Participants intend to deepen their cooperation.\n", name="doi.txt")
    assert doc.meta.parties == ["AUT", "DNK"]


def test_parties_named_by_their_formal_state_names():
    from pledgetrack.ingest.parties import find_parties
    assert find_parties("Joint Statement between the People's Republic of China and the Socialist Republic of Vietnam",
                        "", []) == ["CHN", "VNM"]
    assert find_parties("Joint Declaration of the Kingdom of Thailand and the Republic of Indonesia", "", []) == ["IDN", "THA"]
    assert find_parties("Joint Statement of Japan and the Federative Republic of Brazil", "", []) == ["BRA", "JPN"]
