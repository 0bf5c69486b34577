"""Timing helpers: repeat an operation, keep every sample, summarise as median and 95th percentile."""

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Samples:
    """Milliseconds of each measured repetition (warm-up runs are not kept)."""

    ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.ms) if self.ms else math.nan

    @property
    def p95(self) -> float:
        """Nearest-rank 95th percentile: with 30 samples, the 29th fastest."""
        if not self.ms:
            return math.nan
        ordered = sorted(self.ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def measure(operation: Callable[[], object], *, warmup: int, repeat: int) -> Samples:
    for _ in range(warmup):
        operation()
    samples = Samples()
    for _ in range(repeat):
        started = time.perf_counter()
        operation()
        samples.ms.append((time.perf_counter() - started) * 1000)
    return samples
