"""Every write to sources and articles: storing stories once, analysing them, source health.

Tasks, management commands and the manual-story page all call these, so a
story pasted by a reporter goes through the same path as one from a feed.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.analysis import analyse, signals_to_dict
from articles.canonical import canonical_url, content_hash, squash_space, title_key
from articles.dictionary import company_dictionary
from articles.feeds import Entry, FeedParseError, parse
from articles.fetch import fetch
from articles.models import Article, Source
from deals.services.signals import AppliedSignals, apply_signals_many

log = logging.getLogger(__name__)

# A story whose analysis killed its worker this many times is set aside as poison.
ANALYSIS_MAX_ATTEMPTS = 3
# The same headline from another outlet within this many days is the same story.
TITLE_MATCH_DAYS = 14
MANUAL_SOURCE_NAME = "Manual entry"
# Seconds one poll may spend fetching entries' pages for full-text sources.
FULL_TEXT_BUDGET_SECONDS = 20
# Stories analysed per task: one transaction and a fixed number of queries for the lot.
ANALYSIS_BATCH = 25
_BATCH = 500


@dataclass
class IngestReport:
    """What one batch of entries did: new stories (to analyse), copies linked, already known."""

    new_ids: list[int] = field(default_factory=list)
    duplicate_ids: list[int] = field(default_factory=list)
    existing: int = 0


def _chunks(items: Sequence, size: int = _BATCH) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _strip_title(title: str, body: str) -> str:
    """Pages often repeat the headline as the body's first line."""
    first, sep, rest = body.partition("\n")
    if sep and squash_space(first).casefold() == squash_space(title).casefold():
        return rest.strip()
    return body


@transaction.atomic
def article_ingest(
    *,
    source: Source,
    entries: Sequence[Entry],
    enqueue: Callable[[list[int]], None] | None = None,
) -> IngestReport:
    """Store each story once: upsert by canonical URL and by GUID, link copies from other outlets.

    New originals are queued for analysis when the transaction commits (through
    `enqueue`, by default one `analyse_article` task each); copies of a story
    already stored (same headline recently, or same body) are stored linked
    through `duplicate_of`, already done, so the story is analysed once.
    """
    report = IngestReport()
    now = timezone.now()
    batch: dict[str, Entry] = {}
    for entry in entries:
        url = canonical_url(entry.url)
        if url.startswith(("http://", "https://", "manual:")) and url not in batch:
            batch[url] = entry
    if not batch:
        return report
    urls = list(batch)
    known: set[str] = set()
    for chunk in _chunks(urls):
        known.update(Article.objects.filter(url__in=chunk).values_list("url", flat=True))
    guids = {e.guid for u, e in batch.items() if e.guid and u not in known}
    known_guids: set[str] = set()
    for chunk in _chunks(sorted(guids)):
        known_guids.update(
            Article.objects.filter(source=source, guid__in=chunk).values_list("guid", flat=True)
        )
    fresh = {
        u: e for u, e in batch.items() if u not in known and not (e.guid and e.guid in known_guids)
    }
    report.existing = len(batch) - len(fresh)
    if not fresh:
        return report

    rows: list[Article] = []
    for url, entry in fresh.items():
        body = _strip_title(entry.title, entry.body or entry.summary)
        rows.append(
            Article(
                source=source,
                url=url[:2000],
                guid=entry.guid[:500],
                title=entry.title[:1000] or url[:200],
                author=entry.author[:300],
                published_at=entry.published,
                fetched_at=now,
                body=body,
                summary=entry.summary if entry.summary != body else "",
                language=source.language,
                content_hash=content_hash(body),
                title_key=title_key(entry.title),
            )
        )
    originals = _originals_for(rows, now)
    for row in rows:
        original = originals.get(row.title_key) or originals.get(row.content_hash)
        if original:
            row.duplicate_of_id = original
            row.state = Article.State.DONE
    for chunk in _chunks(rows):
        Article.objects.bulk_create(chunk, ignore_conflicts=True)
    fresh_urls = [r.url for r in rows]
    for chunk in _chunks(fresh_urls):
        for pk, dup in Article.objects.filter(url__in=chunk, fetched_at=now).values_list(
            "pk", "duplicate_of_id"
        ):
            (report.duplicate_ids if dup else report.new_ids).append(pk)
    report.new_ids.sort()
    new_ids = list(report.new_ids)
    if new_ids:
        transaction.on_commit(lambda: (enqueue or _enqueue_analysis)(new_ids))
    return report


def _originals_for(rows: Sequence[Article], now) -> dict[str, int]:
    """First stored copy of each headline (recent) or body hash among `rows`, by key."""
    keys = sorted({r.title_key for r in rows if r.title_key})
    hashes = sorted({r.content_hash for r in rows if r.content_hash})
    found: dict[str, int] = {}
    recent = now - timedelta(days=TITLE_MATCH_DAYS)
    for chunk in _chunks(keys):
        for pk, key in (
            Article.objects.filter(
                title_key__in=chunk, duplicate_of__isnull=True, fetched_at__gte=recent
            )
            .order_by("pk")
            .values_list("pk", "title_key")
        ):
            found.setdefault(key, pk)
    for chunk in _chunks(hashes):
        for pk, digest in (
            Article.objects.filter(content_hash__in=chunk, duplicate_of__isnull=True)
            .order_by("pk")
            .values_list("pk", "content_hash")
        ):
            found.setdefault(digest, pk)
    return found


def _enqueue_analysis(article_ids: list[int]) -> None:
    from articles.tasks import analyse_articles

    for start in range(0, len(article_ids), ANALYSIS_BATCH):
        analyse_articles.delay(article_ids[start : start + ANALYSIS_BATCH])


# --- analysis ----------------------------------------------------------------------


@dataclass
class AnalysisOutcome:
    state: str  # "done", "skipped" (someone else did it), "failed"
    applied: AppliedSignals | None = None
    error: str = ""


def article_analyse(*, article_id: int) -> AnalysisOutcome:
    """Analyse one stored story and apply it to the desk's deals, exactly once."""
    return articles_analyse(article_ids=[article_id])[article_id]


def _fail(article_ids: Iterable[int], error: str) -> None:
    Article.objects.filter(pk__in=list(article_ids), state=Article.State.NEW).update(
        state=Article.State.FAILED, error=error[:2000]
    )


def articles_analyse(
    *, article_ids: Sequence[int], count_attempt: bool = True
) -> dict[int, AnalysisOutcome]:
    """Analyse stored stories and apply what they say to the desk's deals, each exactly once.

    The attempt is counted (and committed) first, so a story that kills its
    worker again and again is set aside after ANALYSIS_MAX_ATTEMPTS rather than
    redelivered forever. The text analysis runs outside any transaction; a
    story it chokes on is recorded as failed and the others go on. The writes
    then claim the stories (rows another worker holds are skipped) in the same
    transaction as every row they write, all stories of the batch together: a
    second delivery finds nothing to claim, and a worker killed half-way
    leaves nothing behind but the counted attempts. Database errors propagate
    (the task retries them); if applying the batch fails otherwise, each story
    is tried alone so that only a poison story fails.
    """
    outcomes = {pk: AnalysisOutcome("skipped") for pk in article_ids}
    ids = sorted(set(article_ids))
    if count_attempt:
        Article.objects.filter(pk__in=ids, state=Article.State.NEW).update(
            attempts=F("attempts") + 1
        )
    articles = list(
        Article.objects.select_related("source").filter(pk__in=ids, state=Article.State.NEW)
    )
    worn = [a.pk for a in articles if a.attempts > ANALYSIS_MAX_ATTEMPTS]
    if worn:
        error = f"set aside after {ANALYSIS_MAX_ATTEMPTS} attempts that never finished"
        _fail(worn, error)
        outcomes.update({pk: AnalysisOutcome("failed", error=error) for pk in worn})
    dictionary = company_dictionary() if len(worn) < len(articles) else None
    sample = settings.ANALYSIS_SAMPLE_RATE > 0  # near misses for the review queue's samples
    analysed = []
    for article in articles:
        if article.pk in worn:
            continue
        published = article.published_at.date() if article.published_at else None
        try:
            signals = analyse(
                article.title,
                article.body or article.summary,
                dictionary,
                published=published,
                near_misses=sample,
            )
        except Exception as exc:  # a poison story: recorded, never retried
            error = f"{type(exc).__name__}: {exc}"
            log.warning("analysis of article %s failed: %s", article.pk, error)
            _fail([article.pk], error)
            outcomes[article.pk] = AnalysisOutcome("failed", error=error[:2000])
            continue
        article.analysis = signals_to_dict(signals)
        analysed.append((article, signals))
    if not analysed:
        return outcomes
    try:
        with transaction.atomic():
            claimed = set(
                Article.objects.select_for_update(skip_locked=True)
                .filter(pk__in=[a.pk for a, _ in analysed], state=Article.State.NEW)
                .values_list("pk", flat=True)
            )
            items = [(a, s) for a, s in analysed if a.pk in claimed]
            if not items:
                return outcomes
            for article, _ in items:
                article.state, article.error = Article.State.DONE, ""
            Article.objects.bulk_update([a for a, _ in items], ["state", "error", "analysis"])
            applied_all = apply_signals_many(items)
            tipped = _tipped(applied_all)
            for (article, _), applied in zip(items, applied_all, strict=True):
                if tipped.intersection(applied.company_ids) or tipped.intersection(
                    f"deal:{pk}" for pk in applied.deal_ids
                ):
                    _note_tips(article, applied)
                outcomes[article.pk] = AnalysisOutcome("done", applied=applied)
    except OperationalError:
        raise
    except Exception as exc:
        if len(analysed) > 1:
            log.warning("a batch of %s stories failed (%s); trying each alone", len(analysed), exc)
            for article, _ in analysed:
                outcomes.update(articles_analyse(article_ids=[article.pk], count_attempt=False))
            return outcomes
        error = f"{type(exc).__name__}: {exc}"
        log.warning("applying article %s failed: %s", analysed[0][0].pk, error)
        _fail([analysed[0][0].pk], error)
        outcomes[analysed[0][0].pk] = AnalysisOutcome("failed", error=error[:2000])
    return outcomes


def _tipped(applied: Sequence[AppliedSignals]) -> set:
    """Companies (ids) and deals ("deal:<id>") of a batch that any open tip is about.

    One query for the batch, so the tips hook runs only for stories it can match.
    """
    from deals.models import Tip
    from deals.services.tips import OPEN_STATUSES

    company_ids = {pk for a in applied for pk in a.company_ids}
    deal_ids = {pk for a in applied for pk in a.deal_ids}
    if not company_ids and not deal_ids:
        return set()
    tips = Tip.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(company_id__in=company_ids)
        | Q(company__merged_into_id__in=company_ids)
        | Q(deal_id__in=deal_ids)
    )
    found: set = set()
    for company_id, merged_into_id, deal_id in tips.values_list(
        "company_id", "company__merged_into_id", "deal_id"
    ):
        found.update({company_id, merged_into_id, f"deal:{deal_id}"})
    return found


def _note_tips(article: Article, applied: AppliedSignals) -> None:
    """Tell the tips desk which companies and deals a story touched (its TipMatch hook)."""
    from deals.services.tips import tips_note_article

    tips_note_article(article=article, company_ids=applied.company_ids, deal_ids=applied.deal_ids)


# --- sources -----------------------------------------------------------------------


def source_record_success(
    *, source: Source, status: int | None, etag: str = "", last_modified: str = ""
) -> None:
    """A poll worked (or the feed was unchanged): clear the failure count, schedule the next poll."""
    now = timezone.now()
    fields = {
        "consecutive_failures": 0,
        "last_error": "",
        "last_status": status,
        "last_success_at": now,
        "last_polled_at": now,
        "next_poll_at": now + timedelta(minutes=source.poll_interval_minutes),
    }
    if etag or last_modified or status != 304:
        fields.update(etag=etag[:500], last_modified=last_modified[:100])
    Source.objects.filter(pk=source.pk).update(**fields)
    for name, value in fields.items():
        setattr(source, name, value)


def source_record_failure(*, source: Source, error: str, status: int | None = None) -> None:
    """A poll failed: count it, keep the error and status for admins, back off exponentially.

    After INGEST_FAILING_AFTER failures in a row the source shows as failing
    (`Source.is_failing`); the back-off is capped by INGEST_MAX_BACKOFF_MINUTES.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Source.objects.select_for_update().get(pk=source.pk)
        locked.consecutive_failures += 1
        locked.last_error = error[:4000]
        locked.last_status = status
        locked.last_polled_at = now
        locked.next_poll_at = now + locked.backoff()
        locked.save(
            update_fields=[
                "consecutive_failures",
                "last_error",
                "last_status",
                "last_polled_at",
                "next_poll_at",
            ]
        )
    for name in (
        "consecutive_failures",
        "last_error",
        "last_status",
        "last_polled_at",
        "next_poll_at",
    ):
        setattr(source, name, getattr(locked, name))


def source_claim_due(*, now=None, limit: int = 500) -> list[int]:
    """Sources due for a poll, each claimed with a conditional UPDATE so only one poller takes it.

    The claim pushes `next_poll_at` on by the source's interval; a successful
    or failed poll then sets it properly.
    """
    now = now or timezone.now()
    due = list(
        Source.objects.filter(enabled=True, next_poll_at__lte=now)
        .exclude(kind=Source.Kind.MANUAL)
        .exclude(url="")
        .order_by("next_poll_at")
        .values_list("pk", "next_poll_at", "poll_interval_minutes")[:limit]
    )
    claimed = []
    for pk, next_poll_at, interval in due:
        rows = Source.objects.filter(pk=pk, next_poll_at=next_poll_at).update(
            next_poll_at=now + timedelta(minutes=max(1, interval))
        )
        if rows:
            claimed.append(pk)
    return claimed


# --- manual stories ----------------------------------------------------------------


def manual_source(name: str = "") -> Source:
    """The source a hand-added story is filed under: a named one, or the desk's manual source."""
    if name:
        return Source.objects.get(name=name)
    existing = Source.objects.filter(kind=Source.Kind.MANUAL).order_by("pk").first()
    if existing is not None:
        return existing
    source, _ = Source.objects.get_or_create(
        name=MANUAL_SOURCE_NAME,
        defaults={
            "kind": Source.Kind.MANUAL,
            "enabled": False,
            "credibility_tier": Source.Tier.ESTABLISHED,
        },
    )
    return source


@dataclass
class ManualStory:
    article: Article
    created: bool
    outcome: AnalysisOutcome | None


def _finish_manual(source: Source, entry: Entry) -> ManualStory:
    report = article_ingest(source=source, entries=[entry], enqueue=lambda ids: None)
    ids = report.new_ids or report.duplicate_ids
    if ids:
        article = Article.objects.select_related("source").get(pk=ids[0])
    else:
        article = Article.objects.select_related("source").get(url=canonical_url(entry.url))
    outcome = None
    if report.new_ids:
        outcome = article_analyse(article_id=article.pk)
        article.refresh_from_db()
    return ManualStory(article=article, created=bool(ids), outcome=outcome)


def story_add_url(*, url: str, source: Source | None = None) -> ManualStory:
    """Fetch a story's page (safely), store it and analyse it now. Raises FetchError/FeedParseError."""
    source = source or manual_source()
    result = fetch(url)
    entries = parse(result.content, result.content_type, url=result.url, kind="")
    if not entries:
        raise FeedParseError("nothing that reads as a story at that address")
    # A pasted feed: its first entry is taken as the story meant.
    entry = entries[0]
    return _finish_manual(source, entry)


def _entry_dict(entry: Entry) -> dict:
    return {name: getattr(entry, name) for name in Entry.__dataclass_fields__}


def story_add_text(*, title: str, text: str, source: Source | None = None) -> ManualStory:
    """Store pasted text as a story and analyse it now. The same text pasted twice is one story."""
    source = source or manual_source()
    body = "\n\n".join(squash_space(p) for p in text.replace("\r", "").split("\n\n") if p.strip())
    digest = hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:32]
    entry = Entry(url=f"manual:{digest}", guid="", title=squash_space(title)[:1000], body=body)
    return _finish_manual(source, entry)


def source_poll(*, source: Source) -> IngestReport | None:
    """Fetch one source and store its new stories; None when the source was unchanged (304).

    Raises FetchError and FeedParseError; the caller records them (the task
    decides what is retried).
    """
    result = fetch(source.url, etag=source.etag, last_modified=source.last_modified)
    if result.not_modified:
        source_record_success(
            source=source, status=304, etag=result.etag, last_modified=result.last_modified
        )
        return None
    entries = parse(result.content, result.content_type, url=result.url, kind=source.kind)
    if source.full_text:
        entries = _with_full_text(entries)
    report = article_ingest(source=source, entries=entries)
    source_record_success(
        source=source, status=result.status, etag=result.etag, last_modified=result.last_modified
    )
    return report


def _with_full_text(entries: list[Entry]) -> list[Entry]:
    """Each new entry's page text in place of a feed's summary; a page that fails keeps the summary."""
    from articles.feeds import page_text
    from articles.fetch import FetchError

    urls = [canonical_url(e.url) for e in entries]
    known: set[str] = set()
    for chunk in _chunks(urls):
        known.update(Article.objects.filter(url__in=chunk).values_list("url", flat=True))
    out = []
    # Page by page within a budget, so a feed of slow pages still gets stored by the time limit;
    # entries past the budget keep their summaries.
    deadline = time.monotonic() + FULL_TEXT_BUDGET_SECONDS
    for entry, url in zip(entries, urls, strict=True):
        if url in known or time.monotonic() > deadline:
            out.append(entry)
            continue
        try:
            page = fetch(entry.url)
            text = page_text(page.content.decode("utf-8", errors="replace"), url=page.url)
        except (FetchError, FeedParseError) as exc:
            log.info("full text of %s not fetched: %s", entry.url, exc)
            text = ""
        if len(text) > len(entry.body):
            entry = Entry(**{**_entry_dict(entry), "body": text})
        out.append(entry)
    return out


def articles_waiting(*, limit: int = 1000) -> list[int]:
    """Stories stored but not yet analysed (a poller that died between storing and analysing)."""
    return list(
        Article.objects.filter(state=Article.State.NEW)
        .filter(Q(attempts__lte=ANALYSIS_MAX_ATTEMPTS))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
