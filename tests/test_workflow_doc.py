from pathlib import Path

from django.core.management import call_command

from danvan.initiatives.workflow import WORKFLOW
from danvan.initiatives.workflow_doc import render_workflow_doc

DOC = Path(__file__).resolve().parent.parent / "docs" / "workflow.md"


def test_committed_workflow_page_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render_workflow_doc(), "run `uv run danvan workflow_doc` and commit"


def test_every_transition_is_documented(tmp_path) -> None:
    out = tmp_path / "workflow.md"
    call_command("workflow_doc", output=out)
    text = out.read_text(encoding="utf-8")
    for t in WORKFLOW:
        assert f"| `{t.action}` | {t.label} |" in text
    assert "| `under_review` | Đang bình xét |" in text
    call_command("workflow_doc", output=out, check=True)
