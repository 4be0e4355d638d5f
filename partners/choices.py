from django.db import models


class PartnerKind(models.TextChoices):
    MEMBER_STATE = "member_state", "ASEAN Member State"
    DIALOGUE_PARTNER = "dialogue_partner", "Dialogue partner"
    DEVELOPMENT_PARTNER = "development_partner", "Development partner"
    INTERNATIONAL_ORG = "international_org", "International organisation"
    ASEAN_BODY = "asean_body", "ASEAN body or working group"
    CENTRE = "centre", "Centre"
    PRIVATE_SECTOR = "private_sector", "Private-sector body"
    OTHER = "other", "Other"
