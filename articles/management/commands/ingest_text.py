"""`manage.py ingest_text FILE --title T [--source NAME]`: a story's text (FILE, or - for stdin)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.management.commands._story import describe
from articles.models import Source
from articles.services import manual_source, story_add_text


class Command(BaseCommand):
    help = "Store a story's text, analyse it and raise its flags."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a text file, or - for standard input")
        parser.add_argument("--title", required=True)
        parser.add_argument("--source", default="", help="file it under this source (by name)")

    def handle(self, *args, file: str, title: str, source: str, **options):
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from None
        if not text.strip() or not title.strip():
            raise CommandError("both the text and --title must be non-empty")
        try:
            story = story_add_text(title=title, text=text, source=manual_source(source))
        except Source.DoesNotExist:
            raise CommandError(f"no source named {source!r}") from None
        for line in describe(story):
            self.stdout.write(line)
