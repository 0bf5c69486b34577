"""The signed-in home: what needs the person now, read through each app's selectors.

Each part is one query (or none when the person's roles cannot have it), so the page costs the same
whatever the numbers: returned, draft and registered models of their units; the review queue of
their levels; proposals to draw up or decide; reports of open rounds to send; overdue key tasks;
unread notifications."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from danvan.core.actors import Actor
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.selectors import owner_work, owner_work_counts
from danvan.keytasks.models import KeyTask
from danvan.keytasks.selectors import overdue_for
from danvan.notifications.selectors import unread_count
from danvan.orgs.models import LEVEL_ORDER, Level
from danvan.proposals.models import Proposal
from danvan.proposals.selectors import proposals_waiting
from danvan.reviews.selectors import review_queue_counts
from danvan.rounds.models import Submission
from danvan.rounds.selectors import submissions_waiting

ROWS = 8  # models listed by name; the counts link to the full lists

OWNER_LABELS: dict[str, str | Promise] = {
    Status.RETURNED: _("bị trả lại, cần bổ sung"),
    Status.DRAFT: _("bản nháp chưa gửi"),
    Status.REGISTERED: _("đã đăng ký, chưa gửi bình xét"),
}


@dataclass
class Count:
    """One line of the summary: how many, of what, where to see them."""

    n: int
    label: str | Promise
    url: str
    urgent: bool = False


@dataclass
class Workspace:
    counts: list[Count] = field(default_factory=list)
    models: list[Initiative] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    overdue: list[KeyTask] = field(default_factory=list)
    unread: int = 0

    @property
    def nothing(self) -> bool:
        return not any(c.n for c in self.counts)


def workspace_of(user: Actor) -> Workspace:
    space = Workspace()
    models_url = reverse("initiatives-list")
    for status, n in owner_work_counts(user).items():
        if n:
            url = f"{models_url}?{urlencode({'status': status})}"
            space.counts.append(Count(n, OWNER_LABELS[status], url, urgent=status == Status.RETURNED))
    if any(c.n for c in space.counts):
        space.models = list(owner_work(user)[:ROWS])
    queue_url = reverse("reviews-queue")
    levels = dict(Level.choices)
    for level, n in sorted(review_queue_counts(user).items(), key=lambda kv: LEVEL_ORDER.index(Level(kv[0]))):
        label = _("chờ bình xét %(level)s") % {"level": str(levels.get(level, level)).lower()}
        space.counts.append(Count(n, label, queue_url))
    space.proposals = proposals_waiting(user)
    if space.proposals:
        space.counts.append(Count(len(space.proposals), _("đề nghị khen thưởng cần xử lý"), reverse("proposals-list")))
    space.submissions = submissions_waiting(user)
    if space.submissions:
        space.counts.append(Count(len(space.submissions), _("báo cáo của đợt đang mở cần gửi"), "#rounds"))
    space.overdue = overdue_for(user, timezone.localdate())
    if space.overdue:
        space.counts.append(
            Count(len(space.overdue), _("nhiệm vụ trọng tâm quá hạn"), reverse("keytasks-list"), urgent=True)
        )
    space.unread = unread_count(user)
    if space.unread:
        space.counts.append(Count(space.unread, _("thông báo chưa đọc"), reverse("notifications-list")))
    return space
