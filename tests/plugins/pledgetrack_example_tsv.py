"""An example pledgetrack plugin: a tab-separated output format, registered by entry point.

Installed for real, its ``pyproject.toml`` would say::

    [project.entry-points.pledgetrack]
    example_tsv = "pledgetrack_example_tsv"
"""
from pledgetrack.exports import ExportTable, OutputFormat
from pledgetrack.plugins import hookimpl


def write_tsv(table: ExportTable) -> str:
    def cell(value) -> str:
        text = "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))
        return " ".join(text.split())

    lines = ["\t".join(table.columns)]
    lines += ["\t".join(cell(r.get(c)) for c in table.columns) for r in table.rows]
    return "\n".join(lines) + "\n"


@hookimpl
def output_formats():
    return [OutputFormat("tsv", ".tsv", "text/tab-separated-values; charset=utf-8", write_tsv, "tab-separated")]
