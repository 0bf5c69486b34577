from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every table carries when a row was made and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def _refuse_change() -> ValidationError:
    return ValidationError(_("Nhật ký là bất biến: không được sửa một sự kiện đã ghi."))


def _refuse_removal() -> ValidationError:
    return ValidationError(_("Nhật ký là bất biến: không được xóa một sự kiện đã ghi."))


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Events are written once: the ORM offers no bulk path to change or remove them."""

    def update(self, **kwargs: object) -> int:
        raise _refuse_change()

    def delete(self) -> tuple[int, dict[str, int]]:
        raise _refuse_removal()


class AppendOnlyEvent(models.Model):
    """The base of every audit table: one row per thing that happened, when, with a note; written once.

    A subclass adds what happened (`action`), who did it (`by`) and to what. The application has no
    path that edits or deletes an event, one by one or in bulk.
    """

    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise _refuse_change()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise _refuse_removal()
