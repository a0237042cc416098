"""The numbers and bullets Word draws before list paragraphs ("1.", "(a)", "•"), which are not in
the paragraph's text: read from the package's numbering and style definitions and counted as
Word counts them, so a numbered communiqué keeps its paragraph numbers and a bulleted list its
bullets."""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9  # Word's list levels 0..8
BULLET = "•"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass(frozen=True)
class Level:
    """One level of a list definition: its number format, the text around the number, the start."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    return el.get(W + "val", default) if el is not None else default


def _int(value: str | None, default: int) -> int:
    return int(value) if value is not None and value.lstrip("-").isdigit() else default


@dataclass
class Numbering:
    """List definitions by ``numId`` and the styles that number their paragraphs."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId -> level -> Level
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, level)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def from_parts(cls, numbering_xml: bytes | None, styles_xml: bytes | None) -> Numbering:
        out = cls()
        if numbering_xml:
            root = etree.fromstring(numbering_xml, _PARSER)
            abstract = {a.get(W + "abstractNumId"): _levels(a) for a in root.iter(W + "abstractNum")}
            for num in root.iter(W + "num"):
                levels = dict(abstract.get(_val(num.find(W + "abstractNumId")), {}))
                for override in num.iter(W + "lvlOverride"):
                    ilvl = _int(override.get(W + "ilvl"), 0)
                    start = override.find(W + "startOverride")
                    if start is not None and ilvl in levels:
                        old = levels[ilvl]
                        levels[ilvl] = Level(old.fmt, old.text, _int(_val(start), old.start))
                out.levels[num.get(W + "numId") or ""] = levels
        if styles_xml:
            out.styles = _style_numbering(etree.fromstring(styles_xml, _PARSER))
        return out

    def mark(self, p: etree._Element) -> str:
        """The number or bullet Word draws before paragraph ``p`` and a space, or ""; counts it."""
        found = self._num_of(p)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [levels[n].start - 1 if n in levels else 0 for n in range(LEVELS)])
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, LEVELS):
            counts[deeper] = levels[deeper].start - 1 if deeper in levels else 0
        level = levels[ilvl]
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return f"{BULLET} "
        text = level.text
        for n in range(ilvl + 1):
            fmt = levels[n].fmt if n in levels else "decimal"
            text = text.replace(f"%{n + 1}", _format(max(counts[n], 1), fmt))
        return f"{text} " if text.strip() else ""

    def _num_of(self, p: etree._Element) -> tuple[str, int] | None:
        ppr = p.find(W + "pPr")
        if ppr is None:
            return None
        numpr = ppr.find(W + "numPr")
        if numpr is not None:
            num_id = _val(numpr.find(W + "numId"))
            if num_id is not None:
                return (None if num_id == "0" else (num_id, _int(_val(numpr.find(W + "ilvl")), 0)))
        style = _val(ppr.find(W + "pStyle"))
        return self.styles.get(style) if style else None


def _levels(abstract: etree._Element) -> dict[int, Level]:
    out = {}
    for lvl in abstract.iter(W + "lvl"):
        ilvl = _int(lvl.get(W + "ilvl"), 0)
        out[ilvl] = Level(_val(lvl.find(W + "numFmt"), "decimal") or "decimal",
                          _val(lvl.find(W + "lvlText"), "") or "", _int(_val(lvl.find(W + "start")), 1))
    return out


def _style_numbering(root: etree._Element) -> dict[str, tuple[str, int]]:
    """styleId -> (numId, level) for paragraph styles that number, following ``basedOn``."""
    direct: dict[str, tuple[str, int] | None] = {}
    based: dict[str, str] = {}
    for style in root.iter(W + "style"):
        sid = style.get(W + "styleId") or ""
        numpr = style.find(f"{W}pPr/{W}numPr")
        num_id = _val(numpr.find(W + "numId")) if numpr is not None else None
        direct[sid] = (num_id, _int(_val(numpr.find(W + "ilvl")), 0)) if num_id and num_id != "0" else None
        parent = _val(style.find(W + "basedOn"))
        if parent:
            based[sid] = parent
    out = {}
    for sid in direct:
        seen, cur = 0, sid
        while cur and direct.get(cur) is None and seen < 10:
            cur, seen = based.get(cur, ""), seen + 1
        found = direct.get(cur) if cur else None
        if found:
            out[sid] = found
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = ""
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = ""
        for value, digits in _ROMAN:
            while n >= value:
                roman, n = roman + digits, n - value
        return roman if fmt == "lowerRoman" else roman.upper()
    return str(n)
