"""Forms of the articles app: sources (admins), and the desk's users and roles (admins)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.models import User
from django.core.validators import URLValidator

from articles.fetch import BlockedAddress, FetchError, check_url_allowed
from articles.models import Source
from articles.selectors import source_by_canonical_url
from articles.source_services import EDITABLE_FIELDS
from deals.roles import ADMIN, EDITOR, REPORTER

_url_syntax = URLValidator(schemes=["http", "https"])


class SourceForm(forms.ModelForm):
    """A source's settings. `url` is checked for syntax, scheme, address and duplicates.

    The address check resolves the host now, with the same guard ingestion
    applies on every fetch, so a URL pointing inside the network is refused
    here with a clear message rather than failing on each poll.
    """

    url = forms.CharField(
        label="URL",
        required=False,
        max_length=2000,
        help_text="A feed, or a site's page: its advertised feed is found for you.",
    )
    # The URL the preview was shown for: saving a URL nobody previewed shows the preview first.
    previewed_url = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Source
        # `url` is the declared field above: the model's URLField would accept ftp: and
        # guess a scheme; services, not form.save(), write the row.
        fields = [name for name in EDITABLE_FIELDS if name != "url"]
        labels = {"poll_interval_minutes": "Poll every (minutes)"}

    field_order = ["name", "url", "kind"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        if not url:
            return ""
        scheme = url.partition("://")[0].lower() if "://" in url else ""
        if scheme and scheme not in ("http", "https"):
            raise forms.ValidationError(
                f"Only http and https sources can be fetched, not {scheme}."
            )
        try:
            _url_syntax(url)
        except forms.ValidationError:
            raise forms.ValidationError(
                "Enter a full web address, like https://example.com/feed."
            ) from None
        if url != self.instance.url:  # an unchanged URL was checked when it was set
            self._check_address(url)
        other = source_by_canonical_url(url, exclude_pk=self.instance.pk)
        if other is not None:
            raise forms.ValidationError(f"This is already a source: {other.name}.")
        return url

    @staticmethod
    def _check_address(url: str) -> None:
        try:
            check_url_allowed(url)
        except BlockedAddress as exc:
            raise forms.ValidationError(
                f"That address is inside a private network and cannot be a source ({exc})."
            ) from None
        except FetchError as exc:
            raise forms.ValidationError(f"That address cannot be reached: {exc}.") from None

    def clean_poll_interval_minutes(self) -> int:
        minutes = self.cleaned_data["poll_interval_minutes"]
        if not 1 <= minutes <= 7 * 24 * 60:
            raise forms.ValidationError("Poll between every minute and once a week.")
        return minutes

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("kind")
        if kind and kind != Source.Kind.MANUAL and not data.get("url") and "url" not in self.errors:
            self.add_error("url", "A source that is fetched needs a URL.")
        if data.get("auto_accept") and data.get("credibility_tier") != Source.Tier.WIRE:
            self.add_error("auto_accept", "Only tier 1 sources may have their flags auto-accepted.")
        return data

    @property
    def needs_preview(self) -> bool:
        """Valid, fetched, and its URL not yet previewed: show entries before saving."""
        data = self.cleaned_data
        return (
            data.get("kind") != Source.Kind.MANUAL
            and bool(data.get("url"))
            and data.get("previewed_url", "") != data["url"]
        )


ROLE_CHOICES = [
    ("", "No role"),
    (EDITOR, "Editor"),
    (REPORTER, "Reporter"),
    (ADMIN, "Admin"),
]


class UserCreateForm(BaseUserCreationForm):
    """A new desk member with their role; passwords go through AUTH_PASSWORD_VALIDATORS."""

    role = forms.ChoiceField(choices=ROLE_CHOICES[1:], initial=REPORTER)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The form sits beside the user list; focusing it on load would scroll past the list.
        self.fields["username"].widget.attrs.pop("autofocus", None)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("A user with that username already exists.")
        return username


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=ROLE_CHOICES, required=False)


class StoryForm(forms.Form):
    """A story added by hand: a URL to fetch, or pasted text with its headline (issue 4)."""

    url = forms.CharField(label="Story URL", required=False, max_length=2000)
    title = forms.CharField(label="Headline", required=False, max_length=1000)
    text = forms.CharField(
        label="Story text", required=False, max_length=200_000, widget=forms.Textarea
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        if not url:
            return ""
        try:
            _url_syntax(url)
            check_url_allowed(url)
        except forms.ValidationError:
            raise forms.ValidationError("Enter an http:// or https:// address.") from None
        except FetchError as exc:
            raise forms.ValidationError(str(exc)) from None
        return url

    def clean(self):
        data = super().clean()
        url, text, title = data.get("url"), (data.get("text") or "").strip(), data.get("title")
        if self.errors:
            return data
        if bool(url) == bool(text):
            raise forms.ValidationError("Paste either a story's URL or its text, not both.")
        if text and not (title or "").strip():
            self.add_error("title", "A pasted story needs its headline.")
        return data
