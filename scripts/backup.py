"""`make backup` / `make restore`: the whole database to one file and back.

PostgreSQL goes through pg_dump's custom format and pg_restore (--clean, one
transaction, so a failed restore leaves the database as it was); the embedded
SQLite file goes through SQLite's online backup API, which copies a consistent
snapshot even while the app writes. Usage:

    python scripts/backup.py backup [FILE]     # default: var/backups/dealdesk-<time>.<ext>
    python scripts/backup.py restore FILE
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")


def _database() -> dict:
    from django.conf import settings

    return settings.DATABASES["default"]


def _pg_env(db: dict) -> tuple[list[str], dict[str, str]]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def backup(target: Path | None) -> Path:
    db = _database()
    is_pg = db["ENGINE"].endswith("postgresql")
    if target is None:
        from django.conf import settings

        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = (
            settings.VAR_DIR / "backups" / f"dealdesk-{stamp}.{'pgdump' if is_pg else 'sqlite3'}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if is_pg:
        args, env = _pg_env(db)
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *args,
                "-f",
                str(partial),
                db["NAME"],
            ],
            env=env,
            check=True,
        )
    else:
        source = sqlite3.connect(db["NAME"])
        dest = sqlite3.connect(partial)
        with dest:
            source.backup(dest)
        dest.close()
        source.close()
    # Only a complete backup gets the final name: a crash mid-way never leaves a file that looks whole.
    partial.replace(target)
    return target


def restore(source_file: Path) -> None:
    if not source_file.is_file():
        raise SystemExit(f"no backup file at {source_file}")
    db = _database()
    if db["ENGINE"].endswith("postgresql"):
        args, env = _pg_env(db)
        subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                "-d",
                db["NAME"],
                str(source_file),
            ],
            env=env,
            check=True,
        )
    else:
        source = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True)
        dest = sqlite3.connect(db["NAME"])
        with dest:
            source.backup(dest)
        dest.close()
        source.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="action", required=True)
    b = sub.add_parser("backup")
    b.add_argument("file", nargs="?", type=Path)
    r = sub.add_parser("restore")
    r.add_argument("file", type=Path)
    args = parser.parse_args(argv)

    import django

    django.setup()
    if args.action == "backup":
        print(f"backup written to {backup(args.file)}")
    else:
        restore(args.file)
        print(f"restored from {args.file}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
