"""Who led what, and who succeeded whom.

A post carries across a renaming: the chain of an organization's post follows the
relation types the ontology gives the ``renaming`` role (``jkg:relationRole``), never
splits or mergers; the ``succession`` role marks handover statements, and
``jkg:defaultPost`` the post a relation or an organization holds when none is named.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

from jkg.graph.dataset.model import Relation
from jkg.graph.engine.dates import PartialDate, before, certain_gap, order_key, order_text
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.engine.views import EntityRef, PersonPost, RelationView, Succession, SuccessionStep
from jkg.graph.exceptions import BadParameterError
from jkg.graph.queries.entities import relations_of
from jkg.ontology.schema import Schema

__all__ = ["founding_order", "leaders", "person_succession", "posted_types", "renaming_family", "succession"]


def _post_of(schema: Schema, rel: Relation) -> str | None:
    return rel.qualifier("post") or schema.relation_types[rel.type].default_post


def posted_types(schema: Schema) -> set[str]:
    """Leadership relation types that carry a post.

    Examples
    --------
    >>> from jkg.ontology.schema import load_schema
    >>> sorted(posted_types(load_schema()))
    ['commanderOf', 'deputyOf', 'heldPostIn', 'leaderOf']
    """
    return {
        name for name in schema.relation_types_in("leadership")
        if "post" in schema.relation_types[name].allowed_qualifiers
    }


def _check_organization(tg: TemporalGraph, ident: str) -> None:
    check_kind(tg.schema, ident, tg.entity(ident).type, "Organization")


def check_kind(schema: Schema, ident: str, entity_type: str, kind: str) -> None:
    """An entity asked about as an organization (or a person) must be one (for every store).

    Raises
    ------
    BadParameterError
    """
    if not schema.is_a(entity_type, kind):
        raise BadParameterError(kind.lower(), ident, f"is a {entity_type}, not an {kind.lower()}"
                                if kind[0] in "AEIOU" else f"is a {entity_type}, not a {kind.lower()}")


def leaders(tg: TemporalGraph, org: str, at: object = None) -> list[RelationView]:
    """Leadership timeline of an organization: who held which post, when.

    Parameters
    ----------
    tg : TemporalGraph
    org : str
        Organization id.
    at : str, optional
        Only holders possibly in post at this partial date, flagged certain or possible.

    Returns
    -------
    list of RelationView
        Leadership relations (leader, deputy, commander, founder, other posts), in time order.

    Raises
    ------
    NotFoundError, BadParameterError, BadDateError

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> [(r.subject.id, r.qualifiers["post"]) for r in leaders(example_graph(), "example-front", at="2018")]
    [('second-emir', 'emir'), ('third-emir', 'deputyEmir')]
    """
    _check_organization(tg, org)
    return relations_of(tg, org, types=tg.schema.relation_types_in("leadership"), direction="in", at=at)


def renaming_family(tg: TemporalGraph, org: str) -> list[str]:
    """The organization and every organization it was renamed from or to, oldest first.

    Renamings are the relation types of the ``renaming`` role (``jkg:relationRole``).

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> renaming_family(example_graph(), "example-front")
    ['old-front', 'example-front']
    """
    renaming = set(tg.schema.relation_types_with_role("renaming"))
    seen = {org}
    queue = deque([org])
    while queue:
        current = queue.popleft()
        for rel in tg.edges(current):
            if rel.type not in renaming or rel.status == "refuted":
                continue
            other = rel.object if rel.subject == current else rel.subject
            if other not in seen:
                seen.add(other)
                queue.append(other)

    return founding_order((ident, tg.entities[ident].start) for ident in seen)


def founding_order(members: Iterable[tuple[str, PartialDate | str | None]]) -> list[str]:
    """Organizations of a renaming family, oldest first: by their start (unknown first), then by id.

    Examples
    --------
    >>> founding_order([("b", "2007"), ("a", None), ("c", "1998")])
    ['a', 'c', 'b']
    """
    return [ident for _, ident in sorted((order_text(start), ident) for ident, start in members)]


@dataclass
class _Step:
    person: str
    organizations: list[str]
    start: PartialDate | None
    end: PartialDate | None
    statuses: list[str]
    sources: list[str]
    relations: list[str]


def _step_order(step: _Step) -> tuple[tuple[int, int], str]:
    """A step by its start's days; without a start, just before its end's first day; then by person."""
    if step.start is None and step.end is not None:
        day = step.end.days[0] - 1
        return (day, day), step.person
    return order_key(step.start), step.person


def _default_post(schema: Schema, org_type: str, tenures: list[Relation]) -> str:
    posts = schema.vocabulary("Posts")
    counts: dict[str, int] = {}
    for rel in tenures:
        post = _post_of(schema, rel)
        if post:
            counts[post] = counts.get(post, 0) + 1
    if not counts:
        default = schema.classes[org_type].default_post
        return default or min(posts, key=lambda p: (posts[p].rank or 99, p))
    return min(counts, key=lambda p: (posts[p].rank or 99, -counts[p], p))


def succession(tg: TemporalGraph, org: str, post: str | None = None) -> Succession:
    """The ordered holders of a post in an organization: who succeeded whom.

    Tenures (leader, deputy, commander and other posted relations) and explicit
    ``succeeded`` statements are merged into one chain that follows the
    organization across renamings. Consecutive tenures of one person merge.
    Each step says whether a statement links it to its predecessor, and flags a
    certain vacancy (gap) or a certain overlap with the predecessor. Refuted facts
    are left out; disputed ones stay, with their status.

    Parameters
    ----------
    tg : TemporalGraph
    org : str
        Organization id.
    post : str, optional
        A post of the ontology (``emir``, ``deputyEmir``, ...); by default the
        organization's top post (lowest ``jkg:rank`` among the posts held in it;
        the ``jkg:defaultPost`` of its class when no holder names one).

    Returns
    -------
    Succession

    Raises
    ------
    NotFoundError, BadParameterError

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> chain = succession(example_graph(), "example-front")
    >>> chain.post, [step.person.id for step in chain.holders], [o.id for o in chain.organizations]
    ('emir', ['first-emir', 'second-emir', 'third-emir'], ['old-front', 'example-front'])
    """
    _check_organization(tg, org)
    check_post(tg.schema, post)
    family = renaming_family(tg, org)
    members = set(family)
    posted = posted_types(tg.schema)
    candidates = [
        rel for o in family for rel in tg.edges(o, "in")
        if rel.type in posted and rel.status != "refuted"
    ]
    # in data order, as a scan of every relation would find them
    statements = [
        rel for _, rel in sorted(
            (found for t in tg.schema.relation_types_with_role("succession") for o in members
             for found in tg.qualified.get((t, "organization", o), ())),
            key=lambda pair: pair[0],
        )
    ]
    return succession_of(tg.schema, tg.views.ref(org), tg.entities[org].type, tg.views.refs(family), candidates,
                         statements, post, tg.views.ref)


def check_post(schema: Schema, post: str | None) -> None:
    """A post asked for must be one of the ontology's.

    Raises
    ------
    BadParameterError
    """
    posts = schema.vocabulary("Posts")
    if post is not None and post not in posts:
        raise BadParameterError("post", post, f"not a post of the ontology (known: {', '.join(posts)})")


def succession_of(schema: Schema, org: EntityRef, org_type: str, family: list[EntityRef],
                  candidates: list[Relation], statements: list[Relation], post: str | None,
                  ref: Callable[[str], EntityRef]) -> Succession:
    """:func:`succession` from the records it is made of, for every store.

    Parameters
    ----------
    schema : Schema
    org : EntityRef
        The organization asked about, of type ``org_type``.
    family : list of EntityRef
        Its renaming family, oldest first (see :func:`founding_order`).
    candidates : list of Relation
        The posted tenures (not refuted) held in the family's organizations.
    statements : list of Relation
        The succession statements about the family's organizations, in a stable order.
    post : str, optional
        The post asked for (checked by :func:`check_post`); by default the organization's top post.
    ref : callable
        The ref of each person the records name.

    Returns
    -------
    Succession
    """
    chosen_post = post or _default_post(schema, org_type, candidates)
    tenures = sorted(
        (rel for rel in candidates if _post_of(schema, rel) == chosen_post),
        key=lambda r: (order_key(r.start), order_key(r.end, unknown="last"), r.id),
    )
    statements = [rel for rel in statements if rel.status != "refuted" and rel.qualifier("post") == chosen_post]
    steps = _steps(tenures, statements)
    statuses = schema.vocabulary("Statuses")
    holders: list[SuccessionStep] = []
    for i, step in enumerate(steps):
        previous = steps[i - 1] if i else None
        following = steps[i + 1] if i + 1 < len(steps) else None
        stated = previous is not None and any(
            s.subject == step.person and s.object == previous.person for s in statements
        )
        relations = list(step.relations)
        sources = list(step.sources)
        for s in statements:
            if previous is not None and s.subject == step.person and s.object == previous.person:
                relations.append(s.id)
                sources.extend(src for src in s.sources if src not in sources)
        gap = overlap = False
        if previous is not None and step.start is not None:
            if previous.end is not None:
                gap = certain_gap(previous.end, step.start)
                overlap = before(step.start, previous.end)
            else:
                overlap = previous.start is not None and before(previous.start, step.start)
        holders.append(SuccessionStep(
            position=i + 1, person=ref(step.person), post=chosen_post,
            organizations=step.organizations,
            start=str(step.start) if step.start else None, end=str(step.end) if step.end else None,
            predecessor=ref(previous.person) if previous else None,
            successor=ref(following.person) if following else None,
            status=max(step.statuses, key=lambda s: statuses[s].rank or 0),
            sources=sources, relations=relations, stated=stated,
            gap_before=gap, overlap_before=overlap,
        ))
    return Succession(organization=org, post=chosen_post, organizations=family, holders=holders)


def _steps(tenures: list[Relation], statements: list[Relation]) -> list[_Step]:
    """Merge tenures into steps; add holders known only from succession statements."""
    steps: list[_Step] = []
    for rel in tenures:
        last = steps[-1] if steps else None
        if last is not None and last.person == rel.subject:
            if rel.object not in last.organizations:
                last.organizations.append(rel.object)
            if last.end is None or (rel.end is None or rel.end.days[1] > last.end.days[1]):
                last.end = rel.end
            last.statuses.append(rel.status)
            last.sources.extend(s for s in rel.sources if s not in last.sources)
            last.relations.append(rel.id)
            continue
        steps.append(_Step(rel.subject, [rel.object], rel.start, rel.end, [rel.status],
                           list(rel.sources), [rel.id]))
    holders = {s.person for s in steps}
    for statement in sorted(statements, key=lambda r: (order_key(r.start), r.id)):
        org = statement.qualifier("organization") or ""
        if statement.object not in holders:
            steps.append(_Step(statement.object, [org], None, statement.start, [statement.status],
                               list(statement.sources), [statement.id]))
            holders.add(statement.object)
        if statement.subject not in holders:
            steps.append(_Step(statement.subject, [org], statement.start, None, [statement.status],
                               list(statement.sources), [statement.id]))
            holders.add(statement.subject)
    steps.sort(key=_step_order)
    return _respect_statements(steps, statements)


def _respect_statements(steps: list[_Step], statements: list[Relation]) -> list[_Step]:
    """Reorder so that each stated predecessor comes before its successor; dates decide the rest.

    A person may hold the post twice (steps, not people, are ordered): a statement ties the
    successor's first step that follows one of the predecessor's to the latest such step,
    or, where the dates put every step of the successor first, the two first steps."""
    order = nx.DiGraph()
    order.add_nodes_from(range(len(steps)))
    for s in statements:
        before_steps = [i for i, step in enumerate(steps) if step.person == s.object]
        after_steps = [j for j, step in enumerate(steps) if step.person == s.subject]
        if not before_steps or not after_steps:
            continue
        dated = [(max(i for i in before_steps if i < j), j) for j in after_steps if before_steps[0] < j]
        order.add_edge(*(dated[0] if dated else (before_steps[0], after_steps[0])))
    if not nx.is_directed_acyclic_graph(order):
        return steps  # contradictory statements: keep the dated order
    return [steps[i] for i in nx.lexicographical_topological_sort(order)]


def person_succession(tg: TemporalGraph, person: str) -> list[PersonPost]:
    """For each post a person held: the predecessor and successor in it.

    Parameters
    ----------
    tg : TemporalGraph
    person : str
        Person id.

    Returns
    -------
    list of PersonPost
        One per post and organization lineage, in time order.

    Raises
    ------
    NotFoundError, BadParameterError

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> [(p.post, p.predecessor.id, p.successor.id) for p in person_succession(example_graph(), "second-emir")]
    [('emir', 'first-emir', 'third-emir')]
    """
    check_kind(tg.schema, person, tg.entity(person).type, "Person")
    tenures = [r for r in tg.edges(person, "out") if r.status != "refuted"]

    def chain(org: str, post: str) -> tuple[str, Succession]:
        return renaming_family(tg, org)[0], succession(tg, org, post)

    return person_posts_of(tg.schema, person, tenures, chain, tg.views.ref)


def person_posts_of(schema: Schema, person: str, tenures: list[Relation],
                    chain: Callable[[str, str], tuple[str, Succession]],
                    ref: Callable[[str], EntityRef]) -> list[PersonPost]:
    """:func:`person_succession` from the person's tenures (not refuted), for every store.

    ``chain(org, post)`` gives the oldest organization of ``org``'s renaming family and the succession of
    ``post`` in it; ``ref`` the ref of each organization.
    """
    posted = posted_types(schema)
    done: set[tuple[str, str]] = set()
    result: list[PersonPost] = []
    ordered = sorted((r for r in tenures if r.type in posted and r.status != "refuted"),
                     key=lambda r: (order_key(r.start), r.id))
    for rel in ordered:
        post = _post_of(schema, rel)
        if post is None:
            continue
        oldest, found = chain(rel.object, post)
        key = (oldest, post)
        if key in done:
            continue
        done.add(key)
        for step in found.holders:
            if step.person.id == person:
                result.append(PersonPost(
                    post=post, organization=ref(step.organizations[-1]), start=step.start, end=step.end,
                    predecessor=step.predecessor, successor=step.successor,
                ))
    return result
