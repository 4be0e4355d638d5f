"""Topics (a filter on every list, suggested from names) and the search synonyms table.

Both start with rows an admin can edit; existing initiatives get the topics their names,
acronym and aliases suggest, by the same rule as new ones (initiatives.search.phrases_match).
"""

from django.db import migrations, models

KEYWORDS_HELP = (
    "Words or phrases that suggest this topic when an initiative's name, acronym or "
    "aliases contain them, one per line. Words of four letters or fewer (AI, CERT) "
    "match whole words only; longer ones also match words they begin (cyber: "
    "cybersecurity)."
)

TOPICS = [
    (
        "Artificial intelligence",
        "ai",
        "AI governance, ethics, skills and studies.",
        ["AI", "artificial intelligence", "machine learning", "generative"],
    ),
    (
        "Cybersecurity",
        "cybersecurity",
        "Cyber cooperation, CERTs, security of networks and services.",
        ["cyber", "CERT", "CSIRT", "computer emergency", "digital security", "ASCCE"],
    ),
    (
        "Data governance",
        "data-governance",
        "Data management, cross-border data flows, contractual clauses, open data.",
        ["data", "contractual clauses", "MCC", "MCCs", "DMF", "CBDF", "privacy"],
    ),
    (
        "Connectivity",
        "connectivity",
        "Broadband, 5G, submarine cables, telecommunications and ICT infrastructure.",
        [
            "connectivity",
            "connected",
            "5G",
            "broadband",
            "submarine cable",
            "telecommunication",
            "spectrum",
        ],
    ),
    (
        "Digital trade",
        "digital-trade",
        "DEFA, e-commerce, digital payments and cross-border trade.",
        [
            "digital trade",
            "DEFA",
            "digital economy framework agreement",
            "e-commerce",
            "trade",
            "payment",
            "paperless",
            "e-invoicing",
        ],
    ),
    (
        "E-government",
        "e-government",
        "Digital government and public services online.",
        ["e-government", "e-gov", "digital government", "public services", "govtech"],
    ),
    (
        "Inclusion and skills",
        "inclusion",
        "Digital inclusion, skills, workforce, capacity building and small businesses.",
        [
            "inclusion",
            "inclusive",
            "skills",
            "workforce",
            "capacity building",
            "MSME",
            "MSMEs",
            "literacy",
            "digital divide",
        ],
    ),
    (
        "Online scams",
        "online-scams",
        "Online scams, fraud and other online harms.",
        ["scam", "scams", "anti-scam", "fraud", "online harms"],
    ),
    (
        "Partner cooperation",
        "partner-cooperation",
        "Work plans and dialogues with ASEAN's dialogue partners.",
        ["work plan", "workplan", "dialogue", "partnership"],
    ),
]

SYNONYMS = {
    "AI": ["artificial intelligence"],
    "artificial intelligence": ["AI"],
    "cyber": ["cybersecurity", "cyber security", "CERT", "CSIRT"],
    "cybersecurity": ["cyber security", "CERT", "CSIRT"],
    "cyber security": ["cybersecurity", "CERT", "CSIRT"],
    "CERT": ["computer emergency response team", "CSIRT"],
    "computer emergency response team": ["CERT"],
    "scam": ["fraud", "online harms"],
    "scams": ["scam", "fraud", "online harms"],
    "e-government": ["e-gov", "digital government", "egovernment"],
    "5G": ["fifth generation"],
    "MCC": ["model contractual clauses"],
    "MCCs": ["model contractual clauses"],
    "model contractual clauses": ["MCC", "MCCs"],
    "DEFA": ["Digital Economy Framework Agreement"],
    "ADM": ["ASEAN Digital Masterplan"],
    "ROK": ["Republic of Korea", "Korea"],
    "Korea": ["ROK"],
    "EU": ["European Union"],
    "European Union": ["EU"],
    "US": ["United States", "U.S."],
    "United States": ["US", "U.S."],
}


def seed(apps, schema_editor):
    from initiatives.search import phrases_match

    Topic = apps.get_model("initiatives", "Topic")
    SearchSynonym = apps.get_model("initiatives", "SearchSynonym")
    Initiative = apps.get_model("initiatives", "Initiative")
    for term, equivalents in SYNONYMS.items():
        SearchSynonym.objects.get_or_create(
            term=term, defaults={"equivalents": "\n".join(equivalents)}
        )
    topics = []
    for name, slug, description, keywords in TOPICS:
        topic, _ = Topic.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "keywords": "\n".join(keywords)},
        )
        topics.append((topic, keywords))
    for initiative in Initiative.objects.all():
        names = [initiative.name, initiative.acronym, *initiative.aliases.splitlines()]
        for topic, keywords in topics:
            if phrases_match(keywords, names):
                topic.initiatives.add(initiative)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0007_mention_provenance_and_status_facts")]

    operations = [
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=80, unique=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                ("description", models.CharField(blank=True, max_length=300)),
                (
                    "keywords",
                    models.TextField(
                        blank=True,
                        help_text=KEYWORDS_HELP,
                    ),
                ),
                (
                    "initiatives",
                    models.ManyToManyField(
                        blank=True, related_name="topics", to="initiatives.initiative"
                    ),
                ),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "term",
                    models.CharField(
                        help_text='What someone types, e.g. "AI" (any case).',
                        max_length=100,
                        unique=True,
                    ),
                ),
                (
                    "equivalents",
                    models.TextField(
                        help_text='Also searched for, one per line, e.g. "artificial intelligence".'
                    ),
                ),
            ],
            options={"ordering": ["term"], "verbose_name": "search synonym"},
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
