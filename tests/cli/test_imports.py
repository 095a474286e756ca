"""jkg import un-sc and jkg review: the analyst's flow (import, review, apply, undo, split) from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jkg.cli.main import app
from jkg.graph.imports.review import ReviewQueue

FIXTURES = Path(__file__).resolve().parents[1] / "graph" / "imports" / "fixtures"
runner = CliRunner()


def test_import_review_apply_undo_split(tmp_path: Path) -> None:
    review, report, out = tmp_path / "review", tmp_path / "report.jsonl", tmp_path / "un-sc.yaml"
    common = ["import", "un-sc", str(FIXTURES / "un-sc-consolidated.xml"), "--report", str(report),
              "--review-dir", str(review)]
    result = runner.invoke(app, common)
    assert result.exit_code == 0, result.output
    assert "3 link" in result.output and "4 review" in result.output and "QDi.906" in result.output
    listed = runner.invoke(app, ["review", "un-sc", "--review-dir", str(review), "--list"])
    assert "un-sc:QDi.904:+new" in listed.output and "7 pending" in listed.output
    # judge interactively: QDe.901-mujao skip, QDe.902 new positive, then quit
    judged = runner.invoke(app, ["review", "un-sc", "--review-dir", str(review), "--who", "ana"],
                           input="s\np\nlisted, tied to al-Mourabitoun\nq\n")
    assert judged.exit_code == 0, judged.output
    assert "FIXTURE BRIGADE OF THE DUNES" in judged.output and "recorded: positive" in judged.output
    queue = ReviewQueue(review)
    assert queue.current("un-sc")["un-sc:QDe.902:+new"].who == "ana"
    applied = runner.invoke(app, [*common, "--apply", "--output", str(out)])
    assert applied.exit_code == 0, applied.output
    assert "katibat-al-fixture-al-sahrawiya" in out.read_text(encoding="utf-8")
    undo = runner.invoke(app, ["review", "un-sc", "--review-dir", str(review), "--undo", "un-sc:QDe.902:+new"])
    assert undo.exit_code == 0, undo.output
    split = runner.invoke(app, ["review", "un-sc", "--review-dir", str(review), "--split", "QDi.136",
                                "mokhtar-belmokhtar", "--reason", "test split"])
    assert split.exit_code == 0, split.output
    runner.invoke(app, [*common, "--apply", "--output", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "katibat-al-fixture-al-sahrawiya" not in text and "QDi.136" not in text
    lines = {json.loads(x)["un_ref"]: json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()}
    assert lines["QDi.136"]["decision"] == "new"


def test_hostile_xml_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", "un-sc", str(FIXTURES / "xxe.xml"), "--report", str(tmp_path / "r.jsonl"),
                                 "--review-dir", str(tmp_path / "review"), "--apply", "--output",
                                 str(tmp_path / "o.yaml")])
    assert result.exit_code == 2
    assert "refused" in result.output and "DOCTYPE" in result.output
    assert list(tmp_path.iterdir()) == []
