from django.apps import AppConfig


class MentoringConfig(AppConfig):
    """Mentoring: mentor profiles under a no-fee pledge and a code of conduct, mentees' requests,
    coordinators' rounds (``imgpath.matching``), proposals accepted or declined, and reports."""

    name = "imgpath.web.mentoring"
    label = "mentoring"
    default_auto_field = "django.db.models.BigAutoField"
