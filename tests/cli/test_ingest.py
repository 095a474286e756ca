"""jkg ingest: the report written, bad input refused with nothing written, the evaluation printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jkg.cli.main import app
from jkg.graph.imports.review import ReviewQueue
from tests.conftest import SEED

CORPUS = Path(__file__).resolve().parents[1] / "graph" / "imports" / "articles" / "corpus"
runner = CliRunner()


def _ingest(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["ingest", *args, "--data", str(SEED)])
    return result.exit_code, result.output


def test_several_articles_give_one_line_each_the_same_bytes_each_time(tmp_path: Path) -> None:
    files = [str(CORPUS / "fr-liberte-2020-06-05-droukdel.txt"), str(CORPUS / "fr-linfo-2020-11-annabi.txt")]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for report in (first, second):
        code, output = _ingest(*files, "--published", "2020-06-05", "--report", str(report))
        assert code == 0, output
    assert first.read_bytes() == second.read_bytes()
    lines = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    assert [line["article"] for line in lines] == ["fr-liberte-2020-06-05-droukdel", "fr-linfo-2020-11-annabi"]
    killed = next(r for r in lines[0]["relations"] if r["type"] == "killedIn")
    assert (killed["object"], killed["date"], killed["versus"]) == ("killing-droukdel-2020-06-03", "2020-06-03",
                                                                   "confirms")


@pytest.mark.parametrize(("content", "extra", "message"), [
    (b"\x00\x01\x02binary", [], "binary file"),
    (b"", [], "is empty"),
    (b"   \n\n", [], "is empty"),
    (b"\xff\xfe not utf-8", [], "not UTF-8"),
    ("Ein deutscher Text über gar nichts, aber lang genug.".encode(), [], "cannot tell whether"),
    (b"Droukdel was killed.", ["--lang", "de"], "--lang='de'"),
    (b"Droukdel was killed.", ["--lang", "en", "--published", "2020-13-40"], "--published"),
])
def test_bad_input_is_refused_and_nothing_is_written(tmp_path: Path, content: bytes, extra: list[str],
                                                     message: str) -> None:
    good, bad, report = tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "report.jsonl"
    good.write_text("Abdelmalek Droukdel was killed in June 2020 by French forces.", encoding="utf-8")
    bad.write_bytes(content)
    code, output = _ingest(str(good), str(bad), *extra, "--report", str(report))
    assert code == 1
    assert message in output
    assert sorted(tmp_path.iterdir()) == sorted([good, bad])


def test_propose_puts_the_relations_in_the_review_queue(tmp_path: Path) -> None:
    review = tmp_path / "review"
    code, output = _ingest(str(CORPUS / "fr-tv5monde-2020-06-droukdal.txt"), "--lang", "fr", "--published",
                           "2020-06", "--outlet", "TV5Monde", "--url", "https://information.tv5monde.com/x",
                           "--propose", "--review-dir", str(review))
    assert code == 0, output
    pending = ReviewQueue(review).pending("article")
    assert {p.payload["relation"]["type"] for p in pending} == {"killedIn", "perpetratorOf"}
    assert all(p.payload["outlet"] == "TV5Monde" for p in pending)
    listed = runner.invoke(app, ["review", "article", "--review-dir", str(review), "--list"])
    assert listed.exit_code == 0, listed.output
    # accepting the 4 June killing of a man the graph says died on 3 June: --apply refuses, writes nothing
    killed = next(p for p in pending if p.payload["relation"]["type"] == "killedIn")
    ReviewQueue(review).judge(killed.id, "positive", who="ana")
    out = tmp_path / "articles"
    code, output = _ingest("--apply", "--review-dir", str(review), "--out", str(out))
    assert code == 1 and "Not applied" in output and "ended" in output
    assert list(out.glob("*.yaml")) == []


def test_evaluate_prints_the_scores_per_language() -> None:
    code, output = _ingest("--evaluate", str(CORPUS / "gold.json"))
    assert code == 0, output
    rows = [line for line in output.splitlines() if line.startswith(("| en |", "| fr |"))]
    assert len(rows) == 2
