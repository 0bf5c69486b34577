"""Periods of the statistics: whole months from a first month to a last one — a year, a range of years,
a phase, six or nine months, a quarter, any span of months (the counts are kept by month)."""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

PHASES = [(2016, 2020), (2021, 2025), (2026, 2030)]
QUARTER_WORDS = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    """From the first day of `month_from` of `year_from` to the last day of `month_to` of `year_to`.

    `Period(2025, 2025)` is the year 2025, `Period(2021, 2025)` the phase, `Period(2026, 2026, True)`
    the first six months of 2026 (the same as `Period(2026, 2026, month_to=6)`)."""

    year_from: int
    year_to: int
    first_half: bool = False  # January–June of year_from (== year_to); kept equal to the months below
    month_from: int = 1
    month_to: int = 12

    def __post_init__(self) -> None:
        if self.first_half:
            object.__setattr__(self, "month_from", 1)
            object.__setattr__(self, "month_to", 6)
        half = self.year_from == self.year_to and (self.month_from, self.month_to) == (1, 6)
        object.__setattr__(self, "first_half", half)

    @classmethod
    def of_dates(cls, start: datetime.date, end: datetime.date) -> "Period":
        """The period of whole months [start, end] (the caller has checked that they are whole months)."""
        return cls(start.year, end.year, month_from=start.month, month_to=end.month)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year_from, self.month_from, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year_to, self.month_to, calendar.monthrange(self.year_to, self.month_to)[1])

    @property
    def months(self) -> int:
        return (self.year_to - self.year_from) * 12 + self.month_to - self.month_from + 1

    @property
    def whole_years(self) -> bool:
        return self.month_from == 1 and self.month_to == 12

    @property
    def full_years(self) -> tuple[int, int]:
        """The first and last year the period covers whole (first > last when it covers none)."""
        first = self.year_from if self.month_from == 1 else self.year_from + 1
        last = self.year_to if self.month_to == 12 else self.year_to - 1
        return first, last

    @property
    def years(self) -> int:
        return self.year_to - self.year_from + 1

    @property
    def half_year(self) -> bool:
        """The first or the last six months of one year."""
        return self.year_from == self.year_to and (self.month_from, self.month_to) in ((1, 6), (7, 12))

    @property
    def is_phase(self) -> bool:
        return (self.year_from, self.year_to) in PHASES and self.whole_years

    def shifted(self, months: int) -> "Period":
        first = self.year_from * 12 + self.month_from - 1 + months
        last = self.year_to * 12 + self.month_to - 1 + months
        return Period(first // 12, last // 12, month_from=first % 12 + 1, month_to=last % 12 + 1)

    def previous(self) -> "Period":
        """The period to compare with: the same months of the year before for a period within a year
        (the first half of 2025 for the first half of 2026), else the span of the same length just before."""
        if self.months <= 12:
            return self.shifted(-12)
        return self.shifted(-self.months)

    def label(self) -> str:
        """Vietnamese words for the period, as a sentence uses them: "năm 2025", "giai đoạn 2021 - 2025",
        "6 tháng đầu năm 2026", "9 tháng đầu năm 2026", "quý III năm 2026"."""
        if self.whole_years:
            if self.year_from == self.year_to:
                return _("năm %(year)s") % {"year": self.year_from}
            if self.is_phase:
                return _("giai đoạn %(start)s - %(end)s") % {"start": self.year_from, "end": self.year_to}
            return _("từ năm %(start)s đến năm %(end)s") % {"start": self.year_from, "end": self.year_to}
        if self.year_from == self.year_to:
            year, first, last = self.year_from, self.month_from, self.month_to
            if first == last:
                return _("tháng %(month)s năm %(year)s") % {"month": first, "year": year}
            if last - first == 2 and first % 3 == 1:
                return _("quý %(quarter)s năm %(year)s") % {"quarter": QUARTER_WORDS[last // 3], "year": year}
            if (first, last) == (7, 12):
                return _("6 tháng cuối năm %(year)s") % {"year": year}
            if first == 1:
                return _("%(n)s tháng đầu năm %(year)s") % {"n": last, "year": year}
            return _("từ tháng %(first)s đến tháng %(last)s năm %(year)s") % {
                "first": first,
                "last": last,
                "year": year,
            }
        return _("từ tháng %(first)s năm %(start)s đến tháng %(last)s năm %(end)s") % {
            "first": self.month_from,
            "start": self.year_from,
            "last": self.month_to,
            "end": self.year_to,
        }

    def slug(self) -> str:
        """For file names: "2025", "2021-2025", "2026-01-06" (months 1–6 of 2026), "2025-07-2026-06"."""
        if self.whole_years:
            return str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}-{self.year_to}"
        if self.year_from == self.year_to:
            return f"{self.year_from}-{self.month_from:02d}-{self.month_to:02d}"
        return f"{self.year_from}-{self.month_from:02d}-{self.year_to}-{self.month_to:02d}"

    def query(self) -> dict[str, str]:
        """The URL parameters that select this period on the dashboard."""
        if self.first_half:
            return {"nam": str(self.year_from), "ky": "6t"}
        if self.whole_years:
            if self.year_from == self.year_to:
                return {"nam": str(self.year_from)}
            return {"tu": str(self.year_from), "den": str(self.year_to)}
        return {"tu_ngay": self.start.isoformat(), "den_ngay": self.end.isoformat()}
