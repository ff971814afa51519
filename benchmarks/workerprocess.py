"""A Celery worker in a subprocess, for the benchmark and the tests that prove
delivery against the real broker."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings

from core.queueing import queues as celery_queues


class WorkerProcess:
    def __init__(
        self, *, env: dict, pool: str = "solo", concurrency: int = 1, queues: list | None = None
    ):
        self.env = {**os.environ, "PYTHONPATH": str(settings.BASE_DIR), **env}
        self.pool = pool
        self.concurrency = concurrency
        # Like docker compose's worker: every queue, unless told otherwise.
        self.queues = queues or celery_queues()
        self.process = None
        self.log = Path(tempfile.mkstemp(prefix="celery-worker-", suffix=".log")[1])

    def start(self, timeout: float = 60) -> "WorkerProcess":
        self.log.write_text("")
        command = [sys.executable, "-m", "celery", "-A", "earlall_rsp", "worker"]
        command += [f"--pool={self.pool}", f"--concurrency={self.concurrency}"]
        command += ["-Q", ",".join(self.queues)]
        command += ["--loglevel=INFO", "--without-gossip", "--without-mingle"]
        command += ["--without-heartbeat", f"--hostname=w{os.getpid()}-{time.monotonic_ns()}@%h"]
        with self.log.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
                command, cwd=settings.BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while " ready." not in self.log.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the worker did not start:\n{self.output()}")
            time.sleep(0.1)
        return self

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, nothing acknowledged or rejected."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text()[-5000:]


def wait_for(condition, timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.1)
