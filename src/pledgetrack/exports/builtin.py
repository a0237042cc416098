"""The built-in output formats: csv, md (Markdown), json and docx (Word, with python-docx)."""
from __future__ import annotations

import io
import json
from typing import Any

from ..plugins import hookimpl
from ..serialize import write_csv
from . import ExportTable, OutputFormat


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, bool):
        return "yes" if value else ""
    return "" if value is None else str(value)


def write_csv_table(table: ExportTable) -> str:
    buf = io.StringIO()
    write_csv(table.rows, buf, table.columns)
    return buf.getvalue()


def _md_cell(value: Any) -> str:
    return " ".join(_text(value).replace("|", "\\|").split())


def write_markdown(table: ExportTable) -> str:
    lines = [f"# {_md_cell(table.title)}", ""]
    lines += [f"- {_md_cell(line)}" for line in table.context if line]
    lines += ["", "| " + " | ".join(table.columns) + " |", "|" + " --- |" * len(table.columns)]
    lines += ["| " + " | ".join(_md_cell(r.get(c)) for c in table.columns) + " |" for r in table.rows]
    return "\n".join(lines) + "\n"


def write_json(table: ExportTable) -> str:
    return json.dumps(table.to_dict(), ensure_ascii=False, indent=1, default=str) + "\n"


def write_docx(table: ExportTable) -> bytes:
    """A Word document: the title, the context lines, then one table row per record."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    doc.add_heading(table.title, level=1)
    for line in table.context:
        if line:
            doc.add_paragraph(line)
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, name in zip(grid.rows[0].cells, table.columns, strict=False):
        cell.text = name
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, name in zip(cells, table.columns, strict=False):
            cell.text = _text(row.get(name))
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@hookimpl
def output_formats() -> list[OutputFormat]:
    return [
        OutputFormat("csv", ".csv", "text/csv; charset=utf-8", write_csv_table, "one row per change or step"),
        OutputFormat("md", ".md", "text/markdown; charset=utf-8", write_markdown, "a Markdown table"),
        OutputFormat("json", ".json", "application/json", write_json, "title, context, columns and rows"),
        OutputFormat("docx", ".docx",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", write_docx,
                      "a Word document with one table"),
    ]
