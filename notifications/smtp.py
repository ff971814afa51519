"""Django's SMTP backend, with fewer waits per message.

When the server offers PIPELINING (RFC 2920; Postfix, Exim and the big relays
do), MAIL FROM, RCPT TO and DATA go out in one write and their answers are read
together: two round trips per message instead of four. And while the server
reads that envelope, the caller may do its own waiting (`send_overlapping`: the
outbox writes the previous message's sent mark then), so that the database and
the mail server answer at the same time. A server without PIPELINING gets
smtplib's one command at a time.
"""

import re
import smtplib

from django.conf import settings
from django.core.mail.backends import smtp
from django.core.mail.message import sanitize_address

LEADING_PERIOD = re.compile(rb"(?m)^\.")


def _nothing() -> None:
    pass


class Pipelining:
    def sendmail(
        self, from_addr, to_addrs, msg, mail_options=(), rcpt_options=(), *, meanwhile=_nothing
    ):
        """smtplib's sendmail; `meanwhile()` is called once, while the server
        reads the envelope (or first, when the server cannot pipeline)."""
        self.ehlo_or_helo_if_needed()
        # Django gives bytes and no options; anything else takes smtplib's way.
        plain = mail_options or rcpt_options or not isinstance(msg, bytes)
        if plain or not self.has_extn("pipelining"):
            meanwhile()
            return super().sendmail(from_addr, to_addrs, msg, mail_options, rcpt_options)
        to_addrs = [to_addrs] if isinstance(to_addrs, str) else list(to_addrs)
        size = f" SIZE={len(msg)}" if self.has_extn("size") else ""
        commands = [f"MAIL FROM:{smtplib.quoteaddr(from_addr)}{size}"]
        commands += [f"RCPT TO:{smtplib.quoteaddr(to)}" for to in to_addrs]
        commands.append("DATA")
        self.send("".join(f"{command}\r\n" for command in commands))
        meanwhile()
        # Every answer is read, whatever the first ones say: they are on their way.
        replies = [self.getreply() for _ in commands]
        (mail_code, mail_reply), *rcpt, (data_code, data_reply) = replies
        refused = {to: r for to, r in zip(to_addrs, rcpt, strict=True) if r[0] not in (250, 251)}
        closing = 421 in (mail_code, data_code, *(code for code, _ in refused.values()))
        if mail_code != 250:
            self._abandon(data_code, closing=closing)
            raise smtplib.SMTPSenderRefused(mail_code, mail_reply, from_addr)
        if len(refused) == len(to_addrs) or closing:
            self._abandon(data_code, closing=closing)
            raise smtplib.SMTPRecipientsRefused(refused)
        if data_code != 354:
            self._abandon(data_code, closing=closing)
            raise smtplib.SMTPDataError(data_code, data_reply)
        body = LEADING_PERIOD.sub(b"..", msg)
        self.send(body + (b"" if body.endswith(b"\r\n") else b"\r\n") + b".\r\n")
        code, reply = self.getreply()
        if code != 250:
            self._abandon(None, closing=code == 421)
            raise smtplib.SMTPDataError(code, reply)
        return refused

    def _abandon(self, data_code, *, closing: bool) -> None:
        """Leave the message as smtplib does: close on 421, else RSET. A server
        that said 354 to DATA with nobody to deliver to first gets the end of an
        empty message (RFC 2920, 3.1)."""
        if closing:
            self.close()
            return
        if data_code == 354:
            self.send(b".\r\n")
            self.getreply()
        self._rset()


class PipeliningSMTP(Pipelining, smtplib.SMTP):
    pass


class PipeliningSMTPSSL(Pipelining, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    @property
    def connection_class(self):
        return PipeliningSMTPSSL if self.use_ssl else PipeliningSMTP

    def send_overlapping(self, message, meanwhile) -> None:
        """Send one message, raising what the server said if it refused;
        `meanwhile()` runs while the server reads the envelope (Django's
        `_send`, with that one difference)."""
        if not message.recipients():  # as Django's: nothing to send
            meanwhile()
            return
        with self._lock:
            self.open()
            encoding = message.encoding or settings.DEFAULT_CHARSET
            recipients = [sanitize_address(to, encoding) for to in message.recipients()]
            self.connection.sendmail(
                sanitize_address(message.from_email, encoding),
                recipients,
                message.message().as_bytes(linesep="\r\n"),
                meanwhile=meanwhile,
            )
