import os
import shutil
import subprocess
import sys

from django.core.management.base import BaseCommand, CommandError


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

    def start_worker(self) -> None:
        """The background worker, in a process of its own that stops with the server."""
        subprocess.Popen([sys.executable, "-m", "migforum.core.worker", str(os.getpid())])  # noqa: S603
        self.stdout.write("Background worker started (migforum db_worker).")
