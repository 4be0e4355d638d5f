"""Score the statement importer against an annotated corpus.

    python manage.py score_importer GOLD.json STATEMENTS_DIR [--verbose] [--json]

Imports every statement of STATEMENTS_DIR that GOLD.json annotates as a dry run (nothing is
written: the pipeline only reads, and each statement runs in a transaction that is rolled back)
and prints, per statement and overall, mention recall, precision, status agreement, discovery
recall and expected-date agreement. The gold format is in docs/importer.md and
initiatives/importer/scoring.py. Exits with status 1 when a gold file names a statement that is
not in the folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction

from initiatives.importer.errors import ImportRefused
from initiatives.importer.scoring import GOLD_VERSION, Score, folded, score_statement, total
from initiatives.importer.services import proposal_prepare
from initiatives.models import Initiative
from tracker.commands import TrackerCommand

TARGETS = {"recall": 0.95, "precision": 0.90, "status_agreement": 0.95}


class Command(TrackerCommand):
    help = "Score the importer's dry-run proposals against an annotated gold file."

    def add_arguments(self, parser):
        parser.add_argument("gold", help="The gold file (JSON).")
        parser.add_argument("statements", help="The folder holding the statement files.")
        parser.add_argument(
            "--verbose", action="store_true", help="List misses, extras and disagreements."
        )
        parser.add_argument("--json", action="store_true", help="Print the scores as JSON.")

    def handle(self, *args, **options):
        gold = self._gold(Path(options["gold"]))
        folder = Path(options["statements"])
        if not folder.is_dir():
            raise CommandError(f"No such folder: {folder}")
        missing = [name for name in gold["statements"] if not (folder / name).is_file()]
        if missing:
            raise CommandError(f"Not in {folder}: {', '.join(missing)}")

        names = {}
        for initiative in Initiative.objects.only("id", "name", "acronym", "aliases"):
            names[initiative.pk] = tuple(initiative.names())
        catalogue = folded(n for spellings in names.values() for n in spellings)

        scores = []
        for name, entry in sorted(gold["statements"].items()):
            scores.append(self._score(folder / name, entry, names, catalogue))
        overall = total(scores)

        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "statements": [s.as_dict() for s in scores],
                        "overall": overall.as_dict(),
                        "targets_met": _targets_met(scores),
                    },
                    indent=2,
                )
            )
            return
        self._table(scores, overall, verbose=options["verbose"])

    def _gold(self, path: Path) -> dict:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise CommandError(f"{path} is not valid JSON: {error}") from error
        if not isinstance(gold, dict) or not isinstance(gold.get("statements"), dict):
            raise CommandError(f'{path} has no "statements" object (see docs/importer.md).')
        if gold.get("version", GOLD_VERSION) != GOLD_VERSION:
            raise CommandError(f"{path} is gold version {gold['version']}; expected 1.")
        return gold

    def _score(self, path: Path, entry: dict, names: dict, catalogue) -> Score:
        try:
            with transaction.atomic():
                proposal = proposal_prepare(path.read_bytes(), filename=path.name)
                transaction.set_rollback(True)
        except ImportRefused as refusal:
            score = Score(file=path.name, gold=len(entry.get("initiatives", [])))
            score.error = refusal.message
            score.missed = [i["name"] for i in entry.get("initiatives", [])]
            return score
        score = score_statement(
            path.name,
            entry,
            proposal,
            known_names=lambda pk: names.get(pk, ()),
            catalogue_names=catalogue,
        )
        want = entry.get("meeting") or {}
        got = proposal.meeting.to_json()
        wrong = [k for k, v in want.items() if got.get(k) != v]
        if wrong:
            score.disagreements.extend(
                f"meeting {k}: {got.get(k)!r} (gold: {want[k]!r})" for k in wrong
            )
        return score

    def _table(self, scores: list[Score], overall: Score, *, verbose: bool) -> None:
        out = self.stdout
        width = max(len(s.file) for s in [*scores, overall])
        header = (
            f"{'statement':<{width}}  {'meeting':<14} {'gold':>4} {'found':>5} "
            f"{'recall':>6} {'prec.':>6} {'status':>6} {'discov.':>7} {'expect.':>7}"
        )
        out.write(header)
        out.write("-" * len(header))
        for s in [*scores, overall]:
            if s is overall:
                out.write("-" * len(header))
            out.write(
                f"{s.file:<{width}}  {s.meeting:<14} {s.gold:>4} {s.proposed:>5} "
                f"{s.recall:>6.3f} {s.precision:>6.3f} {s.status_agreement:>6.3f} "
                f"{s.discovery_recall:>7.3f} {s.expected_agreement:>7.3f}"
            )
        met = _targets_met(scores)
        out.write(
            "Targets (recall >= 0.95, precision >= 0.90, status agreement >= 0.95 on every "
            f"statement): {'met' if met else 'NOT met'}"
        )
        for s in scores:
            if s.error:
                out.write(self.style.ERROR(f"{s.file}: refused: {s.error}"))
            if verbose and (s.missed or s.extra or s.disagreements):
                out.write(f"{s.file}:")
                for name in s.missed:
                    out.write(f"  missed: {name}")
                for name in s.extra:
                    out.write(f"  not in gold: {name}")
                for line in s.disagreements:
                    out.write(f"  differs: {line}")


def _targets_met(scores: list[Score]) -> bool:
    return all(
        not s.error
        and s.recall >= TARGETS["recall"]
        and s.precision >= TARGETS["precision"]
        and s.status_agreement >= TARGETS["status_agreement"]
        for s in scores
    )
