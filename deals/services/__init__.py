"""Every write to deals goes through a function here, named <entity>_<verb>.

Modules by subject: `stages` (lifecycle and flags), and others added beside it.
Import from the submodule, e.g. `from deals.services.stages import deal_move_stage`.
"""

from deals.services.signals import apply_signals  # noqa: F401  (ingestion's entry point)
