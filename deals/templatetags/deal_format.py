"""How the desk writes money and ages: "$1.2bn", "S$50m", "3d"."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

register = template.Library()

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "SGD": "S$", "JPY": "¥", "HKD": "HK$"}


@register.filter
def money(value, currency: str = "USD") -> str:
    """Short money: 1_200_000_000 USD → "$1.2bn"; 350_000_000 → "$350m"; blank for None."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    currency = (currency or "").upper()
    prefix = SYMBOLS.get(currency, f"{currency} " if currency else "")
    for size, suffix in (
        (Decimal(10) ** 9, "bn"),
        (Decimal(10) ** 6, "m"),
        (Decimal(10) ** 3, "k"),
    ):
        if abs(amount) >= size:
            short = (amount / size).quantize(Decimal("0.1"))
            text = f"{short:,.1f}".removesuffix(".0")
            return f"{prefix}{text}{suffix}"
    return f"{prefix}{amount:,.0f}"


@register.filter
def ago(value: datetime | None) -> str:
    """Compact age of a moment: "now", "5m", "3h", "12d", "4mo", "2y"."""
    if not value:
        return ""
    seconds = max((timezone.now() - value).total_seconds(), 0)
    for size, suffix in (
        (365 * 86400, "y"),
        (30 * 86400, "mo"),
        (86400, "d"),
        (3600, "h"),
        (60, "m"),
    ):
        if seconds >= size:
            return f"{int(seconds // size)}{suffix}"
    return "now"
