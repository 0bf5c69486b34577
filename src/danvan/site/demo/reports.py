"""Demo step: recompute the statistics after the other steps (some load rows in bulk), so the
dashboard of the demo is right whatever ran before. Idempotent."""

from danvan.core.formatting import vn_number
from danvan.reports.counts import rebuild_counts


def seed() -> list[str]:
    rows = rebuild_counts()
    return [f"Thống kê: đã tính lại {vn_number(rows)} dòng số đếm. Xem tại /thong-ke/."]
