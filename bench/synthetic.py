"""The toolkit of the benchmark's data generator: the vocabulary synthetic names are made
from, the entity record, and a seeded maker of names, partial dates, citations and
relation lines, which also writes the dataset out as seed-data YAML.

:mod:`bench.generate` decides the shape of the graph with it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from jkg.graph.dataset.names import normalize
from jkg.graph.dataset.reader import relation_id
from jkg.graph.engine.dates import PartialDate

__all__ = [
    "ARABIC", "FIRST_DAY", "GIVEN", "KUNYA_SONS", "LAST_DAY", "NISBA", "ORG_HEADS", "ORG_TAILS", "PUBLISHERS",
    "STATUS", "SYLLABLES", "WEAK", "Ent", "Synthetic", "yaml_string",
]

FIRST_DAY = dt.date(1990, 1, 1).toordinal()
LAST_DAY = dt.date(2024, 12, 31).toordinal()

SYLLABLES = [
    "ba", "bel", "dar", "dja", "dou", "el", "fa", "gha", "ha", "ham", "ka", "kha", "la", "lem",
    "ma", "mok", "na", "nour", "ou", "ra", "sa", "sah", "ta", "tar", "wa", "ya", "za", "zei",
    "ri", "mi", "ki", "bou", "chi", "ti", "di", "fi", "si", "ni", "qa", "ja",
]
GIVEN = [
    "Abdelmalek", "Djamel", "Mokhtar", "Yahya", "Abdelhamid", "Nabil", "Hassan", "Iyad", "Amadou",
    "Mohamed", "Ahmed", "Omar", "Youssef", "Karim", "Hamid", "Said", "Ali", "Moussa", "Sidi", "Adnan",
    "Bilal", "Khaled", "Tarek", "Salim", "Rachid", "Brahim", "Idriss", "Mustapha", "Hamza", "Anis",
]
KUNYA_SONS = ["Mohamed", "Ubaydah", "Zeid", "Hammam", "Khalid", "Abdallah", "Talha", "Musab", "Hafs", "Bakr"]
NISBA = ["al-Jazairi", "al-Mauritani", "al-Maghribi", "al-Tunisi", "al-Libi", "al-Sahrawi", "al-Annabi",
          "al-Qasimi", "al-Malii", "al-Nigeri", "al-Fulani", "al-Tuareg"]
ORG_HEADS = ["Katiba", "Jamaat", "Harakat", "Ansar", "Jund", "Saraya", "Liwa", "Majlis"]
ORG_TAILS = ["Mujahidin", "Tawhid", "Jihad", "Sunna", "Khilafa", "Ribat", "Furqan", "Shura", "Nasr", "Fath"]
PUBLISHERS = ["United Nations Security Council", "Le Monde", "Reuters", "Agence France-Presse",
               "The Jamestown Foundation", "Crisis Group", "Long War Journal", "RFI", "Jeune Afrique",
               "Stanford Mapping Militant Organizations", "Counter Extremism Project", "Sahel Memo"]
STATUS = (["confirmed"] * 60) + (["reported"] * 25) + (["claimed"] * 8) + (["disputed"] * 5) + (["refuted"] * 2)
WEAK = ["Abu Mohamed", "the Emir", "Sheikh", "al-Qaid", "Abu Abdallah"]
#: Latin letters to Arabic letters (by code point, for Arabic-script aliases).
ARABIC = {latin: chr(code) for latin, code in (
    ("a", 0x627), ("b", 0x628), ("d", 0x62F), ("e", 0x64A), ("f", 0x641), ("g", 0x63A), ("h", 0x647),
    ("i", 0x64A), ("j", 0x62C), ("k", 0x643), ("l", 0x644), ("m", 0x645), ("n", 0x646), ("o", 0x648),
    ("q", 0x642), ("r", 0x631), ("s", 0x633), ("t", 0x62A), ("u", 0x648), ("w", 0x648), ("y", 0x64A),
    ("z", 0x632), ("c", 0x634))}


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Ent:
    id: str
    type: str
    names: list[dict[str, object]]
    sources: list[str]
    start: str | None = None
    end: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    #: lifetime in ordinals, for generating valid relations
    life: tuple[int, int] = (FIRST_DAY, LAST_DAY)
    file: str = "misc"


class Synthetic:
    """Seeded makers of names, dates, citations and relation lines, and the YAML writer."""

    def __init__(self, entities: int, seed: int) -> None:
        self.n = entities
        self.rng = random.Random(seed)
        self.used_names: set[str] = set()
        self.used_rel: set[str] = set()
        self.entities: dict[str, Ent] = {}
        self.relations: dict[str, list[str]] = defaultdict(list)  # file -> YAML lines
        self.sources: list[str] = []
        self.rel_count = 0
        # person id -> latest day any of its relations mentions
        self.person_last: dict[str, int] = {}

    # -- helpers ------------------------------------------------------------------

    def word(self, parts: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(parts)).capitalize()

    def unique(self, make: object, tries: int = 50) -> str | None:
        for _ in range(tries):
            text = make()  # type: ignore[operator]
            key = normalize(text)
            if key and key not in self.used_names:
                self.used_names.add(key)
                return text
        return None

    def date(self, day: int, coarse: bool = True) -> str:
        """A partial date containing ``day``: day, month or year precision, sometimes approximate."""
        d = dt.date.fromordinal(day)
        roll = self.rng.random() if coarse else 0.0
        if roll < 0.5:
            text = d.isoformat()
        elif roll < 0.8:
            text = f"{d.year:04d}-{d.month:02d}"
        else:
            text = f"{d.year:04d}"
        if coarse and self.rng.random() < 0.05:
            text += "~"
        return text

    def cite(self, k: int | None = None) -> list[str]:
        k = k or self.rng.choice((1, 1, 2, 2, 3))
        return sorted(set(self.rng.sample(self.sources, min(k, len(self.sources)))))

    def name(self, text: str, kind: str, lang: str = "en", script: str | None = None) -> dict[str, object]:
        entry: dict[str, object] = {"text": text, "kind": kind, "lang": lang, "sources": self.cite(1)}
        if script:
            entry["script"] = script
        return entry

    def arabic(self, text: str) -> str:
        return "".join(ARABIC.get(c, "") if c.isalpha() else " " for c in text.lower()).strip()

    def variant(self, text: str) -> str:
        """A transliteration: the same phonetic key, spelt differently."""
        swaps = [("ou", "u"), ("dj", "j"), ("ch", "sh"), ("e", "a"), ("i", "y"), ("k", "q"), ("o", "ou")]
        self.rng.shuffle(swaps)
        out = text
        for old, new in swaps[:3]:
            out = out.replace(old, new)
        return out

    def add_entity(self, ent: Ent) -> Ent:
        self.entities[ent.id] = ent
        return ent

    def relate(self, file: str, rtype: str, subject: str, obj: str, start: int | None, end: int | None = None,
               coarse: bool = True, note: str | None = None, start_note: str | None = None,
               status: str | None = None, **qualifiers: str) -> bool:
        start_text = self.date(start, coarse) if start is not None else None
        end_text = self.date(end, coarse) if end is not None else None
        key = relation_id(rtype, subject, obj, qualifiers.items(),
                          PartialDate.parse(start_text) if start_text else None)
        if key in self.used_rel:
            return False
        self.used_rel.add(key)
        parts = [f"type: {rtype}", f"subject: {subject}", f"object: {obj}"]
        parts += [f"{k}: {v}" for k, v in sorted(qualifiers.items())]
        if start_text:
            parts.append(f"start: {yaml_string(start_text)}")
        else:
            parts.append(f"start_note: {yaml_string(start_note or 'the sources do not date it')}")
        if end_text:
            parts.append(f"end: {yaml_string(end_text)}")
        parts.append(f"status: {status or self.rng.choice(STATUS)}")
        parts.append(f"grading: {self.rng.choice('ABCDEF')}{self.rng.randint(1, 6)}")
        parts.append(f"sources: [{', '.join(self.cite())}]")
        if note:
            parts.append(f"note: {yaml_string(note)}")
        self.relations[file].append("  - {" + ", ".join(parts) + "}")
        self.rel_count += 1
        for pid, day in ((subject, start), (subject, end), (obj, start), (obj, end)):
            if day is not None and pid in self.person_last and day > self.person_last[pid]:
                self.person_last[pid] = day
        return True

    def between(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, max(lo, hi))

    def window(self, *ids: str) -> tuple[int, int] | None:
        lo = max(self.entities[i].life[0] for i in ids)
        hi = min(self.entities[i].life[1] for i in ids)
        return (lo, hi) if lo + 30 <= hi else None

    def write(self, out: Path) -> dict[str, int]:
        if out.exists():
            shutil.rmtree(out)
        (out / "sources").mkdir(parents=True)
        for k in range(0, len(self.sources), 2000):
            lines = ["sources:"]
            for sid in self.sources[k:k + 2000]:
                i = int(sid.split("-")[1])
                lines.append(f"  - {{id: {sid}, publisher: {yaml_string(self.rng.choice(PUBLISHERS))}, "
                             f"date: {yaml_string(self.date(self.between(FIRST_DAY, LAST_DAY)))}, "
                             f"title: {yaml_string(f'Report {i}')}, reliability: {self.rng.choice('ABCDEF')}"
                             + (f", cited_via: src-{self.rng.randrange(0, max(1, i)):06d}" if i and i % 7 == 0 else "")
                             + "}")
            (out / "sources" / f"part-{k // 2000:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        by_file: dict[str, list[Ent]] = defaultdict(list)
        for ent in self.entities.values():
            by_file[ent.file].append(ent)
        files = sorted(set(by_file) | set(self.relations))
        for file in files:
            lines = ["# synthetic benchmark data (bench/generate.py); not real facts", "entities:"]
            for ent in by_file.get(file, []):
                lines.append(f"  - id: {ent.id}")
                lines.append(f"    type: {ent.type}")
                lines.append("    names:")
                for nm in ent.names:
                    parts = [f"text: {yaml_string(str(nm['text']))}", f"kind: {nm['kind']}", f"lang: {nm['lang']}"]
                    if "script" in nm:
                        parts.append(f"script: {nm['script']}")
                    parts.append(f"sources: [{', '.join(nm['sources'])}]")  # type: ignore[arg-type]
                    lines.append("      - {" + ", ".join(parts) + "}")
                if ent.identifiers:
                    lines.append("    identifiers: {" + ", ".join(f"{k}: {v}" for k, v in
                                                             sorted(ent.identifiers.items())) + "}")
                if ent.description:
                    lines.append(f"    description: {yaml_string(ent.description)}")
                if ent.start:
                    lines.append(f"    start: {yaml_string(ent.start)}")
                if ent.end:
                    lines.append(f"    end: {yaml_string(ent.end)}")
                lines.append(f"    sources: [{', '.join(ent.sources)}]")
            if not by_file.get(file):
                lines.pop()
            rels = self.relations.get(file, [])
            if rels:
                lines.append("relations:")
                lines.extend(rels)
            (out / f"{file}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return {"entities": len(self.entities), "relations": self.rel_count, "sources": len(self.sources),
                "files": len(files) + (len(self.sources) + 1999) // 2000}
