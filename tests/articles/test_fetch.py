"""Safe fetching against a real local HTTP server (and the guard on real address rules)."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from articles.fetch import (
    USER_AGENT,
    BlockedAddress,
    PermanentFetchError,
    TooLarge,
    TransientFetchError,
    address_blocked,
    check_url_allowed,
    fetch,
)


def test_it_fetches_with_its_user_agent_and_gzip(feed_server):
    url = feed_server.route("/a", b"<p>hello</p>" * 100, gzip=True, etag='"v1"')
    result = fetch(url)
    assert result.content == b"<p>hello</p>" * 100
    assert result.status == 200 and result.etag == '"v1"' and not result.not_modified
    seen = feed_server.hits("/a")[0].headers
    assert seen["user-agent"] == USER_AGENT and "Dealdesk" in USER_AGENT
    assert "gzip" in seen["accept-encoding"]


def test_a_matching_etag_gets_not_modified(feed_server):
    url = feed_server.route("/feed", b"<rss/>", etag='"abc"')
    result = fetch(url, etag='"abc"', last_modified="Wed, 01 Jan 2025 00:00:00 GMT")
    assert result.not_modified and result.status == 304 and result.content == b""
    headers = feed_server.hits("/feed")[0].headers
    assert headers["if-none-match"] == '"abc"'
    assert headers["if-modified-since"] == "Wed, 01 Jan 2025 00:00:00 GMT"


def test_a_response_over_the_cap_is_refused(feed_server, settings):
    settings.INGEST_MAX_BYTES = 1024 * 1024
    url = feed_server.route("/big", b"x" * (2 * 1024 * 1024))
    with pytest.raises(TooLarge):
        fetch(url)


def test_the_cap_holds_for_a_gzip_bomb(feed_server):
    url = feed_server.route("/bomb", b"\0" * (8 * 1024 * 1024), gzip=True)
    with pytest.raises(TooLarge):
        fetch(url, max_bytes=1024 * 1024)


def test_redirects_are_followed_and_the_final_url_kept(feed_server):
    final = feed_server.route("/final", b"ok")
    feed_server.redirect("/hop", final, status=301)
    start = feed_server.redirect("/start", "/hop")
    result = fetch(start)
    assert result.url == final and result.content == b"ok"


def test_too_many_redirects_are_permanent(feed_server, settings):
    settings.INGEST_MAX_REDIRECTS = 2
    feed_server.redirect("/loop", "/loop")
    with pytest.raises(PermanentFetchError, match="redirects"):
        fetch(feed_server.url("/loop"))


@pytest.fixture
def localhost_as_public(monkeypatch, settings):
    """The guard on, but the name "localhost" treated as a public host: a stand-in for an
    outside site, so what a test sees is the guard on the *next* hop."""
    from articles import fetch as fetch_module

    real_check, real_peer = fetch_module.check_url_allowed, fetch_module._check_peer

    def check(url, *, allow_private=None):
        if "//localhost:" not in url:
            real_check(url, allow_private=allow_private)

    def peer(response, host, allow):
        if host != "localhost":
            real_peer(response, host, allow)

    monkeypatch.setattr(fetch_module, "check_url_allowed", check)
    monkeypatch.setattr(fetch_module, "_check_peer", peer)
    settings.INGEST_ALLOW_PRIVATE_NETWORKS = False


def test_a_redirect_to_loopback_is_refused_with_the_guard_on(feed_server, localhost_as_public):
    target = feed_server.route("/secret", b"internal")
    feed_server.redirect("/go", target)
    start = f"http://localhost:{feed_server.port}/go"
    with pytest.raises(BlockedAddress, match=r"127\.0\.0\.1"):
        fetch(start)
    assert len(feed_server.hits("/go")) == 1  # the first hop was fetched
    assert feed_server.hits("/secret") == []  # the second never was


def test_the_connected_address_is_checked_too(feed_server, monkeypatch, settings):
    """DNS rebinding: the name passed the check, the socket went to loopback anyway."""
    from articles import fetch as fetch_module

    monkeypatch.setattr(fetch_module, "check_url_allowed", lambda url, **kw: None)
    settings.INGEST_ALLOW_PRIVATE_NETWORKS = False
    with pytest.raises(BlockedAddress, match=r"connected to 127\.0\.0\.1"):
        fetch(feed_server.route("/rebound", b"internal"))


def test_server_errors_are_transient_and_client_errors_permanent(feed_server):
    with pytest.raises(TransientFetchError) as err:
        fetch(feed_server.route("/down", b"", status=503))
    assert err.value.status == 503 and err.value.retryable
    with pytest.raises(PermanentFetchError) as err:
        fetch(feed_server.url("/missing"))
    assert err.value.status == 404 and not err.value.retryable


def test_a_stalled_server_times_out_as_transient(feed_server, settings):
    settings.INGEST_READ_TIMEOUT = 1
    url = feed_server.route("/slow", b"late", delay=2.5)
    with pytest.raises(TransientFetchError, match="timed out"):
        fetch(url)


@pytest.mark.parametrize("url", ["ftp://example.com/feed", "file:///etc/passwd", "gopher://x/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(PermanentFetchError, match="only http"):
        check_url_allowed(url, allow_private=False)


@pytest.mark.parametrize(
    "ip",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.1.1",
        "224.0.0.1",
        "0.0.0.0",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "240.0.0.1",
    ],
)
def test_non_public_addresses_are_blocked(ip):
    assert address_blocked(ipaddress.ip_address(ip), allow_private=False)
    with pytest.raises(BlockedAddress):
        check_url_allowed(f"http://[{ip}]/" if ":" in ip else f"http://{ip}/", allow_private=False)


@pytest.mark.parametrize("ip", ["169.254.169.254", "fd00:ec2::254"])
def test_cloud_metadata_is_blocked_even_when_private_networks_are_allowed(ip):
    assert "metadata" in address_blocked(ipaddress.ip_address(ip), allow_private=True)


def test_public_addresses_pass_the_guard():
    assert address_blocked(ipaddress.ip_address("93.184.216.34"), allow_private=False) == ""
    assert address_blocked(ipaddress.ip_address("2606:2800:220:1::1"), allow_private=False) == ""


def test_a_hostname_is_checked_after_resolution():
    # "localhost" resolves through the system resolver to loopback: refused by name too.
    try:
        socket.getaddrinfo("localhost", 80)
    except socket.gaierror:
        pytest.skip("no resolver for localhost here")
    with pytest.raises(BlockedAddress):
        check_url_allowed("http://localhost:8000/feed", allow_private=False)
