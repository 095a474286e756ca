"""The import's report and the proposals it puts to the review queue.

The report is one JSON object per line, one line per record looked at, ordered by reference
then DATAID, keys in the order below, so the same input gives the same bytes::

    {"un_ref": "QDi.232", "dataid": "...", "schema": "Person"|"Organization",
     "decision": "link"|"review"|"new"|"out-of-scope", "entity_id": "abdelmalek-droukdel"|null,
     "score": 0.0-1.0, "candidates": [{"entity_id", "score", "un_name", "un_quality",
     "seed_name", "seed_kind"}], "rule": "why, in a few words"}

Records failing the structure check are not in it (they were not looked at): the command
lists them with their problems.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.imports.review import Proposal, pair_id
from jkg.graph.imports.un_sc.records import UnRecord
from jkg.graph.imports.un_sc.resolve import Resolution

__all__ = ["KIND", "proposals", "report_line", "report_text"]

#: The review queue's name for this producer.
KIND = "un-sc"
#: Relations shown beside an entity in review, at most.
_RELATIONS_SHOWN = 25


def report_line(resolution: Resolution) -> dict[str, Any]:
    record = resolution.record
    return {"un_ref": record.ref, "dataid": record.dataid, "schema": record.schema,
            "decision": resolution.decision, "entity_id": resolution.entity_id, "score": resolution.score,
            "candidates": [c.as_json() for c in resolution.candidates], "rule": resolution.rule}


def report_text(resolutions: Iterable[Resolution]) -> str:
    """The whole report (see the module docstring)."""
    return "".join(json.dumps(report_line(r), ensure_ascii=False) + "\n" for r in resolutions)


def record_view(record: UnRecord) -> dict[str, Any]:
    """The UN side of a pair, as the analyst sees it."""
    return {
        "reference": record.ref, "dataid": record.dataid, "listed_on": record.listed_on,
        "names": [f"{n.text} ({n.quality or 'no quality'})" for n in record.names],
        "dates_of_birth": [b.text() for b in record.births], "places_of_birth": list(record.birth_places),
        "nationality": list(record.nationalities), "addresses": list(record.addresses),
        "narrative": record.comments, "cites": list(record.cited),
    }


def entity_view(graph: TemporalGraph, entity_id: str) -> dict[str, Any]:
    """The graph side of a pair: names with their kinds and sources, dates, relations."""
    entity = graph.entities[entity_id]
    relations = []
    for rel in sorted(graph.edges(entity_id), key=lambda r: (str(r.start or ""), r.id))[:_RELATIONS_SHOWN]:
        other = rel.object if rel.subject == entity_id else rel.subject
        arrow = f"{rel.type} -> {other}" if rel.subject == entity_id else f"{other} {rel.type} ->"
        span = f" ({rel.start or '?'} - {rel.end or ''})" if rel.start or rel.end else ""
        relations.append(arrow + span)
    return {
        "id": entity.id, "type": entity.type,
        "names": [f"{n.text} ({n.kind}; {', '.join(n.sources) or 'no source'})" for n in entity.names],
        "identifiers": [f"{k}: {v}" for k, v in entity.identifiers],
        "start": str(entity.start) if entity.start else None, "end": str(entity.end) if entity.end else None,
        "relations": relations,
    }


def proposals(graph: TemporalGraph, resolutions: Iterable[Resolution]) -> list[Proposal]:
    """What the queue gets: each review candidate and each new record, pending; each link, linked."""
    out: list[Proposal] = []
    for res in resolutions:
        record = res.record
        if res.decision == "link" and res.entity_id:
            out.append(_proposal(graph, record, res.entity_id, (res.rule,), res.score, "linked"))
        elif res.decision == "review":
            for c in res.candidates:
                why = (f"{c.un_quality or 'no quality'} '{c.un_name}' ~ {c.seed_kind} '{c.seed_name}'",
                       *c.evidence, *(f"against: {a}" for a in c.against))
                out.append(_proposal(graph, record, c.entity_id, why, c.score, "pending"))
        elif res.decision == "new":
            out.append(_proposal(graph, record, None, (res.rule, f"in scope: {res.scope}"), 0.0, "pending"))
    return out


def _proposal(graph: TemporalGraph, record: UnRecord, entity: str | None, evidence: tuple[str, ...],
              score: float, status: str) -> Proposal:
    payload = {"record": record_view(record), "entity": entity_view(graph, entity) if entity else None}
    return Proposal(pair_id(KIND, record.ref, entity), KIND, record.ref, entity, payload, evidence, score,
                    "linked" if status == "linked" else "pending")
