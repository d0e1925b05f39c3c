"""Keeps `migforum db_worker` running for as long as the server that started it lives.

`migforum serve` starts this, then becomes the web server (granian) in the same process. When
the worker ends (a crash, `kill -9`, the machine short of memory), it is started again after a
pause that doubles from 1 s to 60 s while it keeps failing, and starts afresh after a run of a
minute or more; each restart is logged in one line. The new worker is told the id of the one it
replaces, so that what that worker was running is marked interrupted at once.

When the server goes away, or this process is asked to stop, the worker is stopped too (it
finishes the task in hand for up to 30 s): a stopped server leaves nothing running. On Linux the
worker also receives SIGTERM if this process is killed outright.

This process does not set up Django: it only starts and watches processes.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

FIRST_DELAY = 1.0
MAX_DELAY = 60.0
#: A worker that ran this long before ending is restarted after FIRST_DELAY again.
STABLE_RUN = 60.0
#: How long a worker asked to stop may take to finish its task before it is killed.
STOP_TIMEOUT = 30.0
POLL = 0.25
#: Dead workers passed to the next one with `--replaces` (in case one dies before it cleans up).
REMEMBERED = 5


def restart_delay(previous: float | None, ran_for: float) -> float:
    """The pause before starting the worker again: 1 s, doubling up to 60 s while it keeps
    ending quickly, and 1 s again after a stable run."""
    if previous is None or ran_for >= STABLE_RUN:
        return FIRST_DELAY
    return min(previous * 2, MAX_DELAY)


def how_it_ended(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def new_worker_id() -> str:
    """Unique across machines, and says where the worker runs (at most 64 characters)."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{secrets.token_hex(4)}"


def _die_with_parent() -> None:
    """In the worker, before it runs: SIGTERM when this supervisor dies (Linux)."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class Supervisor:
    """Runs `command` (plus `--worker-id`, `--replaces`) again whenever it ends, while
    `keep_going()` holds and no stop was asked for."""

    def __init__(
        self,
        command: Sequence[str],
        keep_going: Callable[[], bool] = lambda: True,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.command = list(command)
        self.keep_going = keep_going
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.stopping = False
        self.process: subprocess.Popen[bytes] | None = None

    def stop(self, *_args: object) -> None:
        self.stopping = True

    def running(self) -> bool:
        return not self.stopping and self.keep_going()

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        dead: list[str] = []
        delay: float | None = None
        while self.running():
            worker_id = new_worker_id()
            replaces = [argument for old in dead for argument in ("--replaces", old)]
            started = time.monotonic()
            self.process = subprocess.Popen(  # noqa: S603  our own command
                [*self.command, "--worker-id", worker_id, *replaces],
                preexec_fn=_die_with_parent,  # noqa: PLW1509  no threads here
                # Out of the terminal's process group: Ctrl+C reaches this supervisor, which
                # stops the worker once (a second signal would cut its task short).
                process_group=0,
            )
            while self.process.poll() is None and self.running():
                time.sleep(POLL)
            if self.process.poll() is None:
                break
            ran_for = time.monotonic() - started
            delay = restart_delay(delay, ran_for)
            self.log(
                f"migforum: the background worker {worker_id} (pid {self.process.pid}) ended "
                f"({how_it_ended(self.process.returncode)}) after {ran_for:.0f} s; "
                f"starting it again in {delay:.0f} s."
            )
            dead = [*dead, worker_id][-REMEMBERED:]
            until = time.monotonic() + delay
            while time.monotonic() < until and self.running():
                time.sleep(POLL)
        self.stop_worker()

    def stop_worker(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(server_pid: int) -> None:
    migforum = shutil.which("migforum", path=os.path.dirname(sys.executable)) or "migforum"
    Supervisor([migforum, "db_worker"], keep_going=lambda: os.getppid() == server_pid).run()


if __name__ == "__main__":
    main(int(sys.argv[1]))
