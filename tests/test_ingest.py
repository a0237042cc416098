"""Tests of pledgetrack.ingest: reading, cleaning, paragraphs, metadata and bad input."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

import pledgetrack
from pledgetrack.errors import InputError
from pledgetrack.ingest import document_from_text, load_document
from pledgetrack.ingest.docx_numbering import Numbering, W

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpus" / "seeds"
ALLIANCE = ROOT / "corpus" / "alliance"
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def scm51():
    return load_document(SEEDS / "scm51-joint-communique.txt")


@pytest.fixture(scope="module")
def singapore():
    return load_document(SEEDS / "defense-ministers-singapore-joint-statement.txt", date="2018-06-02")


def _paragraph_texts(doc):
    return [doc.text[p.start:p.end] for p in doc.paragraphs]


# --- cleaning -------------------------------------------------------------------------------

def test_web_banner_and_trailer_removed(scm51):
    assert "official website" not in scm51.text
    assert "Here's how you know" not in scm51.text and ".gov" not in scm51.text
    assert "Immediate Release" not in scm51.text
    assert "can be found here" not in scm51.text
    texts = _paragraph_texts(scm51)
    assert texts[0] == "Joint Communiqué of the 51st ROK-U.S. Security Consultative Meeting"
    assert texts[1].startswith("1. The 51st")
    assert texts[-1].startswith("23. Minister Jeong and Secretary Esper")


def test_split_sentence_rejoined(singapore):
    paras = _paragraph_texts(singapore)
    joined = [p for p in paras if "Alliance capabilities, and developing strategic documents" in p]
    assert len(joined) == 1 and joined[0].startswith("The Secretary and the Minister recognized")


def test_quotes_and_dashes_kept(scm51):
    assert "SCM’s effective handling" in scm51.text
    assert "confidence-building measures" in scm51.text


def test_hyphenation_and_wraps_repaired_synthetic():
    text = (
        "Joint Statement of the Example Meeting\n\n"
        "The Ministers reaffirmed the need to strengthen opera-\n"
        "tional cooperation and to pursue confidence-\n"
        "building measures between the two\n"
        "nations. They also welcomed the ROK-\n"
        "U.S. combined exercises.\n"
    )
    doc = document_from_text(text)
    assert "operational cooperation" in doc.text
    assert "confidence-building measures" in doc.text
    assert "ROK-U.S. combined" in doc.text
    assert "between the two nations." in doc.text
    assert len(doc.paragraphs) == 2


def test_a_running_line_that_carries_the_page_number_is_removed_from_every_page():
    """The running title at the foot of one page with its number ("TITLE   Page 1 of 2") and at the
    head of the next without: page furniture both times, not part of the paragraph it touches."""
    from pledgetrack.ingest.boilerplate import remove_running_lines
    text = ("Joint Statement of the Harbour Council\n1. The Ministers pledged to open the harbour.\n"
            "HARBOUR COUNCIL DIALOGUE   Page 1 of 2\f"
            "HARBOUR COUNCIL DIALOGUE\n2. The Ministers decided to meet again.\n3 HARBOUR COUNCIL DIALOGUE")
    out = remove_running_lines(text)
    assert "HARBOUR COUNCIL" not in out
    assert "1. The Ministers pledged to open the harbour." in out and "2. The Ministers decided to meet again." in out


def test_inline_hyphen_gaps_repaired_on_alliance_text():
    doc = load_document(ALLIANCE / "us-jp-2plus2-2019-04-19.txt")
    assert "cross-domain" in doc.text and "cross- domain" not in doc.text
    assert "non-conventional" in doc.text
    g7 = load_document(ALLIANCE / "g7-2024-apulia.txt")
    assert "low- and middle-income" in g7.text  # a suspended compound stays as written


def test_running_headers_page_numbers_and_labels_removed():
    text = (
        "Reference 25 Joint Statement of the Example Committee\n\n"
        "1. The Ministers met in Tokyo on May 1, 2020 and reviewed the alliance and its\n"
        "2018 Defense White Paper\n"
        "Appendix 317\n"
        "capabilities in the region.\n\n"
        "17\n\n"
        "2. The Ministers decided to meet again.\n"
    )
    doc = document_from_text(text)
    assert "White Paper" not in doc.text and "Appendix" not in doc.text and "Reference 25" not in doc.text
    assert "\n17\n" not in doc.text
    assert "alliance and its capabilities in the region." in doc.text
    assert doc.meta.title == "Joint Statement of the Example Committee"


def test_page_footers_in_any_case_and_a_sentence_across_pages():
    pages = ["Joint Statement of the Example Dialogue\nOttawa, 3 May 2031\n\n1. The two sides agreed to set up a\n"
             "working group on",
             "cyber security by the end of 2031.\n\n2. The two sides decided to meet again."]
    text = "\f".join(f"MINISTRY OF EXAMPLE AFFAIRS\n{body}\nPage {n} of 2\nwww.example.gov" for n, body in
                     enumerate(pages, 1))
    doc = document_from_text(text)
    assert "Page" not in doc.text and "MINISTRY" not in doc.text and "www." not in doc.text
    assert "a working group on cyber security by the end of 2031." in doc.text


def test_control_characters_and_nbsp_normalised():
    doc = document_from_text("Joint\u00a0Statement of the Example\x08 Meeting\n\nThe two sides met today.\x07")
    assert doc.text == "Joint Statement of the Example Meeting\n\nThe two sides met today."


def test_glued_heading_split_from_first_paragraph():
    doc = load_document(ALLIANCE / "scm45-2013.txt")
    first, second = _paragraph_texts(doc)[:2]
    assert first.endswith("October 2, 2013, Seoul")
    assert second.startswith("In commemoration of the 60th anniversary")


# --- paragraphs -------------------------------------------------------------------------------

def test_paragraph_offsets_and_numbers(scm51):
    assert scm51.paragraphs[0].number is None
    numbered = [p.number for p in scm51.paragraphs if p.number]
    assert numbered == [str(i) for i in range(1, 24)]
    for p in scm51.paragraphs:
        chunk = scm51.text[p.start:p.end]
        assert chunk and chunk == chunk.strip() and "\n\n" not in chunk
    assert "\n\n".join(_paragraph_texts(scm51)) == scm51.text


def test_paragraph_number_styles():
    doc = document_from_text("Joint Statement of the Example Meeting\n\n(1) The first point.\n\n2) The second point.\n\nA closing remark.")
    assert [p.number for p in doc.paragraphs] == [None, "1", "2", None]


# --- metadata ---------------------------------------------------------------------------------

def test_scm51_metadata(scm51):
    meta = scm51.meta
    assert meta.title == "Joint Communiqué of the 51st ROK-U.S. Security Consultative Meeting"
    assert (meta.series, meta.number) == ("SCM", 51)
    assert meta.date == "2019-11-15"
    assert meta.place == "Seoul"
    assert meta.parties == ["KOR", "USA"]
    people = {(p.name, p.role, p.country) for p in meta.participants}
    assert ("Jeong Kyeongdoo", "Minister of National Defense", "KOR") in people
    assert ("Mark Esper", "Secretary of Defense", "USA") in people
    assert scm51.warnings == []


def test_singapore_missing_year_warns_and_date_argument_fills():
    bare = load_document(SEEDS / "defense-ministers-singapore-joint-statement.txt")
    assert bare.meta.date is None
    assert any("no year" in w and "June 2" in w for w in bare.warnings)
    assert bare.meta.place == "Singapore"
    assert bare.meta.parties == ["KOR", "USA"]
    names = {p.name: (p.role, p.country) for p in bare.meta.participants}
    assert names["James N. Mattis"] == ("Secretary of Defense", "USA")
    assert names["Song Young-moo"] == ("Minister of National Defense", "KOR")


def test_an_office_before_its_holder_set_off_by_commas():
    from pledgetrack.ingest.participants import find_participants
    text = ("The President of the Council, Ana Duarte, the President of the European Commission, Ursula von der "
            "Leyen, and the Prime Minister of Japan, Sato Ken, met in Tokyo.")
    assert [(p.name, p.role, p.country) for p in find_participants(text)] == [
        ("Ana Duarte", "President of the Council", None),
        ("Ursula von der Leyen", "President of the European Commission", "EU"),
        ("Sato Ken", "Prime Minister of Japan", "JPN")]


def test_a_place_line_above_the_text_names_the_place_whole():
    from pledgetrack.ingest.meeting import meeting_place
    assert meeting_place("Joint Statement\n\nNew York, 22 September 2031", "") == "New York"
    assert meeting_place("Chair's Statement\n\nLabuan Bajo, Indonesia, 10-11 May 2031", "") == "Labuan Bajo, Indonesia"
    assert meeting_place("The 9th Security Consultative Meeting Seoul, October 28, 2031", "") == "Seoul"
    assert meeting_place("Joint Statement\nJoint Statement, November 3, 2031", "") is None


def test_date_argument_wins(singapore):
    assert singapore.meta.date == "2018-06-02"
    assert not any("no year" in w for w in singapore.warnings)
    overridden = load_document(SEEDS / "scm51-joint-communique.txt", date="2019-11-16")
    assert overridden.meta.date == "2019-11-16"


@pytest.mark.parametrize(
    ("name", "date", "place", "series", "number"),
    [
        ("scm47-2015.txt", "2015-11-02", "Seoul", "SCM", 47),
        ("scm50-2018.txt", "2018-10-31", "Washington, D.C.", "SCM", 50),
        ("scm54-2022.txt", "2022-11-03", "Washington, D.C.", "SCM", 54),
        ("us-jp-2plus2-2019-04-19.txt", "2019-04-19", "Washington, D.C.", "U.S.-Japan 2+2", None),
        ("us-rok-ncg2-2023-12-15.txt", "2023-12-15", "Washington, D.C.", "NCG", 2),
        ("g7-2021-carbis-bay.txt", "2021-06-11", "Cornwall", "G7 Summit", None),
        ("us-rok-washington-declaration-2023-04-26.txt", "2023-04-26", None, "U.S.-ROK Leaders' Joint Statement", None),
    ],
)
def test_alliance_metadata(name, date, place, series, number):
    meta = load_document(ALLIANCE / name).meta
    assert (meta.date, meta.place, meta.series, meta.number) == (date, place, series, number)


def test_a_named_dialogue_with_its_ordinal_and_pair():
    text = ("Joint Statement of the Fourth Australia-India Foreign and Defence Ministers’ Dialogue\n"
            "New Delhi, 9 April 2031\n\nThe Ministers met in New Delhi.")
    meta = document_from_text(text, name="dialogue.txt").meta
    assert meta.parties == ["AUS", "IND"]
    assert (meta.series, meta.number) == ("Australia-India Foreign and Defence Ministers’ Dialogue", 4)


def test_scm45_title_and_participants():
    meta = load_document(ALLIANCE / "scm45-2013.txt").meta
    assert meta.title == "Joint Communiqué of the 45th ROK-U.S. Security Consultative Meeting"  # the case as the text spells it
    assert {p.name for p in meta.participants} == {"Kim, Kwan Jin", "Chuck Hagel"}


def test_2plus2_participants_get_countries_from_roles():
    meta = load_document(ALLIANCE / "us-jp-2plus2-2019-04-19.txt").meta
    assert meta.parties == ["JPN", "USA"]
    people = {p.name: p.country for p in meta.participants}
    assert people == {"Pompeo": "USA", "Shanahan": "USA", "Kono": "JPN", "Iwaya": "JPN"}


@pytest.mark.parametrize("name", ["quad-leaders-2021-09-24.txt", "quad-leaders-2023-05-20.txt", "quad-leaders-2021-03-12.txt"])
def test_quad_parties(name):
    meta = load_document(ALLIANCE / name).meta
    assert meta.parties == ["AUS", "IND", "JPN", "USA"]
    assert meta.series == "Quad Leaders"


@pytest.mark.parametrize("name", ["g7-2021-carbis-bay.txt", "g7-2023-hiroshima.txt", "g7-2024-apulia.txt"])
def test_g7_parties(name):
    meta = load_document(ALLIANCE / name).meta
    assert meta.parties == ["CAN", "DEU", "EU", "FRA", "GBR", "ITA", "JPN", "USA"]
    assert meta.series == "G7 Summit"


def test_an_organisations_ministers_meet_in_a_series_of_their_own():
    from pledgetrack.ingest.series import find_series
    g7 = ["CAN", "DEU", "EU", "FRA", "GBR", "ITA", "JPN", "USA"]
    assert find_series("G7 Foreign and Development Ministers' Communiqué", "We, the Ministers, met in London.",
                       g7, "2031-05-05") == ("G7 Foreign and Development Ministers", None)
    assert find_series("Joint Statement of the Quad Foreign Ministers", "", ["AUS", "IND", "JPN", "USA"],
                       "2031-09-22") == ("Quad Foreign Ministers", None)
    # leaders who mention their ministers are still the leaders' summit
    assert find_series("G7 Leaders' Communiqué", "We, the Leaders of the G7, met. Our Foreign Ministers will meet.",
                       g7, "2031-05-05")[0] == "G7 Summit"


def test_a_heading_in_capitals_names_its_series():
    from pledgetrack.ingest.series import find_series
    heading = "JOINT STATEMENT OF THE AUSTRALIA-JAPAN MINISTERIAL\nECONOMIC DIALOGUE\nCanberra, 12 March 2031"
    assert find_series(heading, "", ["AUS", "JPN"], "2031-03-12") == ("Australia-Japan Ministerial Economic Dialogue", None)
    assert find_series("JOINT STATEMENT OF THE 5TH ASEAN-JAPAN SUMMIT", "", ["IDN", "JPN"], "2031-01-01") == (
        "ASEAN-Japan Summit", 5)
    assert find_series("JOINT COMMUNIQUE OF THE 60TH SECURITY CONSULTATIVE MEETING", "", ["KOR", "USA"],
                       "2031-01-01") == ("SCM", 60)


def test_trilateral_and_bilateral_leaders():
    tri = load_document(ALLIANCE / "us-jp-rok-spirit-camp-david-2023-08-18.txt").meta
    assert tri.parties == ["JPN", "KOR", "USA"] and tri.series == "Trilateral Leaders"
    assert tri.place == "Camp David"
    pair = load_document(ALLIANCE / "us-jp-leaders-2023-01-13.txt").meta
    assert pair.parties == ["JPN", "USA"]
    assert {(p.name, p.country) for p in pair.participants} == {("Joseph R. Biden, Jr.", "USA"), ("Kishida Fumio", "JPN")}


def test_dprk_mentions_are_not_parties(scm51):
    assert "PRK" not in scm51.meta.parties and "CHN" not in scm51.meta.parties


def test_every_alliance_file_loads():
    for path in sorted(ALLIANCE.glob("*.txt")):
        doc = load_document(path)
        assert doc.text and doc.paragraphs
        assert all(doc.text[p.start:p.end].strip() for p in doc.paragraphs)


# --- document fields, formats -----------------------------------------------------------------

def test_document_fields_and_determinism(scm51):
    import hashlib

    path = SEEDS / "scm51-joint-communique.txt"
    assert scm51.name == "scm51-joint-communique.txt"
    assert scm51.path == str(path)
    assert scm51.source_text.startswith("An official website")
    assert scm51.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    again = load_document(path, name="other")
    assert again.name == "other" and again.text == scm51.text and again.meta == scm51.meta


def test_document_from_text_hash_and_name():
    import hashlib

    text = "The two sides met in Seoul on March 3, 2021 and agreed to cooperate."
    doc = document_from_text(text)
    assert doc.name == "<text>" and doc.path is None
    assert doc.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert doc.meta.date == "2021-03-03"


def test_html_article_only():
    doc = load_document(FIXTURES / "article.html")
    assert doc.text.startswith("Joint Statement of the 5th Example Consultative Meeting")
    for junk in ("Home", "About us", "cookies", "Copyright", "Privacy policy"):
        assert junk not in doc.text
    assert [p.number for p in doc.paragraphs] == [None, "1", "2"]
    assert doc.meta.date == "2021-03-03" and doc.meta.place == "Seoul"


SUMMIT_PAGE = """<html><head><title>Official texts: Lisbon Summit Declaration</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article><h1>Lisbon Summit Declaration</h1>
<p class="meta">Issued by the Heads of State and Government in Lisbon 14 May 2031</p>
<div class="share">Share: <a>Facebook</a> <a>Email</a></div>
<ol start="4">
<li><p>We, the Heads of State and Government of the Alliance, met in Lisbon to renew our bond.</p></li>
<li><p>We commit to invest more in our common defence and to meet again next year.</p></li>
</ol></article></main>
<footer>All rights reserved.</footer></body></html>"""


def test_html_keeps_its_dateline_and_list_numbers(tmp_path):
    path = tmp_path / "summit.html"
    path.write_text(SUMMIT_PAGE)
    doc = load_document(path)
    assert (doc.meta.date, doc.meta.place) == ("2031-05-14", "Lisbon")  # the line the extractor drops as furniture
    assert [p.number for p in doc.paragraphs] == [None, None, "4", "5"]  # <ol start="4">: paragraphs 4 and 5
    assert "Share" not in doc.text and "Home" not in doc.text and doc.text.count("Lisbon Summit Declaration") == 1


def test_markdown_lists_quotes_and_tables(tmp_path):
    path = tmp_path / "statement.md"
    path.write_text("Joint Statement\n\n## Leaders' Commitments ##\n\n> We, the leaders, met on 3 May 2031.\n\n"
                    "4. We will *expand* trade.\n5. We will hold `talks`.\n\n* welcome a\n* note b\n\n"
                    "| Goal | Year |\n|---|---|\n| Net zero | 2050 |\n\n---\n")
    paragraphs = load_document(path).text.split("\n\n")
    assert paragraphs == ["Joint Statement", "Leaders' Commitments", "We, the leaders, met on 3 May 2031.",
                          "4. We will expand trade.", "5. We will hold talks.", "- welcome a", "- note b",
                          "Goal | Year", "Net zero | 2050"]


def test_markdown_markup_removed(tmp_path):
    path = tmp_path / "statement.md"
    path.write_text("# Joint Statement of the Example Meeting\n\n1\\. The **two sides** met in [Seoul](https://x.org) and agreed to work together.\n")
    doc = load_document(path)
    assert doc.text == "Joint Statement of the Example Meeting\n\n1. The two sides met in Seoul and agreed to work together."


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines``, written by hand (pypdf cannot write text)."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 750 Td"]
    for line in lines:
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_text_extracted_and_reflowed(tmp_path):
    path = tmp_path / "scm.pdf"
    path.write_bytes(_minimal_pdf([
        "Joint Communique of the 60th Example Security Consultative Meeting",
        "",
        "1. The 60th Example Security Consultative Meeting was held in Seoul on",
        "November 4, 2028. The Minister and the Secretary reaffirmed their opera-",
        "tional cooperation and pledged to continue close consultation on all",
        "matters of common concern to both nations in the years to come.",
    ]))
    doc = load_document(path)
    assert "operational cooperation" in doc.text
    assert "held in Seoul on November 4, 2028." in doc.text
    assert doc.meta.date == "2028-11-04" and doc.meta.series == "SCM" and doc.meta.number == 60


def test_unknown_extension_sniffed_as_pdf(tmp_path):
    path = tmp_path / "statement.bin"
    path.write_bytes(_minimal_pdf(["The two sides met in Seoul and agreed to cooperate closely in the region."]))
    assert "agreed to cooperate closely" in load_document(path).text


def test_docx_read(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Joint Statement of the Example Meeting")
    document.add_paragraph("1. The Minister and the Secretary met in Tokyo on May 1, 2020 and agreed to cooperate.")
    document.add_paragraph("2. Both sides pledged to hold the next meeting in 2021.")
    path = tmp_path / "statement.docx"
    document.save(path)
    doc = load_document(path)
    assert [doc.text[p.start:p.end][:2] for p in doc.paragraphs] == ["Jo", "1.", "2."]
    assert doc.meta.date == "2020-05-01" and doc.meta.place == "Tokyo"


def test_docx_list_numbers_and_bullets_word_draws(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Joint Statement of the Example Meeting")
    document.add_paragraph("The Ministers met in Tokyo on May 1, 2031.", style="List Number")
    document.add_paragraph("We will:", style="List Number")
    document.add_paragraph("expand cooperation on space;", style="List Bullet")
    document.add_paragraph("hold the next meeting in 2032.", style="List Bullet")
    document.add_paragraph("Both sides pledged to meet again.", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(path)
    doc = load_document(path)
    assert [p.number for p in doc.paragraphs] == [None, "1", "2", None, None, "3"]  # not in the runs' text
    assert "• expand cooperation on space;" in doc.text
    found = {s.trigger: s for s in pledgetrack.extract(path).statements}
    assert found["expand"].commitment and found["hold"].commitment  # the bullets under "We will:"


def test_docx_numbering_formats_and_restarts():
    numbering = (f'<w:numbering xmlns:w="{W[1:-1]}"><w:abstractNum w:abstractNumId="0">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
                 '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3)"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
                 '<w:startOverride w:val="7"/></w:lvlOverride></w:num></w:numbering>').encode()
    book = Numbering.from_parts(numbering, None)

    def para(num_id: str, ilvl: int) -> etree._Element:
        return etree.fromstring(f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/>'
                                f'<w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:p>')

    marks = [book.mark(para(n, lvl)) for n, lvl in [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 2), ("1", 0),
                                                    ("1", 1), ("2", 0), ("0", 0)]]
    assert marks == ["1. ", "(a) ", "(b) ", "i) ", "ii) ", "2. ", "(a) ", "7. ", ""]


# --- bad input ----------------------------------------------------------------------------------

def _message(exc_info) -> str:
    message = str(exc_info.value)
    assert "\n" not in message
    return message


def test_missing_file():
    with pytest.raises(InputError) as exc:
        load_document("/nonexistent/w.txt")
    assert _message(exc) == "w.txt: no such file"


def test_empty_and_blank_files(tmp_path):
    for content in (b"", b"   \n\t\n  "):
        path = tmp_path / "scm.txt"
        path.write_bytes(content)
        with pytest.raises(InputError) as exc:
            load_document(path)
        assert _message(exc) == "scm.txt: file is empty"


def test_binary_file(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert _message(exc) == "x.bin: binary file, not a supported document"


def test_zip_that_is_not_docx(tmp_path):
    import zipfile

    path = tmp_path / "archive.dat"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "hello")
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert "binary file" in _message(exc)


@pytest.mark.parametrize("text", [
    "대한민국과 미합중국은 한반도의 평화와 안정을 위해 긴밀히 협력하기로 합의하였다. 양측은 동맹의 발전을 재확인하였다.",
    "Les ministres ont réaffirmé leur engagement en faveur de la paix et de la stabilité dans la région. "
    "Ils sont convenus de renforcer la coopération entre les deux pays et de poursuivre le dialogue.",
])
def test_non_english_rejected(tmp_path, text):
    path = tmp_path / "y.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert _message(exc) == "y.txt: text is not English"


def test_short_english_passes():
    assert document_from_text("Joint Statement").text == "Joint Statement"
    assert document_from_text("The sides agreed.").text == "The sides agreed."


def test_too_large(tmp_path, configure):
    configure(ingest={"max_bytes": 1024 * 1024})
    path = tmp_path / "z.txt"
    path.write_bytes(b"The two sides met. " * 200_000)
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert _message(exc) == "z.txt: file too large (4 MB > 1 MB limit)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("The two sides met.")
    path.chmod(0)
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert _message(exc) == "secret.txt: permission denied"


@pytest.mark.parametrize(("name", "content"), [
    ("scm.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage"),
    ("scm.pdf", b"this is not a pdf at all"),
    ("scm.docx", b"PK\x03\x04 not really a zip"),
    ("scm.docx", b"plain text pretending to be docx"),
])
def test_corrupt_pdf_and_docx(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert _message(exc).startswith(f"{name}: ")


def test_bad_date_argument():
    with pytest.raises(InputError) as exc:
        document_from_text("The two sides met.", date="15/11/2019")
    assert "YYYY-MM-DD" in _message(exc)


def test_holders_of_one_country_named_together_share_its_country():
    from pledgetrack.ingest.participants import find_participants
    text = ("Minister for Foreign Affairs Ito Haru and Minister of Defense Ueda Mai of Japan, and Secretary of "
            "Foreign Affairs Ana Reyes and Secretary of National Defense Jose Lim of the Republic of the Philippines, "
            "met in Cebu.")
    assert [(p.name, p.country) for p in find_participants(text)] == [
        ("Ito Haru", "JPN"), ("Ueda Mai", "JPN"), ("Ana Reyes", "PHL"), ("Jose Lim", "PHL")]


def test_a_numbered_opening_paragraph_gives_the_meeting_its_number():
    from pledgetrack.ingest.series import find_series
    opening = "1. The Ministers of Chile and Peru held the fourth Chile-Peru Foreign and Defense Ministerial Meeting (2+2) in Lima."
    assert find_series('Chile-Peru Ministerial Meeting ("2+2") Joint Statement', opening, ["CHL", "PER"]) == ("Chile-Peru 2+2", 4)


def test_a_series_named_with_a_number_reads_its_meeting_number_apart():
    from pledgetrack.models import meeting_name
    assert meeting_name("Chile-Peru 2+2", 4) == "Chile-Peru 2+2 #4"
    assert meeting_name("SCM", 50) == "SCM 50" and meeting_name("G7", None) == "G7" and meeting_name(None, 3) == ""


def test_a_meeting_number_spelled_out_in_a_heading_in_capitals():
    from pledgetrack.ingest.series import find_series
    found = find_series("TWENTY-THIRD CHILE-PERU OCEAN COUNCIL\nJOINT COMMUNIQUÉ", "The Council met in Lima.", ["CHL", "PER"])
    assert found == ("Chile-Peru Ocean Council", 23)


def test_html_footnote_marks_are_no_part_of_the_words(tmp_path):
    page = tmp_path / "fn.html"
    page.write_text("<html><body><main><h1>Joint Statement</h1><p>The Ministers reaffirmed the Partnership<sup>1</sup> "
                    "and agreed to hold the 51<sup>st</sup> meeting in 2032.<sup><a href='#fn2'>[2]</a></sup></p>"
                    "<p>The Ministers welcomed the report.</p></main></body></html>")
    text = load_document(page).text
    assert "the Partnership and agreed to hold the 51st meeting in 2032." in text


@pytest.mark.parametrize("dateline", ["Tokyo, 22.10.2031", "Tokyo, Tuesday, 22 October 2031", "Tokyo, Tuesday 22 October 2031"])
def test_a_dateline_with_a_weekday_or_a_european_numeric_date(tmp_path, dateline):
    path = tmp_path / "d.txt"
    path.write_text(f"Joint Statement of the Japan-Australia Summit\n\n{dateline}\n\nThe two leaders agreed to meet in 2032.\n")
    meta = load_document(path).meta
    assert (meta.date, meta.place) == ("2031-10-22", "Tokyo")


def test_an_issuers_label_above_the_title_is_no_title(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("FOR IMMEDIATE RELEASE\nOffice of the Spokesperson\nMedia Note\n\nJoint Statement on the "
                    "U.S.-Philippines Ministerial Dialogue\n\nManila, 3 May 2031\n\nThe two sides agreed to meet in 2032.\n")
    meta = load_document(path).meta
    assert meta.title == "Joint Statement on the U.S.-Philippines Ministerial Dialogue" and meta.parties == ["PHL", "USA"]
