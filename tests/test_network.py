"""phiguard never touches the network: sockets fail for the whole check."""

from __future__ import annotations

import socket

import pytest

from phiguard.config import Config
from phiguard import engine
from phiguard.engine import Linter


class _NoNetwork(Exception):
    pass


def test_check_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise _NoNetwork("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    # A fresh Linter, so that model loading and Presidio set-up also run without network;
    # emails and URLs exercise tldextract, which fetches a suffix list by default.
    monkeypatch.setattr(engine, "_SHARED", {})  # no models cached by earlier tests
    linter = Linter(Config())
    report = linter.check(
        "Send the forms to jenna.ortiz88@gmail.com or see gofundme.com/f/help-jenna, "
        "her cell is 520-555-0187, visit https://www.cdc.gov/flu"
    )
    assert {f.entity for f in report.findings} >= {"EMAIL", "URL", "PHONE"}
