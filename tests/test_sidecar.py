"""Metadata sidecars (ingest --meta) and what is read about a document: titles, dates, links."""
import json

import pytest
from typer.testing import CliRunner

from pledgetrack.cli.main import app
from pledgetrack.errors import InputError
from pledgetrack.ingest import load_document
from pledgetrack.ingest.metadata import restore_case
from pledgetrack.ingest.sidecar import read_sidecar, split_title
from pledgetrack.store import Store

TEXT = ("Joint Statement of the Ministers\n\n"
        "1. The Minister and the Secretary pledged to hold joint exercises with the ROK Navy in 2026.\n")
UNDATED = "Joint Statement on Fisheries\n\nThe two sides agreed to protect fishing grounds in the Pacific.\n"


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ministers.txt").write_text(TEXT)
    (tmp_path / "docs" / "fisheries.txt").write_text(UNDATED)
    return tmp_path


def test_tsv_sidecar_titles_dates_links(corpus):
    sidecar = corpus / "docs" / "META.tsv"
    sidecar.write_text("file\twords\ttitle\turl\n"
                       "ministers.txt\t20\tJoint Statement of the 7th ROK-U.S. Ministers (Seoul, March 3, 2025)\t"
                       "https://example.org/ministers\n")
    meta = read_sidecar(sidecar)
    doc = load_document(corpus / "docs" / "ministers.txt", meta=meta.get(corpus / "docs" / "ministers.txt"))
    assert doc.meta.title == "Joint Statement of the 7th ROK-U.S. Ministers"  # the case kept, the date taken
    assert (doc.meta.date, doc.meta.url) == ("2025-03-03", "https://example.org/ministers")
    assert not any("date" in w for w in doc.warnings)


def test_json_sidecar_and_bad_values(corpus):
    good = corpus / "meta.json"
    good.write_text(json.dumps({"docs/fisheries.txt": {"title": "Fisheries", "date": "2024-05-01", "series": "Ocean"}}))
    row = read_sidecar(good).get(corpus / "docs" / "fisheries.txt")
    assert (row.title, row.date, row.series) == ("Fisheries", "2024-05-01", "Ocean")
    bad = corpus / "bad.csv"
    bad.write_text("file,date\nfisheries.txt,May 2024\n")
    with pytest.raises(InputError, match="row 2 .*date must be YYYY-MM-DD"):
        read_sidecar(bad)
    (corpus / "nofile.tsv").write_text("title\tdate\nX\t2024-01-01\n")
    with pytest.raises(InputError, match="no 'file' column"):
        read_sidecar(corpus / "nofile.tsv")


def test_a_title_that_is_only_a_note_is_no_title():
    assert split_title("(see file)") == ("", None)
    assert split_title("Vision (adopted at the 9th meeting, Nov 2019)") == (
        "Vision (adopted at the 9th meeting, Nov 2019)", None)


def test_flattened_title_case_restored_from_the_body():
    body = "The ROK and the U.S. held the meeting. The Republic of Korea welcomed it."
    assert restore_case("Joint Communiqué Of The 12Th Rok-U.S. Defense Meeting", body) == (
        "Joint Communiqué of the 12th ROK-U.S. Defense Meeting")
    assert restore_case("Quad Leaders' Statement", body) == "Quad Leaders' Statement"  # left alone


def test_ingest_with_meta_stores_title_date_url_and_warns_on_undated(corpus):
    (corpus / "META.tsv").write_text("file\ttitle\tdate\turl\n"
                                     "ministers.txt\tMinisters' Statement\t2025-03-03\thttps://example.org/m\n")
    db = str(corpus / "t.db")
    r = CliRunner().invoke(app, ["ingest", str(corpus / "docs"), "--meta", str(corpus / "META.tsv"), "--db", db])
    assert r.exit_code == 0, r.output
    assert "warning: fisheries.txt: no meeting date found" in r.stderr
    assert "[1/2]" in r.stderr and "[2/2]" in r.stderr  # progress lines when stderr is not a terminal
    with Store.open(db) as store:
        docs = {d["name"]: d for d in store.documents()}
    assert docs["ministers.txt"]["title"] == "Ministers' Statement"
    assert (docs["ministers.txt"]["date"], docs["ministers.txt"]["url"]) == ("2025-03-03", "https://example.org/m")
    assert docs["fisheries.txt"]["date"] is None
    r = CliRunner().invoke(app, ["ingest", str(corpus / "docs"), "--meta", str(corpus / "missing.tsv"), "--db", db])
    assert r.exit_code == 1 and "cannot read the metadata file" in r.stderr
