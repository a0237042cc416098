"""Acronym long forms: they start at a word boundary and spell the acronym (sentences written for the test)."""
import pytest

from pledgetrack.models import Document
from pledgetrack.nlp.glossary import find_definitions


def terms(text: str) -> dict[str, str]:
    return {e.acronym: e.expansion for e in find_definitions(Document("t.txt", None, "", text))}


@pytest.mark.parametrize("text, expected", [
    # every word initial before inner letters: not "Ababa Action Agenda", not "protective equipment"
    ("Delegates endorsed the Addis Ababa Action Agenda (AAAA) at the forum.", {"AAAA": "Addis Ababa Action Agenda"}),
    ("Clinics received personal protective equipment (PPE) last spring.", {"PPE": "personal protective equipment"}),
    # a long form may start inside a hyphenated compound
    ("Tokyo hosted the Japan-North Atlantic Treaty Organization (NATO) dialogue.",
     {"NATO": "North Atlantic Treaty Organization"}),
    ("They discussed the Seoul-Republic of Korea (ROK) plan.", {"ROK": "Republic of Korea"}),
    # letters out of order: no long form rather than a wrong one
    ("Parties to the Treaty on the Non-Proliferation of Nuclear Weapons (NPT) met.", {}),
    # inner letters still count when the initials alone cannot spell it; words may follow the last initial
    ("They spoke of wartime operational control (OPCON) transfer.", {"OPCON": "operational control"}),
    ("We launched the Indo-Pacific Economic Framework for Prosperity (IPEF) talks.",
     {"IPEF": "Indo-Pacific Economic Framework for Prosperity"}),
])
def test_long_forms(text, expected):
    assert terms(text) == expected
