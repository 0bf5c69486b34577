"""What the key tasks add to the upper unit's report (`reports.parts`): how the tasks due in the period
were carried out — done on time, done late, not done, by name — and the next period's tasks."""

from django.utils.translation import gettext as _

from danvan.core.formatting import vn_date, vn_number
from danvan.keytasks.models import KeyTask
from danvan.keytasks.selectors import next_tasks, task_outcome
from danvan.reports.parts import DIRECTION, RESULTS, Part, PartRequest


def _named(task: KeyTask) -> str:
    return _("“%(title)s” (%(owner)s chủ trì, hạn %(due)s)") % {
        "title": task.title,
        "owner": task.owner_unit.name,
        "due": vn_date(task.due),
    }


def keytask_parts(request: PartRequest) -> list[Part]:
    parts: list[Part] = []
    outcome = task_outcome(request.unit, request.period.start, request.period.end)
    if outcome.total:
        lines = [
            _(
                "%(period)s có %(total)s nhiệm vụ trọng tâm đến hạn: %(on_time)s nhiệm vụ hoàn thành đúng hạn, "
                "%(late)s nhiệm vụ hoàn thành muộn, %(not_done)s nhiệm vụ chưa hoàn thành."
            )
            % {
                "period": request.period.label()[:1].upper() + request.period.label()[1:],
                "total": vn_number(outcome.total),
                "on_time": vn_number(len(outcome.on_time)),
                "late": vn_number(len(outcome.late)),
                "not_done": vn_number(len(outcome.not_done)),
            }
        ]
        if outcome.late:
            lines.append(
                _("Hoàn thành muộn: %(tasks)s.")
                % {
                    "tasks": "; ".join(
                        _("%(task)s, hoàn thành ngày %(day)s") % {"task": _named(t), "day": vn_date(t.done_on)}
                        for t in outcome.late
                        if t.done_on is not None
                    )
                }
            )
        if outcome.not_done:
            lines.append(_("Chưa hoàn thành: %(tasks)s.") % {"tasks": "; ".join(_named(t) for t in outcome.not_done)})
        parts.append(Part(RESULTS, _("Thực hiện nhiệm vụ trọng tâm"), lines, order=50))
    coming = next_tasks(request.unit, request.period.end)
    if coming:
        lines = []
        for task in coming:
            line = _("- %(task)s") % {"task": _named(task)}
            if task.expected_result:
                line += _("; sản phẩm: %(result)s") % {"result": task.expected_result}
            lines.append(line + ".")
        parts.append(Part(DIRECTION, _("Nhiệm vụ trọng tâm kỳ tới"), lines, order=50))
    return parts
