"""WSGI entry point used by `migforum serve` (granian)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "migforum.settings.base")
application = get_wsgi_application()

# What the apps registered to load before the first visitor comes (the practice finder's facet
# index, in a thread of its own).
from migforum.core import warmup  # noqa: E402

warmup.run_all()

# Everything loaded so far (Django, the apps, the URL conf) lives as long as the process:
# moving it out of the collector's reach keeps full collections, and the latency spikes they
# cause under load, short.
gc.freeze()
