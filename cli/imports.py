"""``jkg import un-sc`` (the UN list in, with a report) and ``jkg review KIND`` (the analyst's queue)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from jkg.graph.exceptions import BadParameterError, DataValidationError, NotFoundError
from jkg.graph.imports.review import DEFAULT_REVIEW_DIR, NEW, Proposal, ReviewQueue, pair_id
from jkg.graph.imports.un_sc.records import HostileXmlError
from jkg.graph.imports.un_sc.run import GENERATED, import_un_sc

__all__ = ["import_app", "review"]

import_app = typer.Typer(help="Bring outside material in, with a report and a review queue.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)

ReviewDir = Annotated[Path, typer.Option(help="The review queue's folder (proposals and judgements).")]
Who = Annotated[str, typer.Option(help="Who judges (kept with the judgement).")]


@import_app.command("un-sc")
def un_sc(
    file: Annotated[Path, typer.Argument(help="The UN consolidated list, as XML (downloaded from the UN).")],
    report: Annotated[Path, typer.Option(help="Write the JSON-lines report here.")],
    ignore_identifiers: Annotated[bool, typer.Option(
        help="Do not link by the UN reference held as identifier: measures name matching alone (no queue, no apply).",
    )] = False,
    apply: Annotated[bool, typer.Option(help="Regenerate the seed file from the links and positive judgements.")]
    = False,
    output: Annotated[Path, typer.Option(help="Where --apply writes.")] = GENERATED,
    data: Annotated[list[Path] | None, typer.Option(help="Data files or folders (default: seed_data/).")] = None,
    review_dir: ReviewDir = DEFAULT_REVIEW_DIR,
) -> None:
    """Resolve the Al-Qaida list's records in scope against the graph: link, review, new or out-of-scope."""
    try:
        result = import_un_sc(file, report, data=data, queue=ReviewQueue(review_dir),
                              ignore_identifiers=ignore_identifiers, apply_to=output if apply else None)
    except (HostileXmlError, BadParameterError) as error:
        err.print(f"[red]{error}[/red]", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except DataValidationError as error:
        err.print(str(error), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    for bad in result.invalid:
        err.print(f"[yellow]set aside, fails the structure:[/yellow] {bad}", highlight=False, soft_wrap=True)
    counts = ", ".join(f"{n} {decision}" for decision, n in result.counts().items())
    console.print(f"{len(result.resolutions)} records looked at ({counts}); report: {report}", highlight=False)
    applied = result.applied
    if applied is None:
        return
    console.print(f"Applied {len(applied.applied)} records to {output}", highlight=False)
    for entity, adds in sorted(applied.amended.items()):
        console.print(f"  {entity} amended: {'; '.join(adds) or 'the UN source cites names it has'}",
                      highlight=False, soft_wrap=True)
    for refused in applied.refused:
        err.print(f"[red]refused:[/red] {refused}", highlight=False, soft_wrap=True)
    if applied.refused:
        raise typer.Exit(1)


def _show(p: Proposal) -> None:
    table = Table(title=f"{p.id}  (score {p.score}; {p.status})", show_lines=True)
    table.add_column("field")
    table.add_column(f"{p.kind} record {p.record}", overflow="fold")
    table.add_column(f"graph: {p.entity or 'a new entity'}", overflow="fold")
    record = p.payload.get("record") or {}
    entity = p.payload.get("entity") or {}
    for key in dict.fromkeys([*record, *entity]):
        left, right = record.get(key, ""), entity.get(key, "")
        table.add_row(key, *("\n".join(map(str, v)) if isinstance(v, list) else str(v or "") for v in (left, right)))
    console.print(table)
    for line in p.evidence:
        console.print(f"  evidence: {line}", highlight=False, markup=False)


def review(
    kind: Annotated[str, typer.Argument(help="The producer: un-sc (the UN list) or article.")],
    who: Who = "",
    review_dir: ReviewDir = DEFAULT_REVIEW_DIR,
    list_only: Annotated[bool, typer.Option("--list", help="List the pending pairs and stop.")] = False,
    undo: Annotated[str | None, typer.Option(help="Cancel the latest judgement standing on this pair id.")] = None,
    split: Annotated[tuple[str, str] | None, typer.Option(
        help="RECORD ENTITY: a wrong link, split in one go (a negative judgement; apply again to remove it).")] = None,
    reason: Annotated[str, typer.Option(help="Why (with --undo or --split).")] = "",
) -> None:
    """Judge the pending pairs one by one, side by side: (p)ositive, (n)egative, (u)nsure, (s)kip, (q)uit."""
    queue = ReviewQueue(review_dir)
    who = who or getpass.getuser()
    try:
        if undo is not None:
            made = queue.undo(undo, who=who, reason=reason)
            console.print(f"Undone: the latest judgement on {made.pair} ({made.when})", highlight=False)
            return
        if split is not None:
            record, entity = split
            made = queue.judge(pair_id(kind, record, None if entity == NEW else entity), "negative", who=who,
                               reason=reason or "split: not the same")
            console.print(f"Split {made.record} from {made.entity}: never linked nor proposed again;"
                          " apply again to remove what the link added.", highlight=False)
            return
        pending = queue.pending(kind)
        if list_only:
            for p in pending:
                console.print(f"{p.id}\t{p.score}\t{'; '.join(p.evidence)}", highlight=False, markup=False)
            console.print(f"{len(pending)} pending", highlight=False)
            return
        for p in pending:
            _show(p)
            answer = typer.prompt("[p]ositive, [n]egative, [u]nsure, [s]kip, [q]uit", default="s").strip().lower()
            if answer.startswith("q"):
                break
            verdict = {"p": "positive", "n": "negative", "u": "unsure"}.get(answer[:1])
            if verdict is None:
                continue
            why = typer.prompt("reason", default="", show_default=False)
            queue.judge(p.id, verdict, who=who, reason=why)
            console.print(f"recorded: {verdict}", highlight=False)
        console.print(f"{len(queue.pending(kind))} pending", highlight=False)
    except (BadParameterError, NotFoundError) as error:
        err.print(f"[red]{error}[/red]", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
