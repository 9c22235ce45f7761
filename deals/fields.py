"""A text field encrypted at rest with Fernet keys from settings.

Encryption lives in the field, so every path that saves a model (the ORM,
the admin, fixtures, bulk_create) writes ciphertext, and a database dump
alone reveals nothing. Keys come from TIP_SOURCE_KEYS, newest first:
MultiFernet encrypts with the first and decrypts with any, so a key is
rotated by putting a new one first and running `manage.py rotate_tip_keys`.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

PREFIX = "fernet:"


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.TIP_SOURCE_KEYS))


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise ValueError("the column holds a value that was not encrypted by EncryptedTextField")
    try:
        return fernet().decrypt(token[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise ValueError("no key in TIP_SOURCE_KEYS decrypts this value") from None


def rotate(token: str) -> str:
    """Re-encrypt a stored value under the newest key."""
    return PREFIX + fernet().rotate(token[len(PREFIX) :].encode()).decode()


class EncryptedTextField(models.TextField):
    """Empty strings stay empty (nothing to hide); everything else is ciphertext."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def value_to_string(self, obj) -> str:
        # Serialisers (dumpdata, fixtures) write ciphertext: a JSON dump reveals no more than
        # the database does.
        value = self.value_from_object(obj)
        return encrypt(value) if value else value

    def to_python(self, value):
        # ...and loaddata reads it back. Ciphertext no key opens is refused, not stored as text.
        if isinstance(value, str) and value.startswith(PREFIX):
            try:
                return decrypt(value)
            except ValueError as exc:
                raise ValidationError(str(exc)) from None
        return value

    def get_lookup(self, lookup_name):
        # Ciphertext cannot be searched: only emptiness checks make sense.
        if lookup_name not in {"exact", "isnull", "in"}:
            return None
        return super().get_lookup(lookup_name)
