"""Downloads of a diff or a thread in any registered output format (csv, md, json, docx, plugins)."""
from __future__ import annotations

from fastapi import HTTPException
from fastapi.responses import Response

from ..errors import PledgetrackError
from ..exports import ExportTable, formats, output_format, render


def export_names() -> list[str]:
    """The output formats offered for download, built-in ones first."""
    return list(formats())


def export_response(table: ExportTable, fmt: str) -> Response:
    """``table`` as a download in the format ``fmt`` (404 for an unknown one)."""
    try:
        spec = output_format(fmt)
    except PledgetrackError as exc:
        raise HTTPException(404, str(exc)) from None
    return Response(render(table, fmt), media_type=spec.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{table.name}{spec.suffix}"'})
