"""``jkg ingest``: read articles, report what they say about the graph, propose it for review.

Registered in :mod:`jkg.cli.main`; the work is done by :mod:`jkg.graph.imports.articles`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from jkg.graph.dataset.cache import default_cache_dir
from jkg.graph.engine.dates import PartialDate
from jkg.graph.exceptions import BadDateError, BadParameterError, DataValidationError, NotFoundError
from jkg.graph.imports.articles.evaluate import evaluate, format_scores, read_gold
from jkg.graph.imports.articles.mentions import Gazetteer
from jkg.graph.imports.articles.proposals import ArticleMeta, apply_judgements, propose
from jkg.graph.imports.articles.report import read, report_line
from jkg.graph.imports.articles.text import LANGUAGES, read_article
from jkg.graph.imports.review import DEFAULT_REVIEW_DIR, ReviewQueue
from jkg.graph.pipeline import load_graph

console = Console()
err = Console(stderr=True)

DEFAULT_OUT = Path("seed_data") / "imports" / "articles"


def _fail(message: str) -> typer.Exit:
    err.print(message, markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(1)


def _published(value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except BadDateError as error:
        raise BadParameterError("--published", value, f"not an EDTF date ({error})") from None


def ingest(
    files: Annotated[list[Path] | None, typer.Argument(help="Plain-text (UTF-8) articles, FILE.txt.")] = None,
    report: Annotated[Path | None, typer.Option("--report", help="Write the report here (JSON lines).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The article's address (one article).")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Who published it (one article).")] = None,
    published: Annotated[str | None, typer.Option(
        "--published", help="Publication date, EDTF (2020-06-05); relative dates are resolved against it.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="en or fr (guessed when not given).")] = None,
    propose_: Annotated[bool, typer.Option("--propose", help="Put the candidate relations in the review queue.")]
    = False,
    apply: Annotated[bool, typer.Option(
        "--apply", help="Write the accepted proposals as seed data (--out), with the article as their source.")]
    = False,
    evaluate_: Annotated[Path | None, typer.Option(
        "--evaluate", help="Score the reading against a hand-annotated gold file; print P/R per language.")] = None,
    review_dir: Annotated[Path, typer.Option(help="The review queue's folder.")] = DEFAULT_REVIEW_DIR,
    out: Annotated[Path, typer.Option(help="Folder of the accepted articles' seed files.")] = DEFAULT_OUT,
    data: Annotated[list[Path] | None, typer.Option("--data", help="Data files or folders (default: seed_data/).")]
    = None,
) -> None:
    """Read articles (English or French): mentions linked to the graph, dates as EDTF, candidate relations
    with their evidence, compared with the graph; write one report line per article (nothing is written when
    any input is bad)."""
    try:
        if lang is not None and lang not in LANGUAGES:
            raise BadParameterError("--lang", lang, f"one of {', '.join(LANGUAGES)}")
        when = _published(published)
        articles = [read_article(path) for path in files or []]
        if len(articles) > 1 and (url or outlet):
            raise BadParameterError("--url", url or outlet, "--url and --outlet describe one article; give one file")
        if not articles and not (apply or evaluate_):
            raise BadParameterError("files", "", "give at least one article (or --apply, or --evaluate)")
        if articles and report is None and not propose_:
            raise BadParameterError("--report", "", "say where to write the report (--report REPORT.jsonl)")
        gold = read_gold(evaluate_) if evaluate_ is not None else None
        graph = load_graph(data or [Path("seed_data")], cache_dir=None if os.environ.get("JKG_NO_CACHE")
                           else Path(os.environ.get("JKG_CACHE_DIR") or default_cache_dir()), prepare=False)
        gazetteer = Gazetteer(graph)
        readings = [read(graph, article, lang, when, gazetteer) for article in articles]
    except (BadParameterError, NotFoundError) as error:
        raise _fail(f"Bad input: {error}") from None
    except DataValidationError as error:
        shown = "; ".join(str(problem) for problem in error.problems[:3])
        raise _fail(f"The data is not valid ({len(error.problems)} problem(s): {shown}); run jkg validate") from None
    if report is not None and readings:
        temporary = report.with_name(report.name + ".tmp")
        temporary.write_text("".join(report_line(r) for r in readings), encoding="utf-8")
        os.replace(temporary, report)
        console.print(f"Wrote {len(readings)} article(s) to {report}", highlight=False)
    queue = ReviewQueue(review_dir)
    if propose_ and readings:
        meta = ArticleMeta(url=url, outlet=outlet, published=published)
        count = propose(queue, graph, readings, {r.article.name: meta for r in readings})
        console.print(f"Proposed {count} relation(s) for review in {review_dir}", highlight=False)
    if apply:
        try:
            written = apply_judgements(queue, out, data or [Path("seed_data")])
        except BadParameterError as error:
            raise _fail(f"Not applied: {error}") from None
        console.print(f"Wrote {len(written)} seed file(s) under {out}", highlight=False)
    if gold is not None:
        scores = evaluate(graph, gold, gazetteer)
        typer.echo(format_scores(scores))
