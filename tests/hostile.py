"""Hostile inputs built on the spot for the hardening tests and bench/bench_hostile_input.py:
.docx zip bombs (a valid zip whose text part unpacks about 1,000 times its size)."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEAD = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
         ).encode()
_TAIL = b"</w:body></w:document>"
_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                  b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                  b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                  b'officedocument.wordprocessingml.document.main+xml"/></Types>')


def _entry(name: bytes, data: bytes, crc: int, size: int, method: int, offset: int) -> tuple[bytes, bytes]:
    """A zip local header (+ data) and its central directory record."""
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size,
                        len(name), 0) + name + data
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), size,
                          len(name), 0, 0, 0, 0, 0, offset) + name
    return local, central


def docx_bomb(path: Path, packed_mb: float) -> int:
    """Write a .docx of about ``packed_mb`` MB whose word/document.xml (valid XML: the same short
    1 MB paragraph over and over) unpacks to about 1,000 times that. Returns the unpacked size."""
    words = b"pledge " * (1024 * 1024 // 7)
    chunk = b"<w:p><w:r><w:t>" + words + b"</w:t></w:r></w:p>"
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(_HEAD + chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)  # the same bytes every time after a full flush
    repeats = max(1, int(packed_mb * 1024 * 1024 / len(block)))
    tail = c.compress(_TAIL) + c.flush()
    size = len(_HEAD) + len(chunk) * (repeats + 1) + len(_TAIL)
    crc = zlib.crc32(_HEAD + chunk)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(_TAIL, crc)
    data = head + block * repeats + tail
    parts, centrals, offset = [], [], 0
    for name, payload, crc_, size_, method in (
            (b"[Content_Types].xml", _CONTENT_TYPES, zlib.crc32(_CONTENT_TYPES), len(_CONTENT_TYPES), 0),
            (b"word/document.xml", data, crc, size, 8)):
        local, central = _entry(name, payload, crc_, size_, method, offset)
        parts.append(local)
        centrals.append(central)
        offset += len(local)
    directory = b"".join(centrals)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(centrals), len(centrals), len(directory), offset, 0)
    path.write_bytes(b"".join(parts) + directory + end)
    return size


def pdf_bomb(path: Path, unpacked_mb: int = 200) -> int:
    """Write a one-page PDF whose content stream (Flate) unpacks to about ``unpacked_mb`` MB;
    returns the packed file's size."""
    c = zlib.compressobj(9)
    line = b"BT /F1 12 Tf 72 720 Td (pledge) Tj ET\n"
    chunk = line * (1024 * 1024 // len(line))
    data = b"".join(c.compress(chunk) for _ in range(unpacked_mb)) + c.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return len(out)
