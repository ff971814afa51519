import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlall_rsp.settings")
application = get_wsgi_application()
# What is loaded by now lives as long as the worker: left out of the collector's
# full passes, which otherwise walk these 100,000 objects (15-45 ms) every few
# rankings, the matcher's slowest one in twenty (docs/performance.md).
gc.freeze()

# The matcher's and the dashboard's columns, read in the background (core.warmup).
from core.warmup import warm_up_in_background  # noqa: E402  (needs Django set up)

warm_up_in_background()
