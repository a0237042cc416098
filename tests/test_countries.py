"""Country mentions: names from data/countries.toml and pycountry, found by a PhraseMatcher on tokens."""
from __future__ import annotations

import pytest

from pledgetrack.countries import display_name, find_countries


def codes(text: str) -> list[str]:
    return [code for _, _, code in find_countries(text)]


@pytest.mark.parametrize("text, expected", [
    ("the U.S.-Japan Alliance and the ROK-U.S. Alliance", ["USA", "JPN", "KOR", "USA"]),
    ("the Republic of Korea (ROK)-United States (U.S.) meeting", ["KOR", "KOR", "USA", "USA"]),
    ("the U.S.- Japan talks", ["USA", "JPN"]),
    ("Korean-American ties and Japan's role", ["KOR", "USA", "JPN"]),
    ("the United\nStates and New Zealand", ["USA", "NZL"]),
    ("the Democratic People’s Republic of Korea and the People’s Republic of China", ["PRK", "CHN"]),
    ("peace on the Korean peninsula and in the Taiwan Strait", []),
    ("let us work with Finland", ["FIN"]),  # the pronoun "us" is no country
    ("Norwegians in Norway and Ivorians from Côte d’Ivoire", ["NOR", "CIV"]),
])
def test_country_mentions(text, expected):
    assert codes(text) == expected


def test_offsets_point_at_the_name():
    text = "Leaders of the Republic of Korea and the U.S. met."
    assert [text[s:e] for s, e, _ in find_countries(text)] == ["Republic of Korea", "U.S."]


def test_short_names_for_series_and_reasons():
    assert [display_name(c) for c in ("USA", "KOR", "JPN", "NZL", "MEX", "FJI")] == [
        "U.S.", "ROK", "Japan", "New Zealand", "Mexico", "Fiji"]  # the statements' own, then names, then ISO's


def test_official_names_are_found_whole():
    text = "The French Republic and the Republic of India, with the Hellenic Republic."
    assert [(text[a:b], c) for a, b, c in find_countries(text)] == [
        ("French Republic", "FRA"), ("Republic of India", "IND"), ("Hellenic Republic", "GRC")]


def test_short_country_names_are_found_but_not_a_territory():
    text = "attended by the leaders of Fiji, Niue, Laos, Brunei, the Federated States of Micronesia and Iraq, in Guam"
    assert [code for _, _, code in find_countries(text)] == ["FJI", "NIU", "LAO", "BRN", "FSM", "IRQ"]
