"""Re-encrypt every tip source under the newest key in TIP_SOURCE_KEYS.

Rotation: put a new key first in TIP_SOURCE_KEYS (keep the old ones after it), restart the
app, run this command, check with `--check`, then drop the old keys. See SECURITY.md.

The command reads and writes the ciphertext column directly: plaintext never leaves
`cryptography` (MultiFernet.rotate re-encrypts token to token) and is never printed.
Each row is updated only if it still holds the token that was read, so a tip saved by the
app meanwhile (already under the newest key) is left alone. Safe to run again.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from deals.fields import PREFIX, rotate
from deals.models import Tip

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt all tip sources under the newest TIP_SOURCE_KEYS key."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; exit 1 if any source is not under the newest key yet",
        )

    def handle(self, *args, check: bool, **options):
        newest = Fernet(settings.TIP_SOURCE_KEYS[0].encode())
        quote = connection.ops.quote_name
        table, column = quote(Tip._meta.db_table), quote(Tip._meta.get_field("source").column)
        rotated = current = stale = 0
        unreadable: list[int] = []
        last_id = 0
        while True:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id, {column} FROM {table} "  # noqa: S608 - names from model meta
                    f"WHERE id > %s AND {column} <> '' ORDER BY id LIMIT %s",
                    [last_id, BATCH],
                )
                rows = cursor.fetchall()
            if not rows:
                break
            last_id = rows[-1][0]
            with transaction.atomic():
                for pk, token in rows:
                    if self._is_current(newest, token):
                        current += 1
                        continue
                    if check:
                        stale += 1
                        continue
                    try:
                        fresh = rotate(token)
                    except (InvalidToken, ValueError):
                        unreadable.append(pk)
                        continue
                    with connection.cursor() as cursor:
                        cursor.execute(
                            f"UPDATE {table} SET {column} = %s "  # noqa: S608
                            f"WHERE id = %s AND {column} = %s",
                            [fresh, pk, token],
                        )
                        rotated += cursor.rowcount
        if check:
            self.stdout.write(f"{current} sources under the newest key, {stale} not yet.")
            if stale:
                raise SystemExit(1)
            return
        self.stdout.write(f"Re-encrypted {rotated} sources; {current} were already current.")
        if unreadable:
            raise CommandError(
                f"{len(unreadable)} sources are not ciphertext any key in TIP_SOURCE_KEYS "
                f"decrypts (tip ids {', '.join(map(str, unreadable[:20]))}); "
                "keep the key that wrote them."
            )

    @staticmethod
    def _is_current(newest: Fernet, token: str) -> bool:
        if not token.startswith(PREFIX):
            return False
        try:
            newest.decrypt(token[len(PREFIX) :].encode())
        except InvalidToken:
            return False
        return True
