"""`migforum serve`: the platform as in production, with its background worker supervised."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import STATICFILES_STORAGE_ALIAS, settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

#: As `collectstatic` ignores them by default.
IGNORED_STATIC = ["CVS", ".*", "*~"]


def static_files_stale() -> str:
    """Why the collected static files cannot serve the pages (no manifest, a file missing from
    it, a file changed since), or "" when they can. Pages name files through the manifest: one
    missing file is a 500 on every page."""
    try:
        storage = storages[STATICFILES_STORAGE_ALIAS]
    except OSError as error:  # the manifest storage reads its manifest as it starts
        return _("the static files cannot be read (%(error)s)") % {"error": error}
    if not isinstance(storage, ManifestFilesMixin):
        return ""  # files are served as they are, found where they lie
    manifest = Path(storage.manifest_storage.path(storage.manifest_name))
    try:
        collected = json.loads(manifest.read_text(encoding="utf-8"))["paths"]
        collected_at = manifest.stat().st_mtime
    except (OSError, ValueError, KeyError, TypeError):
        return _("there is no manifest of collected files (%(path)s)") % {"path": manifest}
    for finder in get_finders():
        for path, source in finder.list(IGNORED_STATIC):
            name = Path(getattr(source, "prefix", None) or "", path).as_posix()
            if name not in collected:
                return _("%(name)s is not collected") % {"name": name}
            if os.stat(source.path(path)).st_mtime > collected_at:
                return _("%(name)s changed since it was collected") % {"name": name}
    return ""


def served_site_url(host: str, port: int) -> str:
    """The address the server answers at, for links in e-mails: a server listening on every
    interface is reached on this machine at the loopback address; IPv6 in brackets."""
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = (
        "Serve the platform as in production: granian running the WSGI application, "
        "static files from the app (WhiteNoise), and the background worker."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("--host", default=os.environ.get("MIGFORUM_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("MIGFORUM_PORT", "8000"))
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("MIGFORUM_WORKERS", "2"))
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("MIGFORUM_THREADS", "2")),
            help="Blocking threads per worker.",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the background worker (run `migforum db_worker` elsewhere).",
        )

    def handle(self, *args: object, **options: object) -> None:
        # Unless the operator gave the public address, links in e-mails (invitations, password
        # resets) name the one served here: the worker and the server inherit the variable
        # and read it as their settings load.
        os.environ.setdefault(
            "MIGFORUM_SITE_URL", served_site_url(str(options["host"]), int(str(options["port"])))
        )
        self.static_files_collect()
        if not options["no_worker"]:
            self.start_worker()
        granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or shutil.which(
            "granian"
        )
        if granian is None:
            raise CommandError("granian is not installed in this environment.")
        command = [
            granian,
            "--interface",
            "wsgi",
            "--host",
            str(options["host"]),
            "--port",
            str(options["port"]),
            "--workers",
            str(options["workers"]),
            "--blocking-threads",
            str(options["threads"]),
            "--no-ws",
            "migforum.wsgi:application",
        ]
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}/")
        self.stdout.flush()
        os.execv(granian, command)  # noqa: S606  the server replaces this process

    def static_files_collect(self) -> None:
        """Collect the static files if they are missing or out of date, or say how to."""
        problem = static_files_stale()
        if not problem:
            return
        root = settings.STATIC_ROOT
        self.stdout.write(
            _("Static files are not ready (%(problem)s): collecting them into %(root)s…")
            % {"problem": problem, "root": root}
        )
        try:
            call_command("collectstatic", interactive=False, verbosity=0)
        except Exception as error:
            raise CommandError(
                _(
                    "The static files could not be collected into %(root)s (%(error)s). Run "
                    "`migforum collectstatic --noinput` as a user who may write there, or set "
                    "MIGFORUM_STATIC_ROOT to a directory that can be written, then run "
                    "`migforum serve` again."
                )
                % {"root": root, "error": error}
            ) from error
        self.stdout.write(_("Static files collected."))

    def start_worker(self) -> None:
        """The background worker, in a process of its own that stops with the server and is
        started again, after a pause, whenever it ends (`core/worker.py`)."""
        subprocess.Popen([sys.executable, "-m", "migforum.core.worker", str(os.getpid())])  # noqa: S603
        self.stdout.write(
            _("Background worker started (migforum db_worker), and restarted if it stops.")
        )
