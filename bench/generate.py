"""A seeded, deterministic generator of synthetic seed data shaped like the real graph.

The output is YAML in the seed data format (``seed_data/README.md``), read by the
same code path as the seed data (:mod:`jkg.graph.dataset.reader` -> :mod:`jkg.graph.dataset.validate`
-> :mod:`jkg.graph.engine.temporal`). It has organization families (renamings through
``successorOf``, splits, mergers, branches and sub-units), successive emirs and
deputies with ``succeeded`` statements, dated alliances, rivalries and pledges,
community ties with their nature, places with ``locatedIn``, events with
perpetrators, claims, participants and killings, and a source registry. Every
relation has dates (or a start note), a status, a grading and sources; names come
with aliases, kunyas, transliterations, acronyms, Arabic-script forms and a few
shared weak aliases.

Usage::

    python -m bench.generate --entities 1000 --out build/bench-data/1k [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from bench.synthetic import FIRST_DAY, GIVEN, KUNYA_SONS, LAST_DAY, NISBA, ORG_HEADS, ORG_TAILS, WEAK, Ent, Synthetic
from jkg.graph.dataset.names import normalize

__all__ = ["GENERATOR_VERSION", "SIZES", "generate"]

#: Bumped whenever the same arguments would write different data.
GENERATOR_VERSION = 2

#: Named sizes: entities.
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}


class _Gen(Synthetic):
    """The shape of the graph: places, communities, organization families, people, events."""


    def build(self) -> None:
        rng, n = self.rng, self.n
        for i in range(max(20, n // 50)):
            self.sources.append(f"src-{i:06d}")
        n_places = max(20, n * 5 // 100)
        n_comm = max(5, n // 100)
        n_orgs = max(30, n * 12 // 100)
        n_events = max(30, n * 32 // 100)
        n_people = max(30, n - n_places - n_comm - n_orgs - n_events)
        self.places(n_places)
        self.communities(n_comm)
        families = self.organizations(n_orgs)
        self.people(n_people, families)
        self.events(n_events)
        rng.shuffle(families)  # no-op on output order; keeps rng use explicit

    def places(self, count: int) -> None:
        countries, regions = [], []
        for i in range(count):
            kind = "Country" if i < max(5, count // 20) else ("Region" if i < count // 4 else
                                                                 self.rng.choice(["City", "City", "MountainRange"]))
            text = self.unique(lambda: self.word(self.rng.choice((2, 3))) + ("" if self.rng.random() < .7 else
                                                                            " " + self.word(2)))
            assert text is not None
            pid = f"place-{i:06d}"
            names = [self.name(text, "preferred")]
            alt = self.variant(text)
            if normalize(alt) not in self.used_names:
                self.used_names.add(normalize(alt))
                names.append(self.name(alt, "transliteration", "fr"))
            self.add_entity(Ent(pid, kind, names, self.cite(1), file="places"))
            if kind == "Country":
                countries.append(pid)
            else:
                parent = self.rng.choice(regions if kind != "Region" and regions else countries)
                self.relate("places", "locatedIn", pid, parent, None, start_note="boundaries predate the period",
                            status="confirmed")
                if kind == "Region":
                    regions.append(pid)
        self.place_ids = [p for p in self.entities if p.startswith("place-")]
        self.countries = countries

    def communities(self, count: int) -> None:
        self.community_ids = []
        for i in range(count):
            text = self.unique(lambda: self.word(2) + self.rng.choice(["", "i", "a"]))
            assert text is not None
            cid = f"community-{i:05d}"
            self.add_entity(Ent(cid, "Community", [self.name(text, "preferred")], self.cite(1), file="communities"))
            self.community_ids.append(cid)

    def org_name(self) -> str:
        return self.unique(lambda: f"{self.rng.choice(ORG_HEADS)} {self.word(self.rng.choice((2, 3)))}"
                           f"{' ' + self.rng.choice(ORG_TAILS) if self.rng.random() < .6 else ''}") or ""

    def organizations(self, count: int) -> list[list[str]]:
        """Families of organizations: renaming chains with splinters, mergers, branches and sub-units."""
        rng = self.rng
        families: list[list[str]] = []
        made = 0
        fam = 0
        while made < count:
            file = f"family-{fam // 40:05d}"
            size = min(count - made, rng.randint(3, 9))
            members: list[str] = []
            founded = self.between(FIRST_DAY, LAST_DAY - 15 * 365)
            chain = min(size, rng.choice((1, 2, 2, 3)))
            day = founded
            for k in range(size):
                oid = f"org-{made:06d}"
                made += 1
                if k < chain:
                    kind = "MilitantGroup" if k else rng.choice(["MilitantGroup", "PoliticalMovement"])
                    start = day
                    end = self.between(start + 3 * 365, min(LAST_DAY, start + 12 * 365)) if k < chain - 1 else None
                    if end is None and rng.random() < 0.2:
                        end = self.between(start + 365, LAST_DAY)
                    day = end or day
                else:
                    kind = rng.choice(["SubUnit", "SubUnit", "BranchOrAffiliate", "MilitantGroup", "StateBody"])
                    start = self.between(founded + 180, LAST_DAY - 5 * 365)
                    end = self.between(start + 2 * 365, LAST_DAY) if rng.random() < 0.3 else None
                text = self.org_name()
                names = [self.name(text, "preferred")]
                initials = "".join(w[0] for w in text.split()).upper() + self.word(1).upper()[:2]
                if normalize(initials) not in self.used_names:
                    self.used_names.add(normalize(initials))
                    names.append(self.name(initials, "acronym"))
                fr = self.variant(text)
                if normalize(fr) not in self.used_names:
                    self.used_names.add(normalize(fr))
                    names.append(self.name(fr, "transliteration", "fr"))
                if rng.random() < 0.3:
                    ar = self.arabic(text)
                    if ar and normalize(ar) not in self.used_names:
                        self.used_names.add(normalize(ar))
                        names.append(self.name(ar, "alias", "ar", "Arab"))
                ident = {}
                if rng.random() < 0.2:
                    ident["wikidata"] = f"Q{rng.randint(1, 10**7)}"
                if rng.random() < 0.1:
                    ident["un_sanctions"] = f"QDe.{rng.randint(100, 999)}"
                ent = Ent(oid, kind, names, self.cite(), self.date(start), self.date(end) if end else None,
                           ident, f"A synthetic {kind} of family {fam}.", (start, end or LAST_DAY), file)
                self.add_entity(ent)
                members.append(oid)
                # lineage and structure
                if 0 < k < chain:
                    prev = members[k - 1]
                    self.relate(file, "successorOf", oid, prev, start, coarse=False, status="confirmed")
                elif k >= chain:
                    parent = rng.choice(members[:k])
                    w = self.window(oid, parent)
                    if w and kind in ("SubUnit", "BranchOrAffiliate"):
                        rtype = "subUnitOf" if kind == "SubUnit" else "branchOf"
                        s = min(self.between(w[0], w[0] + 365), w[1])
                        self.relate(file, rtype, oid, parent, s,
                                    self.between(s, w[1]) if rng.random() < .3 else None)
                    elif w:
                        self.relate(file, "splinterOf", oid, parent, w[0], coarse=False)
                    if end and rng.random() < 0.5:
                        target = rng.choice(members[:k])
                        tw = self.entities[target].life
                        if tw[0] <= end <= tw[1] and target != oid:
                            self.relate(file, "mergedInto", oid, target, end, coarse=False)
            families.append(members)
            fam += 1
        self.org_ids = [o for f in families for o in f]
        self.families = families
        # cross-family affiliations: alliances, rivalries, pledges, community ties, places
        for oid in self.org_ids:
            ent = self.entities[oid]
            for _ in range(6):
                other = rng.choice(self.org_ids)
                if other == oid:
                    continue
                w = self.window(oid, other)
                if not w:
                    continue
                rtype = rng.choice(["alliedWith", "alliedWith", "rivalOf", "pledgedAllegianceTo"])
                s = self.between(*w)
                self.relate(ent.file, rtype, oid, other, s, self.between(s, w[1]) if rng.random() < .6 else None)
            for _ in range(rng.randint(0, 3)):
                c = rng.choice(self.community_ids)
                s = self.between(ent.life[0], ent.life[1])
                self.relate(ent.file, "tiesWithCommunity", oid, c, s,
                            self.between(s, ent.life[1]) if rng.random() < .5 else None,
                            nature=rng.choice(["protection", "recruitment", "support"]))
            for rtype in ("operatesIn", "operatesIn", "operatesIn", "basedIn"):
                s = self.between(ent.life[0], ent.life[1])
                self.relate(ent.file, rtype, oid, self.skewed(self.place_ids), s,
                            self.between(s, ent.life[1]) if rng.random() < .5 else None)
        return families

    def skewed(self, items: list[str]) -> str:
        """A pick favouring the first items (hubs such as countries), with a bounded skew."""
        return items[min(len(items) - 1, int(len(items) * self.rng.random() ** 2))]

    def person(self, index: int, file: str, life: tuple[int, int]) -> Ent:
        rng = self.rng
        text = self.unique(lambda: f"{rng.choice(GIVEN)} {self.word(rng.choice((2, 3)))}")
        if text is None:
            text = self.unique(lambda: f"{rng.choice(GIVEN)} {self.word(3)} {self.word(2)}", 200)
        assert text is not None
        names = [self.name(text, "preferred", "fr")]
        alt = self.variant(text)
        if normalize(alt) not in self.used_names:
            self.used_names.add(normalize(alt))
            names.append(self.name(alt, "transliteration", "en"))
        kunya = self.unique(lambda: f"Abu {rng.choice(KUNYA_SONS)} {rng.choice(NISBA)} {self.word(1)}")
        if kunya:
            names.append(self.name(kunya, "kunya", "ar"))
        if rng.random() < 0.1:
            ar = self.arabic(text)
            if ar and normalize(ar) not in self.used_names:
                self.used_names.add(normalize(ar))
                names.append(self.name(ar, "alias", "ar", "Arab"))
        if rng.random() < 0.05:
            names.append(self.name(rng.choice(WEAK), "weakAlias", "ar"))
        pid = f"person-{index:06d}"
        self.person_last[pid] = life[0]
        return self.add_entity(Ent(pid, "Person", names, self.cite(1), life=life, file=file))

    def people(self, count: int, families: list[list[str]]) -> None:
        rng = self.rng
        made = 0
        # leaders first: successive emirs and deputies across each renaming chain
        for members in families:
            chain = [members[0]]
            for o in members[1:]:
                if self.entities[o].start and self.entities[o].life[0] == self.entities[chain[-1]].life[1]:
                    chain.append(o)
            for org_list, post, rtype in ((chain, "emir", "leaderOf"), (chain, "deputyEmir", "deputyOf")):
                lo = self.entities[org_list[0]].life[0]
                hi = self.entities[org_list[-1]].life[1]
                day = lo
                previous: str | None = None
                while day < hi - 200 and made < count:
                    tenure_end = min(hi, day + rng.randint(2 * 365, 6 * 365))
                    p = self.person(made, self.entities[members[0]].file, (day, tenure_end))
                    made += 1
                    self.rank_and_file(p)
                    for o in org_list:
                        olo, ohi = self.entities[o].life
                        s, e = max(day, olo), min(tenure_end, ohi)
                        if s + 30 > e:
                            continue
                        self.relate(self.entities[o].file, rtype, p.id, o, s, e if e < LAST_DAY else None,
                                    coarse=False, post=post)
                    if previous is not None and post == "emir":
                        org_now = next((o for o in org_list if self.entities[o].life[0] <= day
                                        <= self.entities[o].life[1]), org_list[-1])
                        self.relate(self.entities[members[0]].file, "succeeded", p.id, previous, day,
                                    coarse=False, post=post, organization=org_now)
                    previous = p.id
                    day = tenure_end + rng.randint(0, 60)
            for o in members:
                if made >= count:
                    break
                # a founder and a commander
                olo, ohi = self.entities[o].life
                p = self.person(made, self.entities[o].file, (olo, ohi))
                made += 1
                self.rank_and_file(p)
                self.relate(self.entities[o].file, "founderOf", p.id, o, olo, coarse=False, status="confirmed")
                s = self.between(olo, ohi)
                self.relate(self.entities[o].file, "commanderOf", p.id, o, s, self.between(s, ohi))
        # the rank and file: memberships, posts, places, pledges
        while made < count:
            home = self.skewed(self.org_ids) if rng.random() < .3 else rng.choice(self.org_ids)
            olo, ohi = self.entities[home].life
            s = self.between(olo, ohi - 60)
            p = self.person(made, self.entities[home].file, (s, min(ohi, s + rng.randint(365, 15 * 365))))
            made += 1
            self.rank_and_file(p)

    def rank_and_file(self, p: Ent) -> None:
        rng = self.rng
        lo, hi = p.life
        for _ in range(8):
            o = rng.choice(self.org_ids) if rng.random() < .5 else self.skewed(self.org_ids)
            w = (max(lo, self.entities[o].life[0]), min(hi, self.entities[o].life[1]))
            if w[0] + 30 > w[1]:
                continue
            s = self.between(*w)
            extra = {"post": "commander"} if rng.random() < 0.05 else {}
            self.relate(p.file, "memberOf", p.id, o, s, self.between(s, w[1]) if rng.random() < .7 else None,
                        **extra)
        for o in rng.sample(self.org_ids, 2):
            w = (max(lo, self.entities[o].life[0]), min(hi, self.entities[o].life[1]))
            if w[0] + 30 > w[1]:
                continue
            s = self.between(*w)
            if rng.random() < .5:
                self.relate(p.file, "heldPostIn", p.id, o, s, self.between(s, w[1]),
                            post=rng.choice(["spokesperson", "religiousOfficial", "chiefOfStaff", "head"]))
            else:
                self.relate(p.file, "pledgedAllegianceTo", p.id, o, s, self.between(s, w[1]))
        for rtype in ("operatesIn", "operatesIn", "operatesIn", "basedIn"):
            s = self.between(lo, hi)
            self.relate(p.file, rtype, p.id, self.skewed(self.place_ids), s, self.between(s, hi))
        s = self.between(lo, hi)
        self.relate(p.file, "tiesWithCommunity", p.id, rng.choice(self.community_ids), s, self.between(s, hi),
                    nature=rng.choice(["protection", "recruitment", "support"]))

    def events(self, count: int) -> None:
        rng = self.rng
        people = [p for p in self.entities if p.startswith("person-")]
        killings = count // 5
        for i in range(count - killings):
            perpetrator = rng.choice(self.org_ids)
            olo, ohi = self.entities[perpetrator].life
            day = self.between(olo, ohi)
            place = self.skewed(self.place_ids)
            kind = rng.choice(["Attack", "Attack", "Attack", "Statement", "PoliticalEvent", "Designation"])
            label = f"{kind} in {self.entities[place].names[0]['text']} on {dt.date.fromordinal(day).isoformat()}"
            text = self.unique(lambda label=label: label + ("" if rng.random() < .5 else f" ({self.word(1)})"))
            if text is None:
                continue
            eid = f"event-{i:06d}"
            file = self.entities[perpetrator].file
            self.add_entity(Ent(eid, kind, [self.name(text, "preferred")], self.cite(), self.date(day, False),
                                 None, life=(day, LAST_DAY), file=file))
            self.relate(file, "perpetratorOf", perpetrator, eid, day, coarse=False)
            if rng.random() < .5:
                self.relate(file, "claimedResponsibilityFor", perpetrator, eid, day, coarse=False, status="claimed")
            self.relate(file, "locatedIn", eid, place, None, start_note="where the event took place",
                        status="confirmed")
            for _ in range(rng.randint(3, 12)):
                pid = rng.choice(people)
                plo, phi = self.entities[pid].life
                if plo <= day <= phi:
                    self.relate(file, "participantIn", pid, eid, day, coarse=False)
            if rng.random() < .2:
                c = rng.choice(self.community_ids)
                self.relate(file, "participantIn", c, eid, day, coarse=False)
        # deaths last: a person's death comes after every fact about the person
        victims = rng.sample(people, min(killings, len(people)))
        state = [o for o in self.org_ids if self.entities[o].type == "StateBody"] or self.org_ids
        for i, pid in enumerate(victims):
            # after every fact about the person (a chain of renamings may run past LAST_DAY)
            day = self.person_last.get(pid, self.entities[pid].life[0]) + rng.randint(1, 400)
            killer = next((o for o in (rng.choice(state) for _ in range(5))
                           if self.entities[o].life[0] <= day <= self.entities[o].life[1]), None)
            text = self.unique(lambda pid=pid, day=day: f"Killing of {self.entities[pid].names[0]['text']}"
                               f" on {dt.date.fromordinal(day).isoformat()}")
            if text is None:
                continue
            eid = f"killing-{i:06d}"
            person = self.entities[pid]
            self.add_entity(Ent(eid, "Killing", [self.name(text, "preferred")], self.cite(),
                                 self.date(day, False), None, life=(day, LAST_DAY), file=person.file))
            person.end = self.date(day, False)
            self.relate(person.file, "killedIn", pid, eid, day, coarse=False)
            if killer:
                self.relate(person.file, "perpetratorOf", killer, eid, day, coarse=False)

    # -- output -------------------------------------------------------------------------

def generate(entities: int, out: Path, seed: int = 7) -> dict[str, int]:
    """Write a synthetic dataset of about ``entities`` entities (ten relations each) under ``out``.

    Returns the counts written. The same arguments always write the same files.
    """
    gen = _Gen(entities, seed)
    gen.build()
    return gen.write(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", default="1k", help="a size (1k, 10k, 100k) or a number")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    n = SIZES.get(args.entities) or int(args.entities)
    print(json.dumps(generate(n, args.out, args.seed)))


if __name__ == "__main__":
    main()
