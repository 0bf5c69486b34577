"""Documents are Vietnamese whoever asks for them: an officer reading the site in English downloads the
same decision, certificates, dossier, report and news draft an office would sign or publish
(danvan.documents.language.in_document_language)."""

import io

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from danvan.conferences.services import news_draft
from danvan.reports.models import Report
from danvan.reports.periods import Period
from danvan.reports.services import render_report
from tests.awards_helpers import make_decision
from tests.conftest import World
from tests.proposals_helpers import submitted_proposal, three_models

pytestmark = pytest.mark.django_db


def _english(world: World, user):  # type: ignore[no-untyped-def]
    client = world.client_for(user)
    client.cookies["django_language"] = "en"
    assert '<html lang="en"' in client.get("/").content.decode()
    return client


def _word(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_an_english_reader_downloads_the_decision_and_certificates_in_vietnamese(world: World) -> None:
    decision = make_decision(world, issue=True)
    client = _english(world, world.approver)
    word = _word(client.get(reverse("awards-decision-docx", args=[decision.pk])).content)
    assert "QUYẾT ĐỊNH" in word and "Điều 1." in word
    assert "DECISION" not in word and "Article 1" not in word
    pdf = client.get(reverse("awards-decision-certificates", args=[decision.pk])).content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Quyết định số" in text and "Decision No" not in text


def test_an_english_reader_downloads_the_dossier_in_vietnamese(world: World) -> None:
    proposal = submitted_proposal(world, three_models(world))
    client = _english(world, world.commune_approver)
    word = _word(client.get(reverse("proposals-document", args=[proposal.pk, "to_trinh"])).content)
    assert "TỜ TRÌNH" in word and "Kính gửi" in word
    assert "SUBMISSION" not in word.upper().replace("TỜ TRÌNH", "")


def test_a_report_and_a_news_draft_asked_in_english_are_vietnamese(world: World) -> None:
    from danvan.conferences.services import conference_create
    from tests.test_conferences import conference_data

    with translation.override("en"):
        word = _word(render_report(unit=world.province, period=Period(2025, 2025), format="docx", layout="state"))
        conference = conference_create(by=world.approver, data=conference_data(world))
        news = news_draft(by=world.approver, conference=conference)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in word and "SOCIALIST REPUBLIC" not in word
    assert "tổ chức hội nghị" in news.body and "held" not in news.body
    assert not Report.objects.exists()  # rendered, nothing queued
