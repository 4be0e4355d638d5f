"""Search finds what a person means: whole words for short terms, synonyms, topics, paragraphs."""

import re

import pytest

from initiatives import search
from initiatives.models import Initiative, SearchSynonym, Topic
from initiatives.services import initiative_create


def listed(client, query: str) -> set[str]:
    """Labels of the initiatives the list shows for ?q=query (one page is all the demo has)."""
    response = client.get("/initiatives/", {"q": query})
    assert response.status_code == 200
    return {i.name for i in response.context["initiatives"]}


# ---------------------------------------------------------------------------------------------
# Reading a query (no database)
# ---------------------------------------------------------------------------------------------
SYNONYMS = {"ai": ["artificial intelligence"], "artificial intelligence": ["AI"]}


def test_it_reads_a_known_phrase_as_one_concept_with_its_synonyms():
    concepts = search.read_query("artificial intelligence guide", SYNONYMS)
    assert [c.typed for c in concepts] == ["artificial intelligence", "guide"]
    assert concepts[0].spellings == ("artificial intelligence", "AI")


def test_it_keeps_a_quoted_phrase_together_and_strips_punctuation():
    concepts = search.read_query('"data flows" (CERT),', {})
    assert [c.typed for c in concepts] == ["data flows", "CERT"]


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("AI", "ASEAN Guide on AI Governance", True),
        ("AI", "Resilience and Repair of Submarine Cables", False),
        ("AI", "Sustainable Digital Future", False),
        ("ai", "Generative AI.", True),
        ("CERT", "ASEAN Regional CERT Operational Framework", True),
        ("CERT", "certification of devices", False),
        ("data", "Cross Border Data Flows", True),
        ("data", "a database of measures", False),
        ("cyber", "ASEAN Cybersecurity Cooperation Strategy", True),
        ("cyber", "a hypercyber thing", False),
        ("artificial intelligence", "Artificial  Intelligence Landscape Study", True),
        ("5G", "ASEAN 5G Roadmap", True),
        ("scam", "online scams", True),
    ],
)
def test_a_term_matches_words_not_letters(term, text, found):
    assert search.phrases_match([term], [text]) is found


# ---------------------------------------------------------------------------------------------
# On the demo dataset (loading it takes a while: a few tests, each checking several searches)
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def officer_client(client, officer, demo):
    client.force_login(officer)
    return client


def test_the_list_finds_words_and_synonyms_not_letters(officer_client):
    found = listed(officer_client, "AI")
    assert "ASEAN Guide on AI Governance and Ethics" in found
    assert "Artificial Intelligence Landscape Study Report" in found  # through the synonym
    assert "ASEAN Strategic Guidance on Artificial Intelligence and Digital Workforce" in found
    assert "ASEAN Guidelines for Strengthening Resilience and Repair of Submarine Cables" not in (
        found
    )
    for name in found:
        initiative = Initiative.objects.get(name=name)
        words = [initiative.name, initiative.acronym, initiative.aliases, initiative.description]
        words += [t.name for t in initiative.topics.all()]
        assert re.search(r"\bAI\b|artificial intelligence", " ".join(words), re.I), name

    cert = "ASEAN Regional Computer Emergency Response Team"
    assert cert in listed(officer_client, "cyber")
    assert cert in listed(officer_client, "CERT")
    assert "ASEAN Cybersecurity Cooperation Strategy 2021-2025" in listed(officer_client, "cyber")

    data = listed(officer_client, "data")
    assert {"ASEAN Data Management Framework", "ASEAN Cross Border Data Flows Mechanism"} <= data
    assert "Digital Economy Framework Agreement" not in data

    assert "Digital Economy Framework Agreement" not in listed(officer_client, "digital pact")
    SearchSynonym.objects.create(term="digital pact", equivalents="DEFA")
    assert listed(officer_client, "digital pact") == {"Digital Economy Framework Agreement"}


def test_the_search_page_finds_paragraphs_initiatives_and_partners(officer_client):
    response = officer_client.get("/search/", {"q": "DEFA"})
    assert response.status_code == 200
    hits = response.context["paragraphs"]
    assert [(h.paragraph.statement.meeting.short_name, h.paragraph.number) for h in hits] == [
        ("3rd ADGMIN", 9)
    ]
    assert "<mark>DEFA</mark>" in str(hits[0].snippet)
    body = response.content.decode()
    assert 'href="/meetings/adgmin-3/#p9"' in body
    assert "Digital Economy Framework Agreement (DEFA)" in body  # the initiatives group

    response = officer_client.get("/search/", {"q": "Japan"})
    body = response.content.decode()
    for heading in ("Initiatives", "Statement paragraphs", "Partners"):
        assert f">{heading}</h2>" in body
    assert "Japan" in [p.name for p in response.context["partners"]]
    assert response.context["paragraphs"]
    assert all("Japan" in h.paragraph.text for h in response.context["paragraphs"])

    response = officer_client.get("/search/", {"q": "<script>"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_topics_are_suggested_filter_lists_and_the_api_and_officers_correct_them(officer_client):
    response = officer_client.get("/initiatives/", {"topic": "cybersecurity"})
    found = {i.name for i in response.context["initiatives"]}
    assert "ASEAN Regional Computer Emergency Response Team" in found
    assert "ASEAN Data Management Framework" not in found
    both = officer_client.get("/initiatives/", {"topic": ["cybersecurity", "ai"]})
    assert len(both.context["initiatives"]) > len(found)

    response = officer_client.get("/api/initiatives/", {"topic": "ai"})
    assert response.status_code == 200
    names = {row["name"] for row in response.json()["results"]}
    assert "ASEAN Guide on AI Governance and Ethics" in names
    assert "ASEAN 5G Roadmap" not in names

    officer = response.wsgi_request.user
    created = initiative_create(user=officer, name="ASEAN Anti-Online Scam Working Group Plan")
    assert {t.slug for t in created.topics.all()} == {"online-scams"}

    initiative = Initiative.objects.get(acronym="DEFA")
    url = f"/initiatives/{initiative.slug}/edit/"
    form = officer_client.get(url).context["form"]
    assert [t.slug for t in form.initial["topics"]] == ["digital-trade"]
    data = {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in form.initial.items()
        if value is not None and name != "topics"
    }
    data["topics"] = [Topic.objects.get(slug="data-governance").pk]
    response = officer_client.post(url, data)
    assert response.status_code == 302
    assert [t.slug for t in initiative.topics.all()] == ["data-governance"]


def test_the_search_page_is_for_signed_in_users_only(client, db):
    assert client.get("/search/", {"q": "AI"}).status_code == 302


def test_it_refuses_a_post_to_the_search_page(client, officer):
    client.force_login(officer)
    assert client.post("/search/", {"q": "AI"}).status_code == 405
