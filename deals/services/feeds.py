"""Feed tokens: the secret that lets a newsroom system read the Atom feed without a login."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User
from django.db import transaction

from deals.models import FeedToken


@transaction.atomic
def feed_token_rotate(*, user: User) -> FeedToken:
    """Issue a new token for `user`, revoking the old one (its URL stops working at once)."""
    token, _ = FeedToken.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return token
