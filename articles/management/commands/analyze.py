"""`manage.py analyze --jsonl FILE|-`: the analysis contract of DESIGN.md, one story per line.

Input lines: {"id": ..., "title": ..., "body": ..., "published": optional ISO date}.
Output lines, same order: {"id", "is_deal", "deals": [...], "companies": [...]}.
Streams: one line is read, analysed and written before the next is read, so
memory stays flat however long the input. Known companies and aliases in the
database sharpen the matching; on a fresh database names are still found.
A line that is not a JSON object gets {"id": null, "error": ...} in its place,
so the output stays line-for-line with the input.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError

from articles.analysis import analyse, signals_to_dict
from articles.dictionary import company_dictionary


def _published(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class Command(BaseCommand):
    help = "Analyse stories from a JSON-lines file (or - for stdin) and print one result per line."

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", required=True, help="input file, or - for standard input")

    def handle(self, *args, jsonl: str, **options):
        dictionary = company_dictionary()
        try:
            stream: TextIO = (
                sys.stdin if jsonl == "-" else open(jsonl, encoding="utf-8")  # noqa: SIM115
            )
        except OSError as exc:
            raise CommandError(f"cannot read {jsonl}: {exc}") from None
        try:
            for line in stream:
                if not line.strip():
                    continue
                self.stdout.write(json.dumps(self._one(line, dictionary), ensure_ascii=False))
                self.stdout.flush()
        finally:
            if stream is not sys.stdin:
                stream.close()

    @staticmethod
    def _one(line: str, dictionary) -> dict[str, Any]:
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            return {"id": None, "error": f"invalid JSON: {exc.msg}"}
        if not isinstance(item, dict):
            return {"id": None, "error": "each line must be a JSON object"}
        title = item.get("title") or ""
        body = item.get("body") or ""
        if not isinstance(title, str) or not isinstance(body, str):
            return {"id": item.get("id"), "error": "title and body must be strings"}
        signals = analyse(title, body, dictionary, published=_published(item.get("published")))
        return {"id": item.get("id"), **signals_to_dict(signals)}
