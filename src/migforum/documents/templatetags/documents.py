from django import template
from django.utils.safestring import SafeString

from migforum.documents.markup import markdown_html

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """A text written in Markdown as HTML, any HTML in it escaped (`markup.markdown_html`)."""
    return markdown_html(text)
