"""Import a joint media statement from the command line.

    python manage.py import_statement PATH [--dry-run] [--json] [--confirm]

--confirm saves the proposal as it stands (new initiatives accepted, suggested merges merged).
--dry-run writes nothing. --json prints the parse as one JSON object on stdout (notes go to
stderr) and, without --confirm, writes nothing either. With none of these flags the proposal is
stored as an import job for review in the browser, and its address is printed.

A refused file exits with status 1 and its message; a statement already in the tracker exits
with status 0 and says that nothing changed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.urls import reverse

from initiatives.importer.errors import ImportRefused
from initiatives.importer.pipeline import summary_json
from initiatives.importer.proposal import Proposal
from initiatives.importer.services import proposal_confirm, proposal_prepare
from initiatives.models import ImportJob
from tracker.commands import TrackerCommand


class Command(TrackerCommand):
    help = "Parse a statement (Markdown, HTML, text, PDF or .docx) and propose or save its records."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The statement file, or - for standard input.")
        parser.add_argument("--dry-run", action="store_true", help="Parse only; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the parse as JSON.")
        parser.add_argument(
            "--confirm", action="store_true", help="Save the proposal as it stands."
        )
        parser.add_argument(
            "--encoding", default="", help="Read a text file in this encoding (default: detect)."
        )
        parser.add_argument("--user", default="", help="Username recorded as the importer.")
        parser.add_argument("--source-url", default="", help="Where the statement was published.")

    def handle(self, *args, **options):
        if options["dry_run"] and options["confirm"]:
            raise CommandError("Choose either --dry-run or --confirm, not both.")
        data, filename = self._read(options["path"])
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
        try:
            proposal = proposal_prepare(data, filename=filename, encoding=options["encoding"])
        except ImportRefused as refusal:
            raise CommandError(refusal.message) from refusal
        if options["source_url"]:
            proposal.statement.source_url = options["source_url"]

        if options["json"]:
            self.stdout.write(json.dumps(summary_json(proposal), indent=2, ensure_ascii=False))
        else:
            self._summary(proposal)

        duplicate = proposal.duplicate_of
        if duplicate:
            self._note(duplicate.message, options["json"])
            return
        if options["dry_run"] or (options["json"] and not options["confirm"]):
            self._note("Dry run: nothing was saved.", options["json"])
        elif options["confirm"]:
            try:
                outcome = proposal_confirm(proposal=proposal, user=user)
            except ImportRefused as refusal:
                raise CommandError(refusal.message) from refusal
            self._note(outcome.message, options["json"], success=True)
        else:
            job = ImportJob.objects.create(
                created_by=user,
                filename=filename[:255],
                content=data,
                source_url=options["source_url"][:500],
                proposal=proposal.to_json(),
                state=ImportJob.State.READY,
                progress=100,
                message="Ready for review.",
            )
            url = reverse("initiatives:import_detail", args=[job.pk])
            self._note(f"Proposal ready for review at {url}", options["json"], success=True)

    def _read(self, path: str) -> tuple[bytes, str]:
        if path == "-":
            return sys.stdin.buffer.read(), ""
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        return file.read_bytes(), file.name

    def _note(self, message: str, as_json: bool, success: bool = False) -> None:
        # With --json, stdout carries only the JSON object; notes go to stderr.
        stream = self.stderr if as_json else self.stdout
        stream.write(self.style.SUCCESS(message) if success else message)

    def _summary(self, proposal: Proposal) -> None:
        meeting = proposal.meeting
        when = meeting.start_date or "no dates found"
        if meeting.end_date and meeting.end_date != meeting.start_date:
            when = f"{meeting.start_date} to {meeting.end_date}"
        out = self.stdout
        out.write(f"{meeting.title} ({meeting.series} {meeting.number}), {when}")
        out.write(f"  venue: {meeting.venue or '-'}; host: {meeting.host or '-'}")
        for role, person in (("chair", meeting.chair), ("vice-chair", meeting.vice_chair)):
            if person.name:
                country = f" ({person.country})" if person.country else ""
                out.write(f"  {role}: {person.name}{country}")
        out.write(
            f"{len(proposal.paragraphs)} paragraphs in {len(proposal.sections)} sections: "
            + "; ".join(proposal.sections)
        )
        out.write(f"{len(proposal.mentions)} mentions:")
        for m in proposal.mentions:
            new = not m.target.known
            name = proposal.candidate(m.target.key).name if new else m.target.name
            status = m.status or "no status"
            expected = f", expected {m.expected_text}" if m.expected_text else ""
            out.write(f"  ¶{m.paragraph} {'NEW ' if new else ''}{name}: {status}{expected}")
        if proposal.candidates:
            out.write(f"{len(proposal.candidates)} proposed new initiatives:")
            for c in proposal.candidates:
                action = c.action
                if action == "merge":
                    action = f"merge into {c.merge_into_name} ({c.merge_reason})"
                acronym = f" ({c.acronym})" if c.acronym else ""
                out.write(f"  {c.name}{acronym} [{c.kind}]: {action}")
        for planned in proposal.planned_meetings:
            out.write(
                f"Announces the {planned.title} in {planned.venue or '?'}, "
                f"{planned.date_text or 'date not given'}"
            )
        if proposal.replaces:
            changed = ", ".join(f"¶{d['number']} {d['change']}" for d in proposal.replaces.diff)
            out.write(f"Corrects the stored statement: {changed}")
        for warning in proposal.warnings:
            out.write(self.style.WARNING(f"Warning: {warning}"))
