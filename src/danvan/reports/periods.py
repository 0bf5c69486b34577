"""Periods of the statistics: `danvan.core.periods` (conferences name theirs with the same words)."""

from danvan.core.periods import PHASES, Period

__all__ = ["PHASES", "Period"]
