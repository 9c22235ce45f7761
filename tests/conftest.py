"""Shared fixtures: the desk's users (as healthchecks' BaseTestCase has), and service gating."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from hypothesis import settings as hypothesis_settings

from deals.roles import ADMIN, EDITOR, REPORTER
from tests.feedserver import feed_server  # noqa: F401  (a local HTTP server for feeds and pages)

# Property tests assert behaviour, not time: hypothesis's default 200 ms per-example
# deadline is a stopwatch that fails on a loaded machine (it did, with the benchmark
# running beside the suite). Work is bounded by the hostile-shape tests, which count
# lines executed, and measured by `make bench`.
hypothesis_settings.register_profile("dealdesk", deadline=None)
hypothesis_settings.load_profile("dealdesk")


def pytest_collection_modifyitems(config, items):
    """Skip only what this run's services cannot serve; CI runs once with PostgreSQL and Redis."""
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
    skip_redis = pytest.mark.skip(reason="needs Redis (REDIS_URL=redis://...)")
    for item in items:
        if "postgres" in item.keywords and not settings.IS_POSTGRES:
            item.add_marker(skip_pg)
        if "redis" in item.keywords and not settings.REDIS_URL:
            item.add_marker(skip_redis)


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Run Celery tasks in-process unless a test drives a real worker (marked `redis`)."""
    from newsroom.celery import app

    if "redis" in request.keywords:
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _roles_survive_flushes(request):
    """Transactional tests flush every table, the migration-made role groups included.

    Re-create them from the data migration itself rather than with
    `serialized_rollback`, which breaks (duplicate content types) as soon as one
    transactional test without it has run before one with it.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        from importlib import import_module

        from django.apps import apps

        request.getfixturevalue("transactional_db")
        import_module("deals.migrations.0002_roles").assign_roles(apps)
    yield


def _user(username: str, role: str | None) -> User:
    user = User.objects.create_user(
        username=username, password="not-used-in-tests", first_name=username.title()
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db) -> User:
    return _user("ed", EDITOR)


@pytest.fixture
def reporter(db) -> User:
    return _user("rita", REPORTER)


@pytest.fixture
def reporter2(db) -> User:
    return _user("raj", REPORTER)


@pytest.fixture
def desk_admin(db) -> User:
    return _user("ada", ADMIN)


@pytest.fixture
def outsider(db) -> User:
    """Logged in, but in no role."""
    return _user("olly", None)


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client logged in as that user (None: anonymous)."""

    def login(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login
