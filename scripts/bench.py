"""`make bench`: run every scripts/bench_*.py and pass on their figures.

Each figure is one JSON object per line: {"name": ..., "value": ..., "unit": ...}.
Set BENCH_ONLY=seed,analysis to run a subset.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    only = {name for name in os.environ.get("BENCH_ONLY", "").split(",") if name}
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        name = script.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        print(f"# {script.name}", file=sys.stderr, flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
