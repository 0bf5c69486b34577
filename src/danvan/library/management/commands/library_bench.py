"""Measure the public library on a large data set: `danvan library_bench --generate 1000000`.

Generates recognised initiatives in bulk (into the configured database: use a throwaway one),
rebuilds the library rows, then times searches and library pages and prints p50/p95.
"""

import datetime
import random
import statistics
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test import Client

from danvan.core.text import fold
from danvan.initiatives.models import Initiative, Status
from danvan.library.search import search_public
from danvan.library.services import library_rebuild
from danvan.movements.models import Field
from danvan.orgs.models import Unit

OPENINGS = ["Mô hình", "Tổ", "Câu lạc bộ", "Điểm sáng", "Phong trào", "Nhóm", "Chương trình", "Đội"]
TOPICS = [
    "đường giao thông nông thôn",
    "hòa giải ở cơ sở",
    "camera an ninh",
    "tự quản về an ninh trật tự",
    "phân loại rác thải tại nguồn",
    "hiến đất mở đường",
    "chuyển đổi số cho người cao tuổi",
    "nước sạch cho bà con vùng cao",
    "phụ nữ khởi nghiệp",
    "thanh niên tình nguyện",
    "đường hoa thắp sáng đường quê",
    "xóa nhà tạm, nhà dột nát",
    "bữa cơm có thịt cho học sinh",
    "dân vận chính quyền",
    "tôn giáo đồng hành",
    "kinh tế hợp tác xã",
    "nuôi ong lấy mật",
    "trồng cây dược liệu",
    "sản phẩm OCOP",
    "giữ gìn bản sắc văn hóa dân tộc",
    "khu dân cư không ma túy",
    "cựu chiến binh giúp nhau giảm nghèo",
    "ngày thứ Bảy văn minh",
    "mái ấm công đoàn",
]
TAILS = ["“Dân vận khéo”", "kiểu mẫu", "văn minh", "an toàn", "xanh - sạch - đẹp", "", "", ""]
SENTENCES = [
    "Nhân dân bàn bạc, thống nhất cách làm và công khai đóng góp.",
    "Chi bộ lãnh đạo, chính quyền hỗ trợ, Mặt trận và các đoàn thể vận động từng hộ.",
    "Người có uy tín trong cộng đồng đi đầu, làm gương.",
    "Kết quả được niêm yết tại nhà văn hóa mỗi tháng.",
    "Sau một năm, số vụ việc phức tạp giảm rõ rệt.",
    "Kinh phí chủ yếu do người dân tự nguyện đóng góp.",
    "Nhiều địa phương trong tỉnh đã đến học tập.",
    "Mỗi thành viên phụ trách một nhóm hộ gia đình.",
    "Các hộ nghèo được hỗ trợ ngày công và vật liệu.",
    "Hoạt động được duy trì đều đặn hằng tuần.",
]
QUERIES = [
    "dan van kheo",
    "duong",
    "hoa giai",
    "camera an ninh",
    "duong giao thong nong thon",
    "hien dat",
    "chuyen doi so",
    "nguoi cao tuoi",
    "phu nu khoi nghiep",
    "rac thai",
    "tu quan",
    "ocop",
    "nuoi ong",
    "dan van kheo duong",
    "Đường hoa",
    "hoà giải",
    "ma tuy",
    "cuu chien binh",
    "van minh",
    "thu bay van minh",
    "mai am cong doan",
    "ton giao",
    "kieu mau",
    "nuoc sach",
    "bua com",
    "duoc lieu",
    "ban sac van hoa",
    "hop tac xa",
    "giam ngheo",
    "xa",
]


class Command(BaseCommand):
    help = "Generate a large public library and time search and library pages (a throwaway database!)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--generate", type=int, default=0, help="initiatives to add before measuring")
        parser.add_argument("--runs", type=int, default=200, help="searches to time")
        parser.add_argument("--seed", type=int, default=6)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        if options["generate"]:
            self.generate(options["generate"], rng)
        self.stdout.write(f"{connection.vendor}: {Initiative.objects.count():,} initiatives")
        if options["runs"]:
            self.measure(options["runs"], rng)

    def generate(self, count: int, rng: random.Random) -> None:
        units = list(Unit.objects.filter(kind_id="commune").only("pk", "name"))
        fields = list(Field.objects.values_list("code", flat=True))
        start = time.perf_counter()
        batch: list[Initiative] = []
        first = datetime.date(2016, 1, 1).toordinal()
        span = datetime.date(2026, 11, 1).toordinal() - first
        for n in range(count):
            unit = rng.choice(units)
            title = " ".join(p for p in (rng.choice(OPENINGS), rng.choice(TOPICS), rng.choice(TAILS), f"số {n}") if p)
            summary = " ".join(rng.sample(SENTENCES, 2))
            on = datetime.date.fromordinal(first + rng.randrange(span))
            batch.append(
                Initiative(
                    title=title,
                    kind="collective",
                    field_id=rng.choice(fields),
                    unit_id=unit.pk,
                    year=on.year,
                    registered_level="commune",
                    summary=summary,
                    status=Status.RECOGNIZED,
                    review_level="commune",
                    recognized_level=rng.choice(["commune", "commune", "commune", "province"]),
                    recognized_on=on,
                    exemplary=rng.random() < 0.05,
                    historical=True,
                    search_text=fold(f"{title} {unit.name} {summary}"),
                )
            )
            if len(batch) == 10000:
                Initiative.objects.bulk_create(batch)
                batch = []
                self.stdout.write(f"  {n + 1:,} in {time.perf_counter() - start:.0f} s")
        Initiative.objects.bulk_create(batch)
        ids = list(Initiative.objects.order_by("pk").values_list("pk", flat=True)[: count // 10])
        replicas = list(Initiative.objects.order_by("-pk").values_list("pk", flat=True)[: count // 10])
        for offset in range(0, len(replicas), 10000):
            chunk = replicas[offset : offset + 10000]
            updates = [Initiative(pk=pk, replicated_from_id=rng.choice(ids)) for pk in chunk]
            Initiative.objects.bulk_update(updates, ["replicated_from"])
        self.stdout.write(f"generated {count:,} in {time.perf_counter() - start:.0f} s; rebuilding the library")
        start = time.perf_counter()
        total = library_rebuild()
        self.stdout.write(f"library: {total:,} rows in {time.perf_counter() - start:.0f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE library_publicentry")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def measure(self, runs: int, rng: random.Random) -> None:
        provinces = list(Unit.objects.filter(kind_id="province", valid_to__isnull=True).values_list("code", flat=True))
        fields = list(Field.objects.values_list("code", flat=True))
        for q in QUERIES[:3]:  # warm the caches
            search_public(q=q)
        timings: list[float] = []
        slow: list[tuple[float, str]] = []
        for n in range(runs):
            q = QUERIES[n % len(QUERIES)]
            args: dict[str, Any] = {"q": q}
            if n % 3 == 1:
                args["province"] = rng.choice(provinces)
            if n % 5 == 2:
                args["field"] = rng.choice(fields)
            if n % 7 == 3:
                args["page"] = rng.randint(2, 20)
            start = time.perf_counter()
            result = search_public(**args)
            list(result.page.object_list)
            elapsed = (time.perf_counter() - start) * 1000
            timings.append(elapsed)
            slow.append((elapsed, f"{args} → {result.count:,}"))
        self.report("search_public", timings)
        for elapsed, label in sorted(slow, reverse=True)[:5]:
            self.stdout.write(f"    slow: {elapsed:.1f} ms {label}")
        client = Client(SERVER_NAME="localhost")
        pages = [
            "/thu-vien/",
            "/thu-vien/?sort=replicas",
            "/thu-vien/?exemplary=1",
            "/thu-vien/?year=2024",
            "/thu-vien/?page=50",
            "/thu-vien/?q=dan+van+kheo",
            "/thu-vien/?q=hoa+giai&sort=date",
            f"/thu-vien/?province={provinces[0]}",
            f"/thu-vien/?field={fields[0]}&sort=replicas",
        ]
        client.get(pages[0])
        page_timings: list[float] = []
        for n in range(max(runs // 2, len(pages))):
            url = pages[n % len(pages)]
            start = time.perf_counter()
            response = client.get(url)
            page_timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
        self.report("library page", page_timings)

    def report(self, label: str, timings: list[float]) -> None:
        ordered = sorted(timings)
        p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
        self.stdout.write(
            f"{label}: n={len(ordered)} p50={statistics.median(ordered):.1f} ms "
            f"p95={p95:.1f} ms max={ordered[-1]:.1f} ms"
        )
