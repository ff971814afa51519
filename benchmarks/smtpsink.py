"""A small mail server on 127.0.0.1 that keeps what it accepts in memory.

It speaks just enough SMTP for Django's SMTP backend (EHLO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT), so that the benchmark and the tests against a real worker can
count the emails that really left. It can refuse the first messages (a busy
server) or hold one without answering (to kill the worker in the middle).
"""

import email
import socketserver
import threading
from collections import Counter


class SmtpSink:
    def __init__(self, *, refuse: int = 0, hold_after: int | None = None):
        self.messages: list = []
        self.refuse = refuse
        self.hold_after = hold_after
        self.held = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.connections = 0
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                with sink.lock:
                    sink.connections += 1
                try:
                    sink.converse(self.rfile, self.wfile)
                except ConnectionError:  # the client went away, or we dropped it
                    pass

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> "SmtpSink":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def notification_ids(self) -> Counter:
        return Counter(m["X-RSP-Notification"] for m in self.messages)

    def recipients(self) -> Counter:
        return Counter(m["To"] for m in self.messages)

    def converse(self, rfile, wfile) -> None:
        def reply(line: str) -> None:
            wfile.write(f"{line}\r\n".encode())
            wfile.flush()

        reply("220 sink ESMTP")
        while line := rfile.readline():
            verb = line.decode("ascii", "replace").strip().split(" ")[0].upper()
            if verb in ("EHLO", "HELO"):
                reply("250 sink")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                reply("250 OK")
            elif verb == "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                reply(self.receive(read_data(rfile)))
            elif verb == "QUIT":
                reply("221 Bye")
                return
            else:
                reply("502 Command not implemented")

    def receive(self, data: bytes) -> str:
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return "451 4.3.0 Try again later"
            hold = self.hold_after is not None and len(self.messages) >= self.hold_after
            if not hold:
                self.messages.append(email.message_from_bytes(data))
                return "250 OK: queued"
        # Never answer: the worker is killed while it waits, and the message was
        # never accepted.
        self.held.set()
        self.release.wait()
        raise ConnectionAbortedError("held message dropped")


def read_data(rfile) -> bytes:
    lines = []
    while line := rfile.readline():
        if line in (b".\r\n", b".\n"):
            break
        lines.append(line[1:] if line.startswith(b"..") else line)
    return b"".join(lines)
