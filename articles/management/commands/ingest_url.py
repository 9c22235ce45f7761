"""`manage.py ingest_url URL [--source NAME]`: fetch one story's page and run it through the pipeline."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from articles.feeds import FeedParseError
from articles.fetch import FetchError
from articles.management.commands._story import describe
from articles.models import Source
from articles.services import manual_source, story_add_url


class Command(BaseCommand):
    help = "Fetch a story's page, store it once, analyse it and raise its flags."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--source", default="", help="file it under this source (by name)")

    def handle(self, *args, url: str, source: str, **options):
        try:
            story = story_add_url(url=url, source=manual_source(source))
        except Source.DoesNotExist:
            raise CommandError(f"no source named {source!r}") from None
        except (FetchError, FeedParseError) as exc:
            raise CommandError(str(exc)) from None
        for line in describe(story):
            self.stdout.write(line)
