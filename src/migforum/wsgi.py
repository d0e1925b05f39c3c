"""WSGI entry point used by `migforum serve` (granian)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migforum.settings.base")
application = get_wsgi_application()

# The practice finder's facet index takes seconds to load at a hundred thousand practices:
# loading it now spares the first visitor the wait.
from migforum.practices.finder import load_facet_index_in_background  # noqa: E402

load_facet_index_in_background()

# Everything loaded so far (Django, the apps, the URL conf) lives as long as the process:
# moving it out of the collector's reach keeps full collections, and the latency spikes they
# cause under load, short.
gc.freeze()
