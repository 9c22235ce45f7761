"""What ingest_url and ingest_text print about the story they added."""

from __future__ import annotations

from articles.services import ManualStory
from deals.models import DealUpdate


def describe(story: ManualStory) -> list[str]:
    article = story.article
    lines = [
        f"article {article.pk}: {article.title}"
        + ("" if story.created else " (already stored)")
        + (f" — copy of article {article.duplicate_of_id}" if article.duplicate_of_id else ""),
    ]
    if article.state == article.State.FAILED:
        lines.append(f"  analysis failed: {article.error}")
    analysis = article.analysis or {}
    if analysis.get("companies"):
        lines.append("  companies: " + ", ".join(analysis["companies"]))
    for deal in analysis.get("deals", []):
        parties = ", ".join(f"{p['name']} ({p['role']})" for p in deal["parties"])
        amount = deal.get("amount")
        money = f" {amount['currency']} {amount['value']}" if amount else ""
        lines.append(f"  {deal['kind']} {deal['stage']}: {parties}{money}")
        lines.append(f"    “{deal['evidence']}”")
    for update in DealUpdate.objects.filter(article=article).select_related("deal"):
        lines.append(
            f"  flag {update.pk} ({update.get_type_display()}, {update.status}): "
            f"{update.deal.title} → {update.get_proposed_stage_display()}"
        )
    return lines
