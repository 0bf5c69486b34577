"""The news draft written from a conference's record, in Vietnamese, for a person to edit."""

from django.utils.translation import gettext as _

from danvan.conferences.models import Conference
from danvan.conferences.selectors import ConferenceFigures
from danvan.core.formatting import vn_date, vn_number
from danvan.documents.language import in_document_language

NAMED_ATTENDEES = 6
NAMED_RECIPIENTS = 12


def _period(conference: Conference) -> str:
    """ "năm 2025", "giai đoạn 2021 - 2025", "6 tháng đầu năm 2026" ..."""
    return conference.period.label()


def _listing(names: list[str], limit: int) -> str:
    shown = names[:limit]
    text = "; ".join(shown)
    if len(names) > limit:
        text += _(" và %(n)s đơn vị, cá nhân khác") % {"n": vn_number(len(names) - limit)}
    return text


@in_document_language
def draft_news(conference: Conference, figures: ConferenceFigures, attendees: list[tuple[str, str]]) -> tuple[str, str]:
    """(title, body) of the news item. Paragraphs are separated by blank lines."""
    host = conference.host_unit.name
    title = _("%(host)s: %(title)s") % {"host": host, "title": conference.title}
    paragraphs: list[str] = []
    chair = conference.chair_name
    if conference.chair_position:
        chair = _("đồng chí %(name)s, %(position)s,") % {
            "name": conference.chair_name,
            "position": conference.chair_position,
        }
    else:
        chair = _("đồng chí %(name)s") % {"name": conference.chair_name}
    paragraphs.append(
        _("Ngày %(date)s, tại %(place)s, %(host)s tổ chức %(title)s. %(chair)s chủ trì hội nghị.")
        % {
            "date": vn_date(conference.date),
            "place": conference.place,
            "host": host,
            "title": conference.title[0].lower() + conference.title[1:] if conference.title else "",
            "chair": (chair[0].upper() + chair[1:]).rstrip(","),
        }
    )
    if attendees:
        named = [f"{name} - {position}" if position else name for name, position in attendees[:NAMED_ATTENDEES]]
        text = _("Dự hội nghị có các đồng chí: %(names)s") % {"names": "; ".join(named)}
        if len(attendees) > NAMED_ATTENDEES:
            text += _(" cùng %(n)s đại biểu khác") % {"n": vn_number(len(attendees) - NAMED_ATTENDEES)}
        paragraphs.append(text + ".")
    scope = conference.scope_unit.name
    if figures.registered or figures.recognized:
        text = _(
            "Theo số liệu tổng hợp, %(period)s, %(scope)s có %(registered)s mô hình, điển hình “Dân vận khéo” "
            "đăng ký (%(rc)s mô hình tập thể, %(ri)s điển hình cá nhân); %(recognized)s mô hình, điển hình "
            "được công nhận (%(gc)s tập thể, %(gi)s cá nhân)"
        ) % {
            "period": _period(conference),
            "scope": scope,
            "registered": vn_number(figures.registered),
            "rc": vn_number(figures.registered_collective),
            "ri": vn_number(figures.registered_individual),
            "recognized": vn_number(figures.recognized),
            "gc": vn_number(figures.recognized_collective),
            "gi": vn_number(figures.recognized_individual),
        }
        if figures.exemplary:
            text += _(", trong đó %(n)s được chọn là tiêu biểu") % {"n": vn_number(figures.exemplary)}
        paragraphs.append(text + ".")
    if conference.report_reference:
        paragraphs.append(
            _("Hội nghị đã nghe %(report)s và thảo luận, trao đổi kinh nghiệm xây dựng, nhân rộng các mô hình.")
            % {"report": conference.report_reference[0].lower() + conference.report_reference[1:]}
        )
    for item in figures.decisions:
        decision = item.decision
        parts = []
        if item.collectives:
            parts.append(_("%(n)s tập thể") % {"n": vn_number(item.collectives)})
        if item.individuals:
            parts.append(_("%(n)s cá nhân") % {"n": vn_number(item.individuals)})
        paragraphs.append(
            _(
                "Tại hội nghị, Quyết định số %(number)s ngày %(date)s của %(issuer)s "
                "tặng %(form)s cho %(who)s đã được công bố."
            )
            % {
                "number": decision.number,
                "date": vn_date(decision.date),
                "issuer": decision.issuer_unit.name,
                "form": decision.award_form.name,
                "who": _(" và ").join(parts),
            }
        )
    if figures.commended_collectives:
        paragraphs.append(
            _("Các tập thể được khen thưởng: %(names)s.")
            % {"names": _listing(figures.commended_collectives, NAMED_RECIPIENTS)}
        )
    if figures.commended_individuals:
        paragraphs.append(
            _("Các cá nhân được khen thưởng: %(names)s.")
            % {"names": _listing(figures.commended_individuals, NAMED_RECIPIENTS)}
        )
    if figures.honoured:
        titles = [f"“{i.title}” ({i.unit.name})" for i in figures.honoured]
        paragraphs.append(
            _("Hội nghị biểu dương các mô hình, điển hình: %(titles)s.")
            % {"titles": _listing(titles, NAMED_RECIPIENTS)}
        )
    return title, "\n\n".join(paragraphs)
