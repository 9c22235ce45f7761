"""Admins' pages: the desk's sources with their health and track record, and its users."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from articles.discovery import preview_source
from articles.forms import RoleForm, SourceForm, UserCreateForm
from articles.models import Source
from articles.selectors import (
    TrackRecord,
    reliability_from,
    source_track_record,
    source_track_records_cached,
    sources_with_health,
)
from articles.source_services import (
    EDITABLE_FIELDS,
    SourceError,
    source_create,
    source_delete,
    source_set_enabled,
    source_update,
)
from articles.tasks import fetch_source
from deals.models import DealUpdate
from deals.roles import ADMIN, ROLES, require_role
from deals.services.users import RoleChangeError, user_create, user_set_role
from newsroom.celery import app as celery_app

LIST = "articles/sources.html"
FORM = "articles/sources_form.html"
USERS = "articles/sources_users.html"


def _with_record(source: Source, record: TrackRecord) -> Source:
    source.record = record
    source.reliability = reliability_from(source.credibility_tier, record)
    return source


def _row(request: HttpRequest, pk: int, *, note: str = "", error: bool = False) -> HttpResponse:
    """One source's row, refreshed: what htmx swaps in after an action on it."""
    source = get_object_or_404(sources_with_health(), pk=pk)
    source = _with_record(source, source_track_record(source))
    context = {"source": source, "note": note, "note_error": error}
    return render(request, f"{LIST}#source-row", context)


def _done(request: HttpRequest, pk: int, note: str, *, error: bool = False) -> HttpResponse:
    if request.htmx:
        return _row(request, pk, note=note, error=error)
    (messages.error if error else messages.success)(request, note)
    return redirect("articles-sources")


@require_GET
@require_role(ADMIN)
def source_list(request: HttpRequest) -> HttpResponse:
    records = source_track_records_cached()
    sources = [_with_record(s, records.get(s.pk, TrackRecord())) for s in sources_with_health()]
    counts = {
        "failing": sum(s.health == "failing" for s in sources),
        "disabled": sum(s.health == "disabled" for s in sources),
    }
    return render(request, LIST, {"sources": sources, "counts": counts})


def _previewed_form(form: SourceForm, source: Source | None):
    """Fetch the form's URL as ingestion would; return the form to show next and the preview.

    A page that advertises a feed turns into that feed (URL and kind), so
    the admin saves what will actually be polled. The returned form is bound
    again so the new URL meets the same validation as a typed one.
    """
    data = form.cleaned_data
    kind = Source.Kind.PAGE if data["kind"] == Source.Kind.PAGE else ""
    preview = preview_source(data["url"], kind=kind)
    if preview.blocked:
        form.add_error("url", f"Refused: {preview.error}")
        return form, preview
    values = form.data.copy()
    values["url"] = preview.url
    values["previewed_url"] = preview.url
    if preview.kind:
        values["kind"] = preview.kind
    rebound = SourceForm(values, instance=source)
    rebound.is_valid()
    return rebound, preview


def _source_form(request: HttpRequest, source: Source | None) -> HttpResponse:
    initial = {"previewed_url": source.url} if source else {}
    form = SourceForm(request.POST or None, instance=source, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        if form.needs_preview or request.POST.get("action") == "preview":
            form, preview = _previewed_form(form, source)
        else:
            fields = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
            try:
                if source is None:
                    source = source_create(actor=request.user, **fields)
                    messages.success(request, f"Added {source.name}; its first poll is due now.")
                else:
                    source_update(source=source, actor=request.user, **fields)
                    messages.success(request, f"Saved {source.name}.")
            except SourceError as exc:
                form.add_error("url", str(exc))
            else:
                target = reverse("articles-sources")
                return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    context = {"form": form, "preview": preview, "source": source}
    template = f"{FORM}#source-form" if request.htmx else FORM
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@require_role(ADMIN)
def source_add(request: HttpRequest) -> HttpResponse:
    return _source_form(request, None)


@require_http_methods(["GET", "POST"])
@require_role(ADMIN)
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _source_form(request, get_object_or_404(Source, pk=pk))


@require_POST
@require_role(ADMIN)
def source_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    source_set_enabled(source=source, enabled=not source.enabled, actor=request.user)
    state = "enabled; it is due for a poll now" if source.enabled else "disabled"
    return _done(request, pk, f"{source.name} {state}.")


@require_POST
@require_role(ADMIN)
def source_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    name = source.name
    try:
        source_delete(source=source, actor=request.user)
    except SourceError as exc:
        return _done(request, pk, f"Not deleted: {exc}.", error=True)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, f"Deleted {name}.")
    return redirect("articles-sources")


@require_POST
@require_role(ADMIN)
def source_fetch(request: HttpRequest, pk: int) -> HttpResponse:
    """Poll the source now, through the ingestion pipeline, and say what came of it."""
    source = get_object_or_404(Source, pk=pk)
    ok, message = _fetch_now(source)
    return _done(request, pk, message, error=not ok)


def _fetch_now(source: Source) -> tuple[bool, str]:
    """Run ingestion's own task for the source in this process, once, and summarise it.

    `apply()` runs the task here whatever the broker, so the admin sees the
    result in place. It starts at the last retry, so a transient error is
    recorded on the source at once instead of being retried while the admin
    waits. New stories are analysed as every poll's are: in this process
    without a broker, by the workers with one.
    """
    if source.kind == Source.Kind.MANUAL:
        return False, "Manual sources have nothing to fetch."
    if not source.enabled:
        return False, "Disabled sources are not fetched; enable it first."
    flags_before = DealUpdate.objects.filter(article__source=source).count()
    result = fetch_source.apply(
        args=[source.pk], retries=settings.INGEST_FETCH_RETRIES, throw=False
    ).result
    source.refresh_from_db()
    status = result.get("status") if isinstance(result, dict) else "failed"
    if status == "failed" or not isinstance(result, dict):
        code = f" (HTTP {source.last_status})" if source.last_status else ""
        return False, f"Fetch failed{code}: {source.last_error or result}"
    if status == "not_modified":
        return True, "Fetched: unchanged since the last poll (HTTP 304)."
    new = result.get("new", 0)
    flags = DealUpdate.objects.filter(article__source=source).count() - flags_before
    queued = "" if celery_app.conf.task_always_eager else "; analysis queued on the workers"
    return True, (
        f"Fetched: {new} new article{pluralize(new)}, {flags} new flag{pluralize(flags)}{queued}."
    )


def _users_context(create_form: UserCreateForm) -> dict:
    users = User.objects.prefetch_related("groups").order_by("username")
    rows = []
    for user in users:
        role = next((g.name for g in user.groups.all() if g.name in ROLES), "")
        rows.append({"user": user, "role": role, "form": RoleForm(initial={"role": role})})
    return {"rows": rows, "create_form": create_form}


@require_http_methods(["GET", "POST"])
@require_role(ADMIN)
def users(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = user_create(
            username=data["username"],
            password=data["password1"],
            role=data["role"],
            actor=request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
        )
        messages.success(request, f"Created {user.username} as {data['role']}.")
        target = reverse("articles-users")
        return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    template = f"{USERS}#user-create" if request.htmx else USERS
    return render(request, template, _users_context(form))


@require_POST
@require_role(ADMIN)
def user_role(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST)
    note, error = "", False
    if not form.is_valid():
        note, error = "Choose one of the roles.", True
    else:
        role = form.cleaned_data["role"]
        try:
            changed = user_set_role(user=user, role=role, actor=request.user)
            note = f"{user.username} is now {role or 'without a role'}." if changed else ""
        except RoleChangeError as exc:
            note, error = f"Not changed: {exc}.", True
    if not request.htmx:
        if note:
            (messages.error if error else messages.success)(request, note)
        return redirect("articles-users")
    role = next((g.name for g in user.groups.all() if g.name in ROLES), "")
    row = {"user": user, "role": role, "form": RoleForm(initial={"role": role})}
    context = {"row": row, "note": note, "note_error": error}
    return render(request, f"{USERS}#user-row", context)
