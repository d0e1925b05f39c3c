"""Runs `migforum db_worker` for as long as the server that started it lives.

`migforum serve` starts this, then becomes the web server (granian) in the same process: when
that process goes away, so does the worker, and a stopped server leaves nothing running.
"""

import os
import shutil
import signal
import subprocess
import sys
import time


def main(server_pid: int) -> None:
    migforum = shutil.which("migforum", path=os.path.dirname(sys.executable)) or "migforum"
    worker = subprocess.Popen([migforum, "db_worker"])  # noqa: S603

    def stop(*_args: object) -> None:
        worker.terminate()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while os.getppid() == server_pid and worker.poll() is None:
        time.sleep(1)
    worker.terminate()
    worker.wait(timeout=30)


if __name__ == "__main__":
    main(int(sys.argv[1]))
