"""Periods of the statistics: a year, a range of years, a phase, the first six months of a year."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

PHASES = [(2016, 2020), (2021, 2025), (2026, 2030)]


@dataclass(frozen=True)
class Period:
    year_from: int
    year_to: int
    first_half: bool = False  # January–June of year_from (== year_to)

    @property
    def years(self) -> int:
        return self.year_to - self.year_from + 1

    @property
    def is_phase(self) -> bool:
        return (self.year_from, self.year_to) in PHASES and not self.first_half

    def previous(self) -> "Period":
        """The period just before, of the same length (first half of the previous year for a six-month view)."""
        if self.first_half:
            return Period(self.year_from - 1, self.year_from - 1, True)
        return Period(self.year_from - self.years, self.year_to - self.years)

    def label(self) -> str:
        """Vietnamese words for the period, as a sentence uses them: "năm 2025", "giai đoạn 2021 - 2025"."""
        if self.first_half:
            return _("6 tháng đầu năm %(year)s") % {"year": self.year_from}
        if self.year_from == self.year_to:
            return _("năm %(year)s") % {"year": self.year_from}
        if self.is_phase:
            return _("giai đoạn %(start)s - %(end)s") % {"start": self.year_from, "end": self.year_to}
        return _("từ năm %(start)s đến năm %(end)s") % {"start": self.year_from, "end": self.year_to}

    def query(self) -> dict[str, str]:
        """The URL parameters that select this period on the dashboard."""
        if self.first_half:
            return {"nam": str(self.year_from), "ky": "6t"}
        if self.year_from == self.year_to:
            return {"nam": str(self.year_from)}
        return {"tu": str(self.year_from), "den": str(self.year_to)}
