"""How published practices appear in the site-wide search; drafts and practices under review
never do (the practice finder shows them to the people who may see them)."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from migforum.core.search import SearchText, register

from .choices import ReviewStatus
from .models import Practice


def practice_documents(practice: Practice):
    if not practice.is_published:
        return
    versions = [(practice.language, practice.text_in(practice.language))]
    versions += [(t.language, practice.text_in(t.language)) for t in practice.translations.all()]
    for language, words in versions:
        with translation.override(language):
            url = reverse("practices:practice_detail", args=[practice.pk])
        yield SearchText(
            language=language,
            title=words["title"],
            body="\n".join(
                [practice.implementer_name]
                + [words[name] for name in ("summary", "description", "results", "lessons")]
            ),
            url=url,
        )


register(
    Practice,
    label=_("Practices"),
    documents=practice_documents,
    queryset=lambda: Practice.objects.filter(review_status=ReviewStatus.PUBLISHED).prefetch_related(
        "translations"
    ),
)
