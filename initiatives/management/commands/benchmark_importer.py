"""Time the importer's matching against many known names, next to one regex per name.

    python manage.py benchmark_importer [--sizes 1000 10000] [--repeat 5] [--path FILE]

For each size (a number of known aliases: names, acronyms and other spellings), the catalogue
holds the tracker's real initiatives and partners (when the database has them) topped up with
synthetic names and acronyms. "parse + match" is what an
import costs after reading the file: split the statement and find every name in every
paragraph with the Aho-Corasick automaton. The naive column finds the same names with one
compiled regular expression per spelling (folding case, spacing and punctuation the same way),
which is what a straightforward implementation would do.
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from initiatives.importer.matcher import INITIATIVE, Entry, Matcher
from initiatives.importer.readers import read_document
from initiatives.importer.splitter import split_statement
from tracker.text import normalise

DEFAULT_PATH = (
    Path(__file__).resolve().parents[3]
    / "initiatives"
    / "demo"
    / "3rd-adgmin-2023-joint-media-statement.md"
)
KINDS = ["Framework", "Roadmap", "Work Plan", "Guidelines", "Programme", "Index", "Strategy"]
TOPICS = ["Digital", "Cyber", "Data", "Smart", "Telecom", "Trade", "Talent", "Cloud", "Quantum"]


def synthetic_entries(spellings: int, start_id: int = 1_000_000) -> list[Entry]:
    """Names that look like real ones, most with an acronym, `spellings` spellings in all."""
    entries = []
    i = 0
    while spellings > 0:
        topic = TOPICS[i % len(TOPICS)]
        kind = KINDS[(i // len(TOPICS)) % len(KINDS)]
        name = f"ASEAN {topic} {kind} {i:05d}"
        acronym = f"S{topic[:2].upper()}{i:05d}" if spellings > 1 else ""
        entries.append(Entry(INITIATIVE, start_id + i, name, (name,), acronym, "other"))
        spellings -= 2 if acronym else 1
        i += 1
    return entries


def catalogue_of(real: list[Entry], spellings: int) -> list[Entry]:
    """The real entries topped up with synthetic ones to `spellings` spellings in all."""
    entries: list[Entry] = []
    for entry in real:
        if spelling_count([*entries, entry]) > spellings:
            break
        entries.append(entry)
    return entries + synthetic_entries(spellings - spelling_count(entries))


def spelling_count(entries: list[Entry]) -> int:
    return sum(len({e.name, *e.names, *([e.acronym] if e.acronym else [])}) for e in entries)


def naive_patterns(entries: list[Entry]) -> list[re.Pattern]:
    """One regex per spelling, tolerant of case, spacing and punctuation like the automaton."""
    patterns = []
    for entry in entries:
        for spelling in {entry.name, *entry.names, *([entry.acronym] if entry.acronym else [])}:
            key = normalise(spelling)
            if len(key) < 2:
                continue
            body = r"[\W_]*".join(re.escape(c) for c in key)
            patterns.append(re.compile(rf"(?<![0-9a-z]){body}(?![0-9a-z])", re.I))
    return patterns


def timed(fn, repeat: int) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), result


class Command(BaseCommand):
    help = "Benchmark the importer's multi-name matcher against a naive regex per name."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument("--path", default=str(DEFAULT_PATH), help="The statement to parse.")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if options["repeat"] < 1 or any(size < 1 for size in options["sizes"]):
            raise CommandError("--repeat and every size must be at least 1.")
        data = path.read_bytes()
        document = read_document(data, filename=path.name)
        real = self._real_entries()
        if not real:
            self.stderr.write(
                "No initiative or partner in the database: the catalogue is synthetic only, so "
                "nothing is found. Run `python manage.py load_demo` first to match real names."
            )
        repeat = options["repeat"]

        def parse_and_match(matcher):
            paragraphs = split_statement(document.text).paragraphs
            return sum(len(matcher.find(p.text)) for p in paragraphs)

        paragraphs = [p.text for p in split_statement(document.text).paragraphs]

        def naive_match(patterns):
            found = 0
            for text in split_statement(document.text).paragraphs:
                for pattern in patterns:
                    found += sum(1 for _ in pattern.finditer(text.text))
            return found

        self.stdout.write(
            f"Statement: {path.name}, {len(paragraphs)} paragraphs, "
            f"{sum(len(p) for p in paragraphs):,} characters; median of {repeat} runs."
        )
        header = (
            f"{'names':>8} {'aliases':>10} | {'automaton build':>15} {'parse+match':>12} "
            f"{'found':>6} | {'regex compile':>13} {'regex match':>12} {'found':>6} | "
            f"{'speed-up':>8}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for size in options["sizes"]:
            entries = catalogue_of(real, size)
            build, matcher = timed(lambda e=entries: Matcher(e), repeat)
            match, found = timed(lambda m=matcher: parse_and_match(m), repeat)
            compile_time, patterns = timed(lambda e=entries: (re.purge(), naive_patterns(e))[1], 1)
            naive, naive_found = timed(lambda p=patterns: naive_match(p), max(1, repeat // 2))
            self.stdout.write(
                f"{len(entries):>8,} {spelling_count(entries):>10,} | {build * 1000:>12.1f} ms "
                f"{match * 1000:>9.1f} ms {found:>6} | {compile_time * 1000:>10.1f} ms "
                f"{naive * 1000:>9.1f} ms {naive_found:>6} | {naive / match:>7.0f}x"
            )
        self.stdout.write(
            "parse+match = split the statement and match every paragraph; the regex loop finds "
            "overlapping names too (no longest-match resolution), so it may count more."
        )

    def _real_entries(self) -> list[Entry]:
        try:
            from initiatives.importer.selectors import catalogue_load

            return catalogue_load().entries
        except DatabaseError:
            return []
