"""/articles/new/: a story pasted by hand goes through the pipeline and the page shows the result."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article
from deals.models import Deal, DealUpdate

pytestmark = pytest.mark.django_db

URL = "/articles/new/"
TITLE = "Fabrikam agrees to buy Contoso Robotics for $450m"
TEXT = (
    "Fabrikam Holdings said on Monday it had signed a definitive agreement to acquire "
    "Contoso Robotics Inc for $450 million."
)


def test_the_url_is_named_articles_new():
    assert reverse("articles-new") == URL


@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_the_form_is_shown_to_editors_and_reporters(client_for, request, who):
    response = client_for(request.getfixturevalue(who)).get(URL)
    assert response.status_code == 200
    assert b'name="url"' in response.content and b'name="text"' in response.content


def test_pasted_text_is_analysed_and_its_signals_and_flags_shown(client_for, reporter):
    response = client_for(reporter).post(URL, {"title": TITLE, "text": TEXT})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fabrikam Holdings" in page and "Contoso Robotics Inc" in page
    assert "Agreed" in page and "acquirer" in page and "USD 450,000,000" in page
    assert "signed a definitive agreement" in page  # the evidence sentence
    assert "New deal" in page  # the flag raised
    article = Article.objects.get()
    assert article.state == "done" and article.source.kind == "manual"
    assert DealUpdate.objects.filter(article=article).count() == 1
    assert "<html" in page  # the whole page without htmx


def test_pasting_the_same_story_twice_adds_nothing(client_for, editor):
    client = client_for(editor)
    client.post(URL, {"title": TITLE, "text": TEXT})
    response = client.post(URL, {"title": TITLE, "text": TEXT})
    assert "Already stored" in response.content.decode()
    assert Article.objects.count() == 1 and Deal.objects.count() == 1


def test_a_url_is_fetched_from_the_local_server(client_for, editor, feed_server):
    url = feed_server.route(
        "/story.html",
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        f"<p>{TEXT}</p></article></body></html>",
    )
    response = client_for(editor).post(URL, {"url": url})
    assert response.status_code == 200
    assert "signed a definitive agreement" in response.content.decode()
    assert Article.objects.get().url == url


def test_the_htmx_request_gets_only_the_result(client_for, editor):
    response = client_for(editor).post(URL, {"title": TITLE, "text": TEXT}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="story-result"')
    assert "<html" not in page and "Contoso" in page


def test_the_htmx_partial_shows_errors_too(client_for, editor):
    response = client_for(editor).post(URL, {"title": "", "text": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "either a story" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "either a story"),
        ({"url": "https://93.184.216.34/x", "text": "both"}, "not both"),
        ({"text": TEXT}, "needs its headline"),
        ({"url": "ftp://93.184.216.34/x"}, "http:// or https://"),
        ({"url": "http://127.0.0.1/admin"}, "loopback"),
    ],
)
def test_bad_input_is_refused_with_a_reason(client_for, editor, data, message):
    response = client_for(editor).post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Article.objects.count() == 0


def test_a_fetch_failure_is_shown_on_the_form(client_for, editor, feed_server):
    response = client_for(editor).post(URL, {"url": feed_server.url("/missing")})
    assert response.status_code == 400
    assert "HTTP 404" in response.content.decode()


def test_wrong_method_is_refused(client_for, editor):
    assert client_for(editor).put(URL).status_code == 405
    assert client_for(editor).delete(URL).status_code == 405


@pytest.mark.parametrize("who", ["outsider", "desk_admin"])
def test_people_outside_the_newsroom_roles_get_403(client_for, request, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"title": TITLE, "text": TEXT}).status_code == 403
    assert Article.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_copy_of_a_stored_story_shows_the_original_findings(client_for, editor):
    body = " ".join([TEXT] * 4)  # long enough for the body hash to identify it
    client = client_for(editor)
    client.post(URL, {"title": TITLE, "text": body})
    response = client.post(URL, {"title": "Another outlet's headline", "text": body})
    page = response.content.decode()
    copy = Article.objects.get(title="Another outlet's headline")
    assert copy.duplicate_of is not None and copy.state == "done"
    assert "a copy of" in page and "signed a definitive agreement" in page
    assert DealUpdate.objects.count() == 1
