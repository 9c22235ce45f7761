"""Fetching a source or a story's page without letting the web hurt us.

Every request: only http(s); the host resolved and refused when any of its
addresses is loopback, private, link-local, multicast, reserved or a cloud
metadata endpoint (unless private networks are allowed, for tests and local
feeds); the address actually connected to checked again (DNS rebinding);
redirects followed by hand so each hop is checked the same way; connect and
read timeouts plus an overall deadline; the body decompressed by us with a
size cap enforced while streaming, so neither a huge page nor a gzip bomb
gets into memory; ETag / Last-Modified for conditional GET.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings

USER_AGENT = "Dealdesk/1.0 (newsroom deal tracker; +https://github.com/dealdesk)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)
_CHUNK = 64 * 1024
# Always refused, whatever INGEST_ALLOW_PRIVATE_NETWORKS says: no feed lives there.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "169.254.170.2")
)


class FetchError(Exception):
    """Fetching failed; `status` is the HTTP status when there was one."""

    retryable = False

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class BlockedAddress(FetchError):
    """The URL points at an address ingestion must not reach (SSRF guard)."""


class TooLarge(FetchError):
    """The response is bigger than INGEST_MAX_BYTES."""


class TransientFetchError(FetchError):
    """Worth retrying later: timeouts, 5xx, 429, connection resets."""

    retryable = True


class PermanentFetchError(FetchError):
    """Retrying will not help: 4xx, a scheme other than http(s), too many redirects."""


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # final URL after redirects
    status: int
    content: bytes
    content_type: str
    etag: str
    last_modified: str
    not_modified: bool


def _allow(allow_private: bool | None) -> bool:
    return settings.INGEST_ALLOW_PRIVATE_NETWORKS if allow_private is None else allow_private


def address_blocked(
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address, *, allow_private: bool
) -> str:
    """Why `ip` is refused, or "" when it may be fetched."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if allow_private:
        return ""
    for label, flag in (
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a multicast", ip.is_multicast),
        ("a private", ip.is_private),
        ("a reserved", ip.is_reserved),
        ("an unspecified", ip.is_unspecified),
    ):
        if flag:
            return f"{label} address"
    if not ip.is_global:
        return "a non-public address"
    return ""


def _split(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise PermanentFetchError(f"not a valid URL: {url!r} ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise PermanentFetchError(
            f"only http and https URLs can be fetched, not {scheme or 'no'} scheme"
        )
    if not parts.hostname:
        raise PermanentFetchError(f"the URL has no host: {url!r}")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def check_url_allowed(url: str, *, allow_private: bool | None = None) -> None:
    """Raise BlockedAddress / PermanentFetchError unless every address of the host may be fetched.

    Forms call this to refuse a source URL up front; `fetch` calls it on every hop.
    A host that does not resolve is a TransientFetchError (DNS may be down).
    """
    _, host, port = _split(url)
    allow = _allow(allow_private)
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise TransientFetchError(f"cannot resolve {host}: {exc}") from None
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for ip in addresses:
        reason = address_blocked(ip, allow_private=allow)
        if reason:
            raise BlockedAddress(f"{host} resolves to {ip}, {reason}; refused")


_local = threading.local()


def _client() -> httpx.Client:
    """One connection pool per process and thread (a forked worker builds its own)."""
    client = getattr(_local, "client", None)
    if client is None or getattr(_local, "pid", None) != os.getpid():
        client = httpx.Client(
            follow_redirects=False,
            trust_env=False,  # a proxy from the environment would hide the peer address
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        )
        _local.client, _local.pid = client, os.getpid()
    return client


def _check_peer(response: httpx.Response, host: str, allow: bool) -> None:
    """The address we actually connected to, checked again: DNS may answer differently twice."""
    stream = response.extensions.get("network_stream")
    if stream is None:
        return
    peer = stream.get_extra_info("server_addr")
    if not peer:
        return
    ip = ipaddress.ip_address(str(peer[0]).split("%")[0])
    reason = address_blocked(ip, allow_private=allow)
    if reason:
        raise BlockedAddress(f"{host} connected to {ip}, {reason}; refused")


def _decoder(encoding: str):
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise PermanentFetchError(f"unsupported Content-Encoding {encoding!r}")


def _read_body(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    """The body, decompressed in bounded steps, refused as soon as it passes `max_bytes`."""
    declared = response.headers.get("content-length", "")
    if (
        declared.isdigit()
        and not response.headers.get("content-encoding")
        and int(declared) > max_bytes
    ):
        raise TooLarge(
            f"response is {int(declared):,} bytes, over the {max_bytes:,}-byte limit",
            status=response.status_code,
        )
    decoder = _decoder(response.headers.get("content-encoding", ""))
    out = bytearray()

    def add(data: bytes) -> None:
        out.extend(data)
        if len(out) > max_bytes:
            raise TooLarge(
                f"response passed the {max_bytes:,}-byte limit", status=response.status_code
            )

    try:
        for raw in response.iter_raw(_CHUNK):
            if time.monotonic() > deadline:
                raise TransientFetchError("the response took too long to arrive")
            if decoder is None:
                add(raw)
                continue
            data = raw
            while data:
                add(decoder.decompress(data, max_bytes + 1 - len(out)))
                data = decoder.unconsumed_tail
        if decoder is not None:
            add(decoder.flush())
    except zlib.error as exc:
        raise TransientFetchError(f"corrupt compressed response: {exc}") from None
    return bytes(out)


def _classify(status: int, url: str) -> FetchError:
    if status in (408, 425, 429) or status >= 500:
        return TransientFetchError(f"HTTP {status} from {url}", status=status)
    return PermanentFetchError(f"HTTP {status} from {url}", status=status)


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    max_bytes: int | None = None,
    allow_private: bool | None = None,
) -> FetchResult:
    """GET `url` safely. Raises a FetchError subclass; 304 comes back as `not_modified`."""
    allow = _allow(allow_private)
    limit = max_bytes if max_bytes is not None else settings.INGEST_MAX_BYTES
    timeout = httpx.Timeout(
        connect=settings.INGEST_CONNECT_TIMEOUT,
        read=settings.INGEST_READ_TIMEOUT,
        write=settings.INGEST_READ_TIMEOUT,
        pool=settings.INGEST_CONNECT_TIMEOUT,
    )
    # A server dripping one byte per read timeout must not hold a worker forever.
    deadline = time.monotonic() + settings.INGEST_CONNECT_TIMEOUT + 2 * settings.INGEST_READ_TIMEOUT
    headers = {"Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    for _hop in range(settings.INGEST_MAX_REDIRECTS + 1):
        check_url_allowed(current, allow_private=allow)
        host = urlsplit(current).hostname or ""
        try:
            with _client().stream("GET", current, headers=headers, timeout=timeout) as response:
                _check_peer(response, host, allow)
                status = response.status_code
                if status in (301, 302, 303, 307, 308):
                    location = response.headers.get("location", "")
                    if not location:
                        raise PermanentFetchError(
                            f"HTTP {status} without a Location", status=status
                        )
                    current = urljoin(current, location)
                    continue
                if status == 304:
                    return FetchResult(
                        url=current,
                        status=status,
                        content=b"",
                        content_type="",
                        etag=response.headers.get("etag", etag),
                        last_modified=response.headers.get("last-modified", last_modified),
                        not_modified=True,
                    )
                if not 200 <= status < 300:
                    raise _classify(status, current)
                content = _read_body(response, limit, deadline)
                return FetchResult(
                    url=current,
                    status=status,
                    content=content,
                    content_type=response.headers.get("content-type", ""),
                    etag=response.headers.get("etag", ""),
                    last_modified=response.headers.get("last-modified", ""),
                    not_modified=False,
                )
        except httpx.TimeoutException as exc:
            raise TransientFetchError(
                f"timed out fetching {current}: {type(exc).__name__}"
            ) from None
        except httpx.TransportError as exc:
            raise TransientFetchError(f"network error fetching {current}: {exc}") from None
        except httpx.InvalidURL as exc:
            raise PermanentFetchError(f"not a valid URL: {current!r} ({exc})") from None
    raise PermanentFetchError(
        f"more than {settings.INGEST_MAX_REDIRECTS} redirects from {url}", status=None
    )
