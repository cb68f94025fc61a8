"""A real aiosmtpd SMTP server on loopback that requires AUTH (PLAIN or LOGIN) without TLS.

Usage: smtp_auth_server.py <port> <maildir> <user> <password>
Messages go to <maildir> (aiosmtpd's Mailbox handler); each session's EHLO adds a line to <maildir>.sessions, so
a test can count the connections (attempts) a client made. Prints "ready" once it accepts connections.
"""
import signal
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

port, maildir, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), sys.argv[4].encode()


class CountingMailbox(Mailbox):
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with open(maildir + ".sessions", "a") as sessions:
            sessions.write("ehlo\n")
        session.host_name = hostname  # A handle_EHLO hook must set it, or the session counts as without EHLO.
        return responses


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
    # handled=False: aiosmtpd answers 535 itself (with handled=True it would answer nothing).
    return AuthResult(success=ok, handled=False)


controller = Controller(
    CountingMailbox(maildir),
    hostname="127.0.0.1",
    port=port,
    authenticator=authenticate,
    auth_require_tls=False,
    auth_required=True,
)
controller.start()
print("ready", flush=True)
signal.sigwait({signal.SIGTERM, signal.SIGINT})
controller.stop()
