"""The English catalogue: complete, and every string really reaches it."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

from danvan.conferences.forms import ConferenceForm
from danvan.initiatives.spreadsheet import BY_KEY, header_key
from danvan.library.search import SORT_CHOICES

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _entries() -> list[str]:
    return [block for block in PO.read_text(encoding="utf-8").split("\n\n") if "msgid" in block]


def test_every_english_entry_is_translated_and_checked() -> None:
    entries = _entries()
    assert len(entries) > 1000
    untranslated = [e for e in entries[1:] if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.M)]
    assert untranslated == []
    assert [e for e in entries if "#, fuzzy" in e] == []


def test_library_sort_names_follow_the_chosen_language() -> None:
    with translation.override("en"):
        assert [str(label) for _key, label in SORT_CHOICES] == ["Most relevant", "Newly recognised", "Most replicated"]
    with translation.override("vi"):
        assert str(SORT_CHOICES[1][1]) == "Mới công nhận"


def test_lazy_form_labels_are_in_the_catalogue() -> None:
    with translation.override("en"):
        assert str(ConferenceForm.base_fields["place"].label) == "Venue"


def test_import_headers_are_read_in_either_language() -> None:
    title = BY_KEY["title"].header
    with translation.override("vi"):
        vietnamese = str(title)
    with translation.override("en"):
        english = str(title)
        assert english == "Name of the initiative"
        assert header_key(vietnamese) == "title"
        assert header_key("ten mo hinh, dien hinh") == "title"
        assert header_key(english) == "title"
    with translation.override("vi"):
        assert header_key(english) == "title"
        assert header_key("title") == "title"
        assert header_key("Không có cột này") is None


def test_translation_functions_keep_names_makemessages_knows() -> None:
    # makemessages only extracts calls named _, gettext, gettext_lazy, pgettext ...: a string behind
    # another alias (say `gettext_lazy as _l`) never reaches the catalogue and stays Vietnamese.
    source = Path(settings.BASE_DIR)
    aliased = [
        f"{path.relative_to(source)}: {m.group(0)}"
        for path in source.rglob("*.py")
        for m in re.finditer(r"from django\.utils\.translation import \w+ as (\w+)", path.read_text(encoding="utf-8"))
        if m.group(1) != "_"
    ]
    assert aliased == []


def test_shipped_data_names_follow_the_chosen_language(world, client) -> None:  # type: ignore[no-untyped-def]
    """Fields, unit kinds and award forms are data; the names danvan ships are in the catalogue and the
    pages show them in the visitor's language, while a name an admin typed shows as typed."""
    from danvan.awards.models import AwardForm
    from danvan.core.templatetags.vn import data_name
    from danvan.movements.models import Field
    from danvan.orgs.models import UnitKind
    from tests.awards_helpers import recognized_initiative

    with translation.override("en"):
        assert data_name(Field.objects.get(code="economy").name) == "Economy"
        assert data_name(AwardForm.objects.get(code="bang_khen").name) == "Commendation"
        assert data_name(UnitKind.objects.get(code="village").name) == "Village, hamlet, residential group"
        assert data_name("Lĩnh vực riêng của tỉnh") == "Lĩnh vực riêng của tỉnh" and data_name("") == ""
    from danvan.awards.forms import DecisionForm
    from danvan.initiatives.forms import InitiativeFilterForm

    with translation.override("en"):  # the drop-downs too
        fields = [str(label) for _value, label in InitiativeFilterForm.base_fields["field"].choices]  # type: ignore[attr-defined]
        assert "Economy" in fields and "Kinh tế" not in fields
        labels = [str(label) for _value, label in DecisionForm.base_fields["award_form"].choices]  # type: ignore[attr-defined]
        assert "Commendation" in labels and "Bằng khen" not in labels
    initiative = recognized_initiative(world)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/thu-vien/mo-hinh/{initiative.public_key}/").content.decode()
    field = str(initiative.field.name)
    with translation.override("en"):
        english = data_name(field)
    assert english != field and f'<span class="status">{english}</span>' in page
    assert f'<span class="status">{field}</span>' not in page
