"""The ``jkg`` command line."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from jkg.cli.coverage import print_coverage
from jkg.cli.imports import import_app, review
from jkg.cli.ingest import ingest
from jkg.graph import queries
from jkg.graph.dataset.cache import DataCache, default_cache_dir
from jkg.graph.dataset.files import file_contents
from jkg.graph.dataset.validate import validate as validate_data
from jkg.graph.engine.dates import Span, parse_parameter, parse_period
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exceptions import BadParameterError, DataValidationError, LoadTooLargeError, StoreUnavailableError
from jkg.graph.exports.registry import formats, restricted
from jkg.graph.pipeline import load_graph


class Backend(StrEnum):
    embedded = "embedded"
    neo4j = "neo4j"


app = typer.Typer(help="jkg: a knowledge graph of jihadist organizations, from public sources.",
                  no_args_is_help=True, pretty_exceptions_show_locals=False)
console = Console()
err = Console(stderr=True)

DEFAULT_DATA = Path("seed_data")
DEFAULT_CACHE = default_cache_dir()
Paths = Annotated[list[Path] | None, typer.Argument(help="Data files or folders (default: seed_data/).")]
CacheDir = Annotated[Path, typer.Option(
    envvar="JKG_CACHE_DIR", help="Keep files read, data found valid and its indexes here, by content (see jkg cache).")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Read and validate everything again; keep nothing.")]


@contextmanager
def _reading(paths: list[Path]) -> Iterator[Callable[[str, int], None]]:
    """A progress bar over the bytes of the data files, advanced as each file is read."""
    total = sum(len(c) for c in file_contents(paths).values() if isinstance(c, bytes))
    # refreshed by hand, without rich's refresh thread: files are parsed in forked processes only
    # from a process that runs no other thread
    with Progress(console=err, transient=True, auto_refresh=False) as bar:
        task = bar.add_task("Reading data files", total=total)

        def advance(file: str, size: int) -> None:
            bar.update(task, advance=size, description=f"Read {file}", refresh=True)

        yield advance
        bar.update(task, description="Validating against the ontology and its SHACL shapes...", refresh=True)


def _cache(cache_dir: Path, no_cache: bool) -> DataCache | None:
    return None if no_cache else DataCache(cache_dir)


@app.command()
def validate(paths: Paths = None, cache_dir: CacheDir = DEFAULT_CACHE, no_cache: NoCache = False) -> None:
    """Check data files against the ontology and its shapes; print every problem (always checks everything)."""
    chosen = paths or [DEFAULT_DATA]
    with _reading(chosen) as progress:
        report = validate_data(chosen, root=Path.cwd(), cache=_cache(cache_dir, no_cache), progress=progress)
    for problem in report.problems:
        err.print(str(problem), markup=False, highlight=False, soft_wrap=True)
    data = report.data
    if report.problems:
        err.print(f"[red]{len(report.problems)} problem(s)[/red] in {len(data.files)} file(s); nothing may be loaded.")
        raise typer.Exit(1)
    console.print(f"[green]OK[/green]: {len(data.files)} files, {len(data.entities)} entities,"
                  f" {len(data.relations)} relations, {len(data.sources)} sources.")


@app.command()
def stats(paths: Paths = None, cache_dir: CacheDir = DEFAULT_CACHE, no_cache: NoCache = False,
          coverage: Annotated[bool, typer.Option(
              "--coverage", help="Per group followed: founding, top-post holders, latest fact, open questions.",
          )] = False,
          markdown: Annotated[bool, typer.Option(help="With --coverage: a Markdown table, for the README.")] = False,
          ) -> None:
    """Count entities by type, relations by type, and sources (after validation); or the coverage of each group."""
    chosen = paths or [DEFAULT_DATA]
    if coverage:
        today = dt.date.today()
        print_coverage(queries.coverage(_valid_graph(chosen, cache_dir, no_cache), today), console, markdown, today)
        return
    with _reading(chosen) as progress:
        report = validate_data(chosen, root=Path.cwd(), cache=_cache(cache_dir, no_cache), progress=progress)
    data = report.data
    for title, counts in (
        ("Entities by type", Counter(e.type for e in data.entities)),
        ("Relations by type", Counter(r.type for r in data.relations)),
        ("Relations by status", Counter(r.status for r in data.relations)),
    ):
        table = Table(title=title)
        table.add_column("type")
        table.add_column("count", justify="right")
        for key, count in sorted(counts.items()):
            table.add_row(key, str(count))
        table.add_row("[b]total[/b]", f"[b]{sum(counts.values())}[/b]")
        console.print(table)
    console.print(f"Sources: {len(data.sources)}; files: {len(data.files)}")
    if report.problems:
        err.print(f"[yellow]{len(report.problems)} validation problem(s): run jkg validate[/yellow]")
        raise typer.Exit(1)


def _valid_graph(paths: list[Path] | None, cache_dir: Path, no_cache: bool) -> TemporalGraph:
    """Validate and build, or print every problem and exit 1: nothing is loaded from bad data."""
    chosen = paths or [DEFAULT_DATA]
    try:
        with _reading(chosen) as progress:
            return load_graph(chosen, cache_dir=None if no_cache else cache_dir, progress=progress, prepare=False)
    except DataValidationError as error:
        _print_problems(error)
        raise typer.Exit(1) from None


def _print_problems(error: DataValidationError) -> None:
    for problem in error.problems:
        err.print(str(problem), markup=False, highlight=False, soft_wrap=True)
    err.print(f"[red]{len(error.problems)} problem(s)[/red]: nothing was loaded.")


@app.command()
def load(
    paths: Paths = None,
    neo4j: Annotated[bool, typer.Option("--neo4j", help="Load into Neo4j (the only target for now).")] = False,
    uri: Annotated[str | None, typer.Option(help="Bolt or neo4j:// URI (default: NEO4J_URI).")] = None,
    user: Annotated[str | None, typer.Option(help="User (default: NEO4J_USER).")] = None,
    password: Annotated[str | None, typer.Option(help="Password (default: NEO4J_PASSWORD).")] = None,
    database: Annotated[str | None, typer.Option(help="Database (default: NEO4J_DATABASE).")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per batch, each batch its own transaction.")] = 10_000,
    replace: Annotated[bool, typer.Option(help=(
        "Serve exactly the data, and report what the database held that it does not. Without it, what the"
        " database held that the data does not touch (other entity, source and relation ids) is kept."))] = False,
    grace: Annotated[float, typer.Option(min=0, help=(
        "Seconds to wait after switching readers to the new version before removing the previous one, so"
        " queries that began before the switch finish on it."))] = 5.0,
    cache_dir: CacheDir = DEFAULT_CACHE,
    no_cache: NoCache = False,
) -> None:
    """Validate the data, then load it into Neo4j: written in batches as a new version beside the one served,
    then switched to in one transaction, so readers see the previous version until it is complete; a failed or
    killed load leaves the previous version served and is cleaned up by the next. Idempotent; one load at a time."""
    from neo4j.exceptions import DriverError, Neo4jError

    from jkg.graph.neo4j.config import Neo4jSettings, connect
    from jkg.graph.neo4j.load import load as load_neo4j
    from jkg.graph.neo4j.load import load_rows

    if not neo4j:
        err.print("Nothing to load into: pass --neo4j.")
        raise typer.Exit(2)
    tg = _valid_graph(paths, cache_dir, no_cache)
    overrides = {k: v for k, v in {"uri": uri, "user": user, "password": password, "database": database}.items()
                 if v is not None}
    settings = Neo4jSettings(**overrides)  # type: ignore[arg-type]
    try:
        driver = connect(settings)
    except StoreUnavailableError as error:
        err.print(f"[red]{error}[/red]", highlight=False)
        raise typer.Exit(1) from None
    columns = (*Progress.get_default_columns(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} rows/s"))
    with driver, Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(f"Loading into {settings.uri} ({settings.database})", total=load_rows(tg), rate="-")

        def advance(step: str, rows: int, total: int) -> None:
            bar.update(task, advance=rows, total=total, description=f"Loading {step}")
            speed = bar.tasks[task].speed
            bar.update(task, rate=f"{speed:,.0f}" if speed else "-")

        try:
            report = load_neo4j(driver, tg, settings.database, batch_size, replace, progress=advance, grace=grace)
        except (LoadTooLargeError, StoreUnavailableError, RuntimeError) as error:
            err.print(f"[red]{error}[/red]", highlight=False)
            raise typer.Exit(1) from None
        except (DriverError, Neo4jError) as error:
            err.print(f"[red]Neo4j failed during the load ({type(error).__name__}: {error}); the previous version"
                      " is still served, and the next load removes what this one wrote.[/red]", highlight=False)
            raise typer.Exit(1) from None
    counters = report.counters
    console.print(f"[green]Loaded[/green] {settings.uri} ({settings.database}): "
                  + ", ".join(f"{k} {v}" for k, v in sorted(report.counts.items())))
    if report.leftovers:
        console.print(f"removed {report.leftovers} nodes an unfinished load had written")
    if not report.changed:
        console.print(f"Nothing changed: the database already served this data (version {report.generation}).")
        return
    rate = counters["relationships_created"] / report.write_seconds if report.write_seconds else 0.0
    was = report.previous or "none: the database held no jkg data"
    console.print(f"version {report.generation} (was {was}): created {counters['nodes_created']} nodes"
                  f" and {counters['relationships_created']} relationships in {report.write_seconds:.1f} s"
                  f" ({rate:,.0f} relationships/s)")
    if replace and report.previous is not None:
        console.print("removed: " + ", ".join(f"{k} {v}" for k, v in sorted(report.removed.items())))


ExportFormat = StrEnum("ExportFormat", {name: name for name in formats()})  # type: ignore[misc]


@app.command("export")
def export(
    format: Annotated[ExportFormat, typer.Argument(help="The format (see the README's table of formats).")],
    output: Annotated[Path, typer.Argument(help="File to write, or folder for a format that writes a folder.")],
    paths: Annotated[list[Path] | None, typer.Option("--data", help="Data files or folders (default: seed_data/).")]
    = None,
    at: Annotated[str | None, typer.Option(
        "--at", help="Only what possibly held at this date (EDTF: 2013, 2017-03, 2019-02-21, 2013~).")] = None,
    start: Annotated[str | None, typer.Option("--from", help="Only what possibly held from this date on.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Only what possibly held up to this date.")] = None,
    cache_dir: CacheDir = DEFAULT_CACHE,
    no_cache: NoCache = False,
) -> None:
    """Write the validated data in one of the analysts' formats, whole or as of a date (--at, or --from and
    --to: the relations possibly valid then, the entities they link and the sources they cite); nothing is
    written from invalid data or a bad date."""
    chosen = formats()[str(format.value)]
    try:
        span = _export_span(at, start, end)
    except BadParameterError as error:
        err.print(f"Bad option: {error}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    tg = restricted(_valid_graph(paths, cache_dir, no_cache), span)
    if chosen.writes == "folder":
        output.mkdir(parents=True, exist_ok=True)
    period = " ".join(f"{word} {date}" for word, date in (("from", start), ("to", end)) if date is not None)
    when = "" if span.everything else f" (as of {at})" if at is not None else f" ({period})"
    console.print(f"Wrote {chosen.write(tg, output)} to {output}{when}", highlight=False, soft_wrap=True)


def _export_span(at: str | None, start: str | None, end: str | None) -> Span:
    """The days asked for by ``--at`` or ``--from``/``--to`` (every day when none is given).

    Raises
    ------
    BadParameterError
        Naming the option and its value: not a date, an end before the start, or ``--at`` with the others.
    """
    if at is not None and (start is not None or end is not None):
        raise BadParameterError("--at", at, "give either --at or --from/--to, not both")
    if at is not None:
        parse_parameter("--at", at)
        return Span.of(at)
    parse_period(start, end, ("--from", "--to"))
    return Span.between(start, end)


cache = typer.Typer(help="The cache of files read and data found valid.", no_args_is_help=True)
app.add_typer(cache, name="cache")
app.add_typer(import_app, name="import")
app.command("review")(review)
app.command("ingest")(ingest)


@cache.command("clear")
def cache_clear(cache_dir: CacheDir = DEFAULT_CACHE) -> None:
    """Forget every file read and every dataset found valid."""
    console.print(f"Removed {DataCache(cache_dir).clear()} entries from {cache_dir}")


@cache.command("where")
def cache_where(cache_dir: CacheDir = DEFAULT_CACHE) -> None:
    """Print the cache folder."""
    typer.echo(str(cache_dir))


@app.command()
def shapes() -> None:
    """Print the SHACL shapes derived from the ontology (Turtle)."""
    from jkg.ontology.schema import load_schema
    from jkg.ontology.shapes import derived_shapes

    typer.echo(derived_shapes(load_schema()).serialize(format="turtle"))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    backend: Annotated[Backend | None, typer.Option(help="Store backend (default: JKG_BACKEND).")] = None,
) -> None:
    """Start the REST API (uvicorn)."""
    import uvicorn

    from jkg.api.main import create_app
    from jkg.api.settings import Settings

    settings = Settings() if backend is None else Settings(backend=backend.value)
    console.print(f"jkg API on http://{host}:{port}/ (backend: {settings.backend}; docs at /docs)")
    uvicorn.run(create_app(settings), host=host, port=port)


if __name__ == "__main__":
    app()
