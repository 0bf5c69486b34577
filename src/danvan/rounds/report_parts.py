"""What a reporting round adds to the upper unit's report (`reports.parts`): who sent (2/3, the others
by name), the figures summed up the tree, and what each unit wrote, attributed to it."""

from django.utils.translation import gettext as _

from danvan.core.amounts import vn_amount
from danvan.core.formatting import data_name, vn_number
from danvan.orgs.models import Unit
from danvan.reports.parts import RESULTS, Part, PartRequest
from danvan.rounds.models import ReportingRound
from danvan.rounds.selectors import round_board, round_digest, round_indicators, round_totals

OFFERED = 30


def round_parts(request: PartRequest) -> list[Part]:
    if request.round_id is None:
        return []
    the_round = ReportingRound.objects.filter(pk=request.round_id, unit=request.unit).first()
    if the_round is None:
        return []
    board = round_board(the_round)
    sent = _("Đợt “%(title)s”: %(sent)s/%(expected)s đơn vị đã gửi báo cáo") % {
        "title": the_round.title,
        "sent": vn_number(board.submitted),
        "expected": vn_number(board.expected),
    }
    if board.late:
        sent += _(" (%(n)s đơn vị gửi muộn)") % {"n": vn_number(len(board.late))}
    if board.missing:
        sent += _("; chưa gửi: %(names)s") % {"names": ", ".join(r.unit_name for r in board.missing)}
    lines = [sent + "."]
    indicators = round_indicators(the_round)
    totals = round_totals(the_round, indicators=indicators)
    figures = []
    for indicator in indicators:
        if indicator.code not in totals:
            continue
        value = vn_amount(totals[indicator.code])
        label = "%" if indicator.is_derived else (f" {data_name(indicator.unit_label)}" if indicator.unit_label else "")
        figures.append(f"{data_name(indicator.name)}: {value}{label}")
    if figures:
        lines.append(_("Số liệu tổng hợp từ các báo cáo đã gửi: %(figures)s.") % {"figures": "; ".join(figures)})
    for written in round_digest(the_round):
        text = [line.strip() for line in written.text.splitlines() if line.strip()]
        lines.append(
            _("%(unit)s (%(section)s): %(text)s")
            % {"unit": written.unit_name, "section": data_name(written.title).lower(), "text": text[0]}
        )
        lines += text[1:]
    return [Part(RESULTS, _("Tổng hợp báo cáo của các đơn vị"), lines, order=60)]


def rounds_of(unit: Unit) -> list[tuple[int, str]]:
    return list(
        ReportingRound.objects.filter(unit=unit).order_by("-date_to", "-pk").values_list("pk", "title")[:OFFERED]
    )
