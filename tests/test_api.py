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


def test_dataframes_from_extraction_and_from_a_store(tmp_path):
    pd = pytest.importorskip("pandas")
    (tmp_path / "a.txt").write_text("Joint Statement\n\nMarch 3, 2024\n\n1. The two sides pledged to hold talks in 2025. "
                                    "They welcomed the report.\n")
    collection = pledgetrack.extract_many([tmp_path / "a.txt"])
    frame = collection.to_dataframe()
    assert list(frame["trigger"]) == ["pledged", "welcomed"]
    assert frame["commitment"].tolist() == [True, False] and frame["year"].tolist() == [2024, 2024]
    assert isinstance(frame["date"].dtype, type(pd.Series(pd.to_datetime(["2024-03-03"])).dtype))
    from pledgetrack.store import Store
    with Store.open(tmp_path / "s.db") as store:
        store.ingest([tmp_path / "a.txt"])
    with pledgetrack.load(str(tmp_path / "s.db")) as db:
        stored = db.statements_frame(commitment=True)
        assert stored["sentence"].str.contains("pledged").tolist() == [True]
        assert db.documents_frame()["name"].tolist() == ["a.txt"]
        assert set(db.threads_frame().columns) >= {"id", "status", "labels"}
    with pytest.raises(InputError, match="no such file"):
        pledgetrack.load("no/such/store.db")
