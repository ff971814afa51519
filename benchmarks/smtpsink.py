"""A small mail server on 127.0.0.1 that keeps what it accepts in memory.

It speaks just enough SMTP for Django's SMTP backend (EHLO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT, and PIPELINING as real servers offer it), so that the
benchmark and the tests against a real worker can count the emails that really
left. It can refuse the first messages (a busy
server) or hold one without answering (to kill the worker in the middle).
"""

import email
import socketserver
import threading
from collections import Counter


class SmtpSink:
    def __init__(self, *, refuse: int = 0, hold_after: int | None = None, pipelining=True):
        # As received: a mail server answers before it reads a message, so the
        # sink parses them only when asked (`messages`), not while the sender waits.
        self.received: list[bytes] = []
        self._parsed: list = []
        self.refuse = refuse
        self.pipelining = pipelining
        self.hold_after = hold_after
        self.held = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.connections = 0
        sink = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                with sink.lock:
                    sink.connections += 1
                try:
                    sink.converse(Connection(self.request))
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

    @property
    def messages(self) -> list:
        with self.lock:
            new = self.received[len(self._parsed) :]
            self._parsed += [email.message_from_bytes(data) for data in new]
            return list(self._parsed)

    def notification_ids(self) -> Counter:
        return Counter(m["X-RSP-Notification"] for m in self.messages)

    def recipients(self) -> Counter:
        return Counter(m["To"] for m in self.messages)

    def converse(self, connection: "Connection") -> None:
        reply = connection.answer
        reply("220 sink ESMTP")
        while line := connection.readline():
            verb = line.decode("ascii", "replace").strip().split(" ")[0].upper()
            if verb == "EHLO" and self.pipelining:
                reply("250-sink")
                reply("250 PIPELINING")
            elif verb == "EHLO":
                reply("250 sink")
            elif verb == "HELO":
                reply("250 sink")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                reply("250 OK")
            elif verb == "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                reply(self.receive(read_data(connection)))
            elif verb == "QUIT":
                reply("221 Bye")
                connection.flush()
                return
            else:
                reply("502 Command not implemented")

    def receive(self, data: bytes) -> str:
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return "451 4.3.0 Try again later"
            hold = self.hold_after is not None and len(self.received) >= self.hold_after
            if not hold:
                self.received.append(data)
                return "250 OK: queued"
        # Never answer: the worker is killed while it waits, and the message was
        # never accepted.
        self.held.set()
        self.release.wait()
        raise ConnectionAbortedError("held message dropped")


class Connection:
    """Lines in, answers out, as a real server does it: the answers wait until
    everything the client sent has been read, then leave together, so that
    commands sent together (PIPELINING, RFC 2920) get their answers together."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = bytearray()
        self.answers: list[bytes] = []

    def readline(self) -> bytes:
        while (end := self.buffer.find(b"\n")) < 0:
            self.flush()
            chunk = self.sock.recv(65536)
            if not chunk:
                return b""
            self.buffer += chunk
        line = bytes(self.buffer[: end + 1])
        del self.buffer[: end + 1]
        return line

    def answer(self, line: str) -> None:
        self.answers.append(f"{line}\r\n".encode())

    def flush(self) -> None:
        if self.answers:
            self.sock.sendall(b"".join(self.answers))
            self.answers = []


def read_data(connection: Connection) -> bytes:
    lines = []
    while line := connection.readline():
        if line in (b".\r\n", b".\n"):
            break
        lines.append(line[1:] if line.startswith(b"..") else line)
    return b"".join(lines)
