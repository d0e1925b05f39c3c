"""WSGI entry point used by `migforum serve` (granian)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migforum.settings.base")
application = get_wsgi_application()
