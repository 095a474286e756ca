"""Candidate relations from the cues in each sentence, compared with what the graph holds.

For each sentence and each cue found in it (:mod:`.cues`), the roles are filled from the
linked mentions of that sentence by position, and kept only when the ontology allows the
relation between their types (:meth:`Schema.allows`):

* **killing**: the victim is the person after an active form ("killed X", "a tué X") or
  before a passive one ("X was killed", "X, tué par"); the event is the graph's killing
  of that victim whose date is compatible with the sentence's (:func:`overlaps`), else the
  graph's killing of that victim all the same (a **conflict** on the date), else a new
  event ``new:killing-<victim>-<date>``; a group named after "by"/"par", or just before
  an active form, is proposed as its perpetrator.
* **succession**: the predecessor is the person after the cue ("to replace X",
  "successor of X") or before "'s successor"; the successor is the other person nearest
  the cue.
* **merger**: each group named before the cue merged into the first group named after a
  result word ("into", "devient", "baptisé").
* **pledge**: the group or person nearest before the cue pledged allegiance to the first
  named after it (its leader, when a person is named right beside the group).
* **headship**: "emir of X, P", "X's emir P", "AQIM leader P", "P, chef du groupe X",
  "X, dont le chef est P", "X, dirigé par P": the person next to the cue leads the group
  named after "of/de" (or just before "'s", or just before the cue); not after "a"/"un"
  ("a prominent AQIM leader" is one of its leaders, not its head).

The date of a candidate is the date written in its sentence nearest its cue, leaving out
a date right after "said"/"annoncé" (when it was said); the status comes from the
sentence's wording (a denial: ``refuted``; a claim: ``claimed``; else ``reported``).
Each candidate is compared with the graph: it ``confirms`` a relation of the same type
and ends whose dates may overlap, ``conflicts`` with one whose date cannot (or whose
status is ``refuted`` against it, or the reverse), or with a succession to the same
predecessor by someone else, and otherwise ``adds`` one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from jkg.graph.dataset.model import Relation
from jkg.graph.engine.dates import PartialDate, overlaps
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.imports.articles.cues import Cue, Cues
from jkg.graph.imports.articles.dates import DateMention
from jkg.graph.imports.articles.mentions import Mention
from jkg.graph.imports.articles.text import Sentence

__all__ = ["Candidate", "find_relations"]

_SLUG = re.compile(r"[^a-z0-9]+")
#: Articles before a leader word that make the person one of the group's leaders, not its head.
_INDEFINITE = {"en": frozenset({"a", "an"}), "fr": frozenset({"un", "une"})}


@dataclass(frozen=True)
class Candidate:
    """A relation the article states, with its evidence and how it stands against the graph."""

    type: str
    subject: str
    object: str
    date: str | None
    evidence_start: int
    evidence_end: int
    score: float
    status: str
    #: ``confirms``, ``adds`` or ``conflicts``
    versus: str
    #: the graph's relation compared with, if any
    graph: str | None = None
    #: what differs from it: ``date``, ``status`` or ``person``
    conflict: str | None = None
    #: the mentions the ends were taken from (offsets), for the review page
    subject_span: tuple[int, int] | None = None
    object_span: tuple[int, int] | None = None
    #: for a proposed new end: its class and the name of who it concerns ("Killing", the victim)
    new_class: str | None = None
    new_about: str | None = None


class _Sentence:
    """One sentence's text, mentions and dates, with the helpers the rules share."""

    def __init__(self, text: str, sentence: Sentence, mentions: list[Mention], dates: list[DateMention],
                 graph: TemporalGraph) -> None:
        self.full = text
        self.span = sentence
        self.text = text[sentence.start:sentence.end]
        self.mentions = [m for m in mentions if m.entity_id and sentence.start <= m.start and m.end <= sentence.end]
        self.dates = [d for d in dates if sentence.start <= d.start and d.end <= sentence.end]
        self.schema = graph.schema

    def is_a(self, mention: Mention, ancestor: str) -> bool:
        return mention.type is not None and self.schema.is_a(mention.type, ancestor)

    def of_kind(self, domain: tuple[str, ...]) -> list[Mention]:
        return [m for m in self.mentions if any(self.is_a(m, d) for d in domain)]

    def words_before(self, at: int, count: int) -> list[str]:
        return re.findall(r"\w+", self.full[self.span.start:at])[-count:]

    def words_after(self, at: int, count: int) -> list[str]:
        return re.findall(r"\w+", self.full[at:self.span.end])[:count]


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


class _Finder:
    def __init__(self, graph: TemporalGraph, cues: Cues) -> None:
        self.graph = graph
        self.cues = cues
        self.schema = graph.schema

    # -- the sentence's date and status ----------------------------------------------------------------------

    def date_near(self, s: _Sentence, at: int) -> DateMention | None:
        said = s.dates
        if self.cues.announced is not None:
            said = [d for d in s.dates if not any(self.cues.announced.fullmatch(w) for w in s.words_before(d.start, 3))]
        return min(said, key=lambda d: (abs(d.start - at), d.start), default=None)

    def status(self, s: _Sentence) -> str:
        for status, words in self.cues.statuses:
            if words is not None and words.search(s.text):
                return str(status)
        return str(self.cues.default_status)

    # -- comparing with the graph -----------------------------------------------------------------------------

    def compare(self, rtype: str, subject: str, obj: str, date: str | None, status: str) -> tuple[str, str | None,
                                                                                                 str | None]:
        held = [r for r in self.graph.edges(subject, "out") if r.type == rtype and r.object == obj] \
            if subject in self.graph.entities else []
        when = PartialDate.parse(date) if date else None
        for rel in sorted(held, key=lambda r: r.id):
            if when is None or rel.start is None or overlaps(when, rel.start):
                if (status == "refuted") != (rel.status == "refuted"):
                    return "conflicts", rel.id, "status"
                return "confirms", rel.id, None
        if held:
            return "conflicts", sorted(held, key=lambda r: r.id)[0].id, "date"
        return "adds", None, None

    def killings_of(self, victim: str, event_class: str, relation: str) -> list[Relation]:
        return sorted((r for r in self.graph.edges(victim, "out") if r.type == relation
                       and self.schema.is_a(self.graph.entities[r.object].type, event_class)), key=lambda r: r.id)

    # -- the rules ----------------------------------------------------------------------------------------------

    def candidates(self, s: _Sentence) -> list[Candidate]:
        found: list[Candidate] = []
        for cue in self.cues.relations:
            for match in cue.words.finditer(s.text):
                at = s.span.start + match.start()
                end = s.span.start + match.end()
                rule = getattr(self, f"_{cue.kind}")
                found.extend(rule(s, cue, at, end))
        return found

    def _candidate(self, s: _Sentence, rtype: str, subject: Mention | str, obj: Mention | str,
                   date: DateMention | None, versus: tuple[str, str | None, str | None] | None = None,
                   status: str | None = None) -> Candidate:
        sid = subject if isinstance(subject, str) else subject.entity_id
        oid = obj if isinstance(obj, str) else obj.entity_id
        assert sid is not None and oid is not None
        status = status or self.status(s)
        edtf = date.edtf if date else None
        versus = versus or self.compare(rtype, sid, oid, edtf, status)
        ends = [m.score for m in (subject, obj) if isinstance(m, Mention)]
        score = round(min(ends, default=1.0) * (0.85 if date else 0.75), 2)
        return Candidate(
            type=rtype, subject=sid, object=oid, date=edtf, evidence_start=s.span.start, evidence_end=s.span.end,
            score=score, status=status, versus=versus[0], graph=versus[1], conflict=versus[2],
            subject_span=None if isinstance(subject, str) else (subject.start, subject.end),
            object_span=None if isinstance(obj, str) else (obj.start, obj.end),
        )

    def _killing(self, s: _Sentence, cue: Cue, at: int, end: int) -> list[Candidate]:
        assert cue.event is not None
        domain = self.schema.relation_types[cue.relation].domain
        people = [m for m in s.of_kind(domain) if self.schema.allows(cue.relation, m.type or "", cue.event)]
        before = [w.lower() for w in s.words_before(at, 2)]
        after = [w.lower() for w in s.words_after(end, 1)]
        passive = bool(cue.passive_before & set(before)) or bool(cue.passive_after & set(after))
        earlier = [m for m in people if m.end <= at]
        later = [m for m in people if m.start >= end]
        if passive:
            victim = earlier[-1] if earlier else None
        else:
            victim = later[0] if later else (earlier[-1] if earlier and at - earlier[-1].end < 40 else None)
        if victim is None or victim.entity_id is None:
            return []
        date = self.date_near(s, at)
        status = self.status(s)
        held = self.killings_of(victim.entity_id, cue.event, cue.relation)
        when = PartialDate.parse(date.edtf) if date else None
        chosen = next((r for r in held if when is None or r.start is None or overlaps(when, r.start)), None)
        if chosen is not None:
            event = chosen.object
            versus: tuple[str, str | None, str | None] = (
                ("conflicts", chosen.id, "status") if (status == "refuted") != (chosen.status == "refuted")
                else ("confirms", chosen.id, None))
        elif held:
            event, versus = held[0].object, ("conflicts", held[0].id, "date")
        else:
            event = f"new:{_slug(cue.event)}-{victim.entity_id}" + (f"-{_slug(date.edtf)}" if date else "")
            versus = ("adds", None, None)
        found = [self._candidate(s, cue.relation, victim, event, date, versus, status)]
        if cue.perpetrator:
            doer = self._perpetrator(s, cue, at, end, passive, victim)
            if doer is not None:
                found.append(self._candidate(s, cue.perpetrator, doer, event, date, status=status))
        if event.startswith("new:"):
            about = self.graph.entities[victim.entity_id].name
            found = [replace(c, new_class=cue.event, new_about=about) for c in found]
        return found

    def _perpetrator(self, s: _Sentence, cue: Cue, at: int, end: int, passive: bool,
                     victim: Mention) -> Mention | None:
        assert cue.perpetrator is not None and cue.event is not None
        able = [m for m in s.mentions if m is not victim
                and self.schema.allows(cue.perpetrator, m.type or "", cue.event)
                and not self.is_a_person(m)]
        if passive:
            by = [m for m in able if m.start >= end and set(w.lower() for w in s.words_before(m.start, 3))
                  & cue.passive_after]
            return by[0] if by else None
        near = [m for m in able if m.end <= at and len(s.words_before(at, 99)) - len(s.words_before(m.end, 99)) <= 2]
        return near[-1] if near else None

    def is_a_person(self, mention: Mention) -> bool:
        return mention.type is not None and self.schema.is_a(mention.type, "Person")

    def _succession(self, s: _Sentence, cue: Cue, at: int, end: int) -> list[Candidate]:
        rt = self.schema.relation_types[cue.relation]
        people = [m for m in s.of_kind(rt.domain)]
        if len(people) < 2:
            return []
        possessive = s.full[max(s.span.start, at - 4):at].rstrip().endswith(("'s", "\u2019s"))
        if possessive:
            earlier = [m for m in people if m.end <= at]
            predecessor = earlier[-1] if earlier else None
        else:
            later = [m for m in people if m.start >= end]
            predecessor = later[0] if later else None
        if predecessor is None:
            return []
        others = [m for m in people if m.entity_id != predecessor.entity_id]
        if not others:
            return []
        successor = min(others, key=lambda m: (m.start > at, abs(m.start - at)))
        if not self.schema.allows(cue.relation, successor.type or "", predecessor.type or ""):
            return []
        date = self.date_near(s, at)
        status = self.status(s)
        versus = self.compare(cue.relation, successor.entity_id or "", predecessor.entity_id or "",
                              date.edtf if date else None, status)
        if versus[0] == "adds":
            rival = sorted(r.id for r in self.graph.edges(predecessor.entity_id or "", "in")
                           if r.type == cue.relation and r.status != "refuted")
            if rival:
                versus = ("conflicts", rival[0], "person")
        return [self._candidate(s, cue.relation, successor, predecessor, date, versus, status)]

    def _groups(self, s: _Sentence, relation: str, side: str) -> list[Mention]:
        rt = self.schema.relation_types[relation]
        return s.of_kind(rt.domain if side == "domain" else rt.range)

    def _merger(self, s: _Sentence, cue: Cue, at: int, end: int) -> list[Candidate]:
        if cue.result is None:
            return []
        marker = cue.result.search(s.full, end, s.span.end)
        if marker is None:
            return []
        results = [m for m in self._groups(s, cue.relation, "range") if m.start >= marker.end()]
        if not results:
            return []
        result = results[0]
        parties = [m for m in self._groups(s, cue.relation, "domain")
                   if m.end <= marker.start() and m.entity_id != result.entity_id
                   and self.schema.allows(cue.relation, m.type or "", result.type or "")]
        date = self.date_near(s, at)
        seen: set[str] = set()
        found = []
        for party in parties:
            if party.entity_id in seen:
                continue
            seen.add(party.entity_id or "")
            found.append(self._candidate(s, cue.relation, party, result, date))
        return found

    def _pledge(self, s: _Sentence, cue: Cue, at: int, end: int) -> list[Candidate]:
        rt = self.schema.relation_types[cue.relation]
        targets = [m for m in s.of_kind(rt.range) if m.start >= end]
        pledgers = [m for m in s.of_kind(rt.domain) if m.end <= at]
        if not targets:
            return []
        target = targets[0]
        # "Islamic State leader Abu Bakr al-Baghdadi": a person one word after the group
        beside = [m for m in targets[1:] if self.is_a_person(m) and self._gap(s, target.end, m.start) <= 1]
        if not self.is_a_person(target) and beside:
            target = beside[0]
        by = next((w for w in re.finditer(r"\w+", s.full[end:s.span.end])
                   if w.group().lower() in cue.passive_after), None)
        if by is not None:  # "a pledge ... signed by X": X pledged, or, when no one is named, no one we know
            after = [m for m in s.of_kind(rt.domain) if m.start >= end + by.end()]
            if not after:
                return []
            pledgers = [after[0]]
        if not pledgers:
            return []
        pledger = pledgers[-1]
        if pledger.entity_id == target.entity_id or not self.schema.allows(cue.relation, pledger.type or "",
                                                                            target.type or ""):
            return []
        return [self._candidate(s, cue.relation, pledger, target, self.date_near(s, at))]

    def _headship(self, s: _Sentence, cue: Cue, at: int, end: int) -> list[Candidate]:
        rt = self.schema.relation_types[cue.relation]
        if {w.lower() for w in s.words_before(at, 3)} & _INDEFINITE[self.cues.lang]:
            return []  # "a prominent AQIM leader", "un chef d'AQMI": one of its leaders, not its head
        groups = s.of_kind(rt.range)
        people = s.of_kind(rt.domain)
        group = None
        for m in groups:  # "emir of X", "chef du groupe X": at most four words between
            if m.start >= end and len(s.words_after(end, 99)) - len(s.words_after(m.start, 99)) <= 4:
                between = s.full[end:m.start].lower()
                if re.match(r"\s*(of|de|du|des)\b|\s*(d'|d\u2019)", between):
                    # "head of X's council" leads the council, not X
                    group = None if s.full[m.end:m.end + 2] in ("'s", "\u2019s") else m
                    break
        if group is None:  # "X's emir", "X's North Africa chief" (one word between at most)
            for m in reversed(groups):
                gap = s.full[m.end:at]
                if m.end <= at and re.fullmatch(r"[\u2019']s\s+(\w+\s+)?", gap):
                    group = m
                    break
        if group is None:  # "AQIM leader Droukdel", "a prominent AQIM leader": the group right before the cue
            group = next((m for m in reversed(groups) if m.end <= at and self._gap(s, m.end, at) == 0), None)
        if group is None:  # "X, dont le chef est P", "X, led by P": the group just before, the person just after
            return self._headship_after(s, cue, at, end, groups, people)
        candidates = [m for m in people if m.end <= at or m.start >= group.end]
        if not candidates:
            return []
        person = min(candidates, key=lambda m: (min(abs(m.end - at), abs(m.start - group.end)), m.start))
        if min(abs(person.end - at), abs(person.start - group.end)) > 60:
            return []
        if not self.schema.allows(cue.relation, person.type or "", group.type or ""):
            return []
        return [self._candidate(s, cue.relation, person, group, None)]


    def _gap(self, s: _Sentence, start: int, end: int) -> int:
        """How many words lie between two offsets of the sentence."""
        return len(re.findall(r"\w+", s.full[start:end]))

    def _headship_after(self, s: _Sentence, cue: Cue, at: int, end: int, groups: list[Mention],
                        people: list[Mention]) -> list[Candidate]:
        before = [m for m in groups if m.end <= at and self._gap(s, m.end, at) <= 2]
        after = [m for m in people if m.start >= end and self._gap(s, end, m.start) <= 2]
        if not before or not after:
            return []
        group, person = before[-1], after[0]
        if not self.schema.allows(cue.relation, person.type or "", group.type or ""):
            return []
        return [self._candidate(s, cue.relation, person, group, None)]


def find_relations(graph: TemporalGraph, cues: Cues, text: str, sentences: list[Sentence],
                   mentions: list[Mention], dates: list[DateMention]) -> list[Candidate]:
    """The candidate relations of an article, one per type and ends (the best scored, then the first)."""
    finder = _Finder(graph, cues)
    found: list[Candidate] = []
    for sentence in sentences:
        found.extend(finder.candidates(_Sentence(text, sentence, mentions, dates, graph)))
    best: dict[tuple[str, str, str], Candidate] = {}
    for candidate in found:
        key = (candidate.type, candidate.subject, candidate.object)
        if key not in best or candidate.score > best[key].score:
            best[key] = candidate
    return sorted(best.values(), key=lambda c: (c.evidence_start, c.type, c.subject, c.object))
