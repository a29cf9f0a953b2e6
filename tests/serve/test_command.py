"""The serve command's choices: what counts as this computer only, and a port already taken."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from secordoc.cli import cli
from secordoc.serve.command import _loopback


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("example.org", False),
])
def test_only_loopback_addresses_count_as_this_computer(host, loopback):
    assert _loopback(host) is loopback


def test_a_port_in_use_is_a_usage_error_that_says_what_to_do():
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--no-browser", "--port", str(port)])
    finally:
        taken.close()
    assert result.exit_code == 2 and "Cannot listen on 127.0.0.1" in result.output and "--port" in result.output
    assert "Traceback" not in result.output
