"""Dates as joint statements write them: "November 15, 2019", "11-13 June 2021", "June 2"."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = "(?:" + "|".join(
    sorted({m.capitalize() for m in _MONTHS} | {m.upper() for m in _MONTHS if len(m) > 3}, key=len, reverse=True)
) + r")(?![a-z])\.?"
_ORD = r"(?:st|nd|rd|th)?"
_RANGE = r"(?:\s*[-–]\s*\d{1,2}" + _ORD + r")?"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
DATE_PATTERN = re.compile(
    rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORD}{_RANGE}(?:\s*[,.]\s*|\s+)(?P<y1>{_YEAR})"
    rf"|(?<!\d)(?P<d2>\d{{1,2}}){_ORD}{_RANGE}\s+(?:day\s+of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})"
    rf"|(?<!\d)(?P<y3>{_YEAR})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})(?!\d)"
    rf"|(?P<m4>{_MONTH})\s+(?P<d4>\d{{1,2}}){_ORD}(?![\d:])(?!\s*[-–,.]?\s*\d)"
    # day.month.year, as Europe writes it: "22.10.2031"
    rf"|(?<![\d.])(?P<d5>\d{{1,2}})\.(?P<m5>\d{{1,2}})\.(?P<y5>{_YEAR})"
)


@dataclass(frozen=True)
class DateMention:
    """A date in the text; ``year`` is None when the text gives only month and day."""

    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int

    @property
    def iso(self) -> str | None:
        """ISO 8601 form, or None without a year."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else None


def find_dates(text: str) -> list[DateMention]:
    """Every valid day-precise date in ``text``, in order (month-year dates are left out)."""
    out = []
    for m in DATE_PATTERN.finditer(text):
        groups = m.groupdict()
        k = next(i for i in "12345" if groups[f"d{i}"])
        raw_month = groups[f"m{k}"]
        month = int(raw_month) if raw_month.isdigit() else _MONTHS[raw_month.rstrip(".").lower()]
        year = int(groups[f"y{k}"]) if k != "4" else None
        day = int(groups[f"d{k}"])
        if _valid(year or 2000, month, day):
            out.append(DateMention(m.start(), m.end(), m.group(0), year, month, day))
    return out


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def parse_iso(value: str) -> str:
    """``value`` checked as an ISO date (YYYY-MM-DD); raise ValueError otherwise."""
    return dt.date.fromisoformat(value.strip()).isoformat()
