"""Reads shared by views, tasks, exports and the admin, including permission-scoped querysets.

Import from the submodule, e.g. `from deals.selectors.tips import tips_visible_to`.
"""
