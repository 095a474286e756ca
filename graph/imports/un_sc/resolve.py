"""Each UN record against the graph: ``link``, ``review``, ``new`` or ``out-of-scope``.

Rules, in order (a wrong link is worse than a review):

1. **Reference.** An entity holding the record's reference as its ``un_sanctions``
   identifier is the record (score 1), unless ``ignore_identifiers`` (which measures name
   matching alone) or an analyst split that pair (a negative judgement).
2. **Names**, through the graph's name index (case-, accent- and transliteration-insensitive:
   :mod:`jkg.graph.search.index`), each UN name against the entities of the record's kind.
   A match is **strong** when the whole name is the same, exactly or as a transliteration
   (the same phonetic key; a name found inside a longer one is not), on a UN name
   that is not weak (Low, f.k.a. or one word) and a seed name that is not a ``weakAlias``,
   a ``formerName``, one word, or shared by several entities.
3. **Evidence** for an entity: the narrative cites a reference held by the entity or by an
   entity it has a relation with; a second, distinct strong name; a date of birth agreeing
   with the entity's ``start``. Against: a date of birth the entity's start or its earliest
   relation (before the age of 10) rules out. Nationality is shown, never counted.
4. **Link** only when exactly one entity has a strong name, with at least one piece of
   evidence and nothing against. Otherwise any candidate makes a **review**; none, **new**.
   Pairs judged negative are never candidates again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jkg.graph.dataset.model import Entity
from jkg.graph.dataset.names import normalize, phonetic_key
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.imports.un_sc.names import UnName
from jkg.graph.imports.un_sc.records import UnRecord
from jkg.graph.imports.un_sc.scope import AL_QAIDA_LIST, Region, tie

__all__ = ["CANDIDATE_SCORE", "Candidate", "Resolution", "resolve_all"]

#: Name matches scoring below this (0-100, the index's scale) are not candidates.
CANDIDATE_SCORE = 88.0
_WEAK_SEED_KINDS = ("weakAlias", "formerName")
#: Youngest age at which a person's first relation is believable.
_MIN_AGE = 10


@dataclass(frozen=True)
class Candidate:
    """An entity a record may be: its best name pair, and what was found for and against."""

    entity_id: str
    score: float
    un_name: str
    un_quality: str
    seed_name: str
    seed_kind: str
    strong: bool = False
    evidence: tuple[str, ...] = ()
    against: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"entity_id": self.entity_id, "score": self.score, "un_name": self.un_name,
                "un_quality": self.un_quality, "seed_name": self.seed_name, "seed_kind": self.seed_kind}


@dataclass(frozen=True)
class Resolution:
    """What the import decided about one record."""

    record: UnRecord
    decision: str
    entity_id: str | None
    score: float
    candidates: tuple[Candidate, ...]
    rule: str
    scope: str | None = None


@dataclass
class _Match:
    score: float
    un: UnName
    seed_text: str
    seed_kind: str
    strong: bool
    strong_names: set[str] = field(default_factory=set)


def _types(graph: TemporalGraph, schema_name: str) -> set[str]:
    return {"Person"} if schema_name == "Person" else set(graph.schema.kinds_of("Organization"))


def _seed_name(entity: Entity, matched: str, kind: str) -> tuple[str, str]:
    """The sourced name behind a hit (a generated hit matched a phonetic key)."""
    if kind != "generated":
        return matched, kind
    for name in entity.names:
        if phonetic_key(name.text) == matched:
            return name.text, name.kind
    return matched, kind


def _name_matches(graph: TemporalGraph, record: UnRecord, refused: set[str]) -> dict[str, _Match]:
    best: dict[str, _Match] = {}
    allowed = _types(graph, record.schema)
    for un in record.names:
        for hit in graph.names.search(un.text, allowed, limit=10):
            if hit.score < CANDIDATE_SCORE or hit.id in refused:
                continue
            seed_text, seed_kind = _seed_name(graph.entities[hit.id], hit.matched, hit.matched_kind)
            same = normalize(un.text) == normalize(seed_text) or phonetic_key(un.text) == phonetic_key(seed_text)
            strong = (same and not un.weak and not hit.ambiguous
                      and seed_kind not in _WEAK_SEED_KINDS and len(normalize(seed_text).split()) >= 2)
            current = best.get(hit.id)
            if current is None or (strong, hit.score) > (current.strong, current.score):
                names = current.strong_names if current else set()
                best[hit.id] = current = _Match(hit.score, un, seed_text, seed_kind, strong, names)
            if strong:
                current.strong_names.add(normalize(seed_text))
    return best


def _evidence(graph: TemporalGraph, record: UnRecord, entity: Entity, region: Region,
              match: _Match) -> tuple[list[str], list[str]]:
    found: list[str] = []
    against: list[str] = []
    neighbours = {entity.id} | {r.object if r.subject == entity.id else r.subject for r in graph.edges(entity.id)}
    for ref in record.cited:
        holder = region.refs.get(ref)
        if holder in neighbours:
            found.append(f"the narrative cites {ref}, held by {holder}" +
                         ("" if holder == entity.id else f", tied to {entity.id}"))
    if len(match.strong_names) >= 2:
        found.append(f"{len(match.strong_names)} distinct names match")
    years = [y for b in record.births if (y := b.years())]
    if years and record.schema == "Person":
        low, high = min(y[0] for y in years), max(y[1] for y in years)
        if entity.start is not None:
            born = entity.start.year
            (found if low <= born <= high else against).append(
                f"born {born} in the graph, {low}-{high} in the list")
        starts = [r.start.year for r in graph.edges(entity.id) if r.start is not None]
        if starts and min(starts) - _MIN_AGE < low:
            against.append(f"born {low} or later in the list, but in relations from {min(starts)}")
    return found, against


def _candidates(graph: TemporalGraph, record: UnRecord, region: Region,
                refused: set[str]) -> list[Candidate]:
    out = []
    for entity_id, match in _name_matches(graph, record, refused).items():
        entity = graph.entities[entity_id]
        evidence, against = _evidence(graph, record, entity, region, match) if match.strong else ([], [])
        score = match.score / 100 * (0.8 if match.strong else 0.5) + 0.1 * len(evidence) - 0.3 * len(against)
        out.append(Candidate(entity_id, round(min(max(score, 0.0), 1.0), 3), match.un.text, match.un.quality,
                             match.seed_text, match.seed_kind, match.strong, tuple(evidence), tuple(against)))
    return sorted(out, key=lambda c: (-c.score, c.entity_id))


def _decide(record: UnRecord, candidates: list[Candidate], scope: str) -> Resolution:
    strong = [c for c in candidates if c.strong]
    if len(strong) == 1 and strong[0].evidence and not strong[0].against:
        c = strong[0]
        return Resolution(record, "link", c.entity_id, c.score, tuple(candidates),
                          f"name '{c.un_name}' = {c.seed_kind} '{c.seed_name}'; {'; '.join(c.evidence)}", scope)
    if not candidates:
        return Resolution(record, "new", None, 0.0, (), "no entity of the graph matches its names", scope)
    best = candidates[0]
    if len(strong) > 1:
        why = f"a strong name matches {len(strong)} entities"
    elif strong and strong[0].against:
        why = f"a strong name, but {'; '.join(strong[0].against)}"
    elif strong:
        why = "a strong name, but no evidence beside it"
    else:
        why = f"only weak names match ({best.un_quality or 'no quality'} '{best.un_name}', " \
              f"{best.seed_kind} '{best.seed_name}')"
    return Resolution(record, "review", None, best.score, tuple(candidates), why, scope)


def resolve_all(graph: TemporalGraph, records: tuple[UnRecord, ...], region: Region, *,
                ignore_identifiers: bool = False, negatives: set[tuple[str, str]] | None = None) -> list[Resolution]:
    """Resolve every record (see the module docstring), by reference then DATAID.

    ``negatives`` holds the (reference, entity) pairs an analyst judged different: never
    linked nor proposed again.
    """
    negatives = negatives or set()
    ordered = sorted(records, key=lambda r: (r.ref, r.dataid))
    candidates: dict[str, list[Candidate]] = {}
    for record in ordered:
        if record.list_type == AL_QAIDA_LIST:
            refused = {entity for ref, entity in negatives if ref == record.ref}
            candidates[record.dataid] = _candidates(graph, record, region, refused)
    in_scope = {ref: entity for ref, entity in region.region_refs().items()}
    scopes: dict[str, str] = {}
    changed = True
    while changed:  # a record in scope brings the records citing it in
        changed = False
        for record in ordered:
            if record.dataid in candidates and record.dataid not in scopes:
                why = tie(record, region, in_scope, [c.entity_id for c in candidates[record.dataid]])
                if why is not None:
                    scopes[record.dataid] = why
                    in_scope.setdefault(record.ref, f"{record.primary}, in scope")
                    changed = True
    resolutions = []
    for record in ordered:
        if record.list_type != AL_QAIDA_LIST:
            resolutions.append(Resolution(record, "out-of-scope", None, 0.0, (),
                                          f"on the {record.list_type} list, not the Al-Qaida list"))
            continue
        scope = scopes.get(record.dataid)
        if scope is None:
            resolutions.append(Resolution(
                record, "out-of-scope", None, 0.0, (),
                "no tie to a group of the Maghreb or Sahel (nationality and address do not count)"))
            continue
        holder = region.refs.get(record.ref)
        if holder is not None and not ignore_identifiers and (record.ref, holder) not in negatives:
            entity = graph.entities[holder]
            by_ref = Candidate(holder, 1.0, record.primary, "reference", entity.name, "identifier", True)
            others = [c for c in candidates[record.dataid] if c.entity_id != holder]
            resolutions.append(Resolution(record, "link", holder, 1.0, (by_ref, *others),
                                          f"UN reference {record.ref} held as identifier by {holder}", scope))
            continue
        resolutions.append(_decide(record, candidates[record.dataid], scope))
    return resolutions
