"""Demo users, the desk's companies, sources, deals and stories; optionally bulk filler."""

import time

from django.core.management.base import BaseCommand

from deals.demo import seed_beat, seed_bulk, seed_users


class Command(BaseCommand):
    help = "Load demo users and data. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument("--companies", type=int, default=0, help="synthetic companies in total")
        parser.add_argument("--deals", type=int, default=0, help="synthetic deals in total")
        parser.add_argument("--articles", type=int, default=0, help="synthetic articles in total")

    def handle(self, *args, companies: int, deals: int, articles: int, **options):
        for name, value in (("companies", companies), ("deals", deals), ("articles", articles)):
            if value < 0:
                self.stderr.write(f"--{name} must not be negative")
                raise SystemExit(2)
        started = time.perf_counter()
        users = seed_users()
        beat = seed_beat()
        bulk = {}
        if companies or deals or articles:
            bulk = seed_bulk(
                companies=max(companies, 2 if deals else 0), deals=deals, articles=articles
            )
        elapsed = time.perf_counter() - started
        self.stdout.write("Demo logins (username / password / role):")
        for username, password, role in users:
            self.stdout.write(f"  {username:<10} {password:<22} {role}")
        self.stdout.write(
            f"Beat: {beat['companies']} companies, {beat['sources']} sources, "
            f"{beat['deals']} new demo deals."
        )
        if bulk:
            self.stdout.write(
                f"Bulk: +{bulk['companies']} companies, +{bulk['deals']} deals, "
                f"+{bulk['articles']} articles in {elapsed:.1f}s."
            )
