"""The Python API: what a string means (a path or a text)."""
import pytest

import pledgetrack
from pledgetrack.api import looks_like_path
from pledgetrack.errors import InputError


@pytest.mark.parametrize("source", ["a/mistyped/path.txt", "missing-notes.md", "no/such/folder"])
def test_a_missing_path_is_reported_as_a_missing_file(source):
    with pytest.raises(InputError, match=f"^{source}: no such file$"):
        pledgetrack.extract(source)


def test_a_sentence_is_a_text_not_a_path(tmp_path):
    assert not looks_like_path("The two sides pledged to meet in Seoul/Busan next year.")
    result = pledgetrack.extract("The two sides pledged to hold talks in 2025.", date="2024-01-01")
    assert [s.trigger for s in result.statements] == ["pledged"]
    path = tmp_path / "note.txt"
    path.write_text("The two sides pledged to hold talks in 2025.\n")
    assert pledgetrack.extract(str(path), date="2024-01-01").document.name == "note.txt"
