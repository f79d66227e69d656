"""Broken dependencies as real endpoints on 127.0.0.1: a closed port and a server that hangs.

`closed_port()` binds a port and closes it again: connecting is refused at once (Redis or
Elasticsearch down). `hung_server()` starts a separate Python process that accepts connections
and never answers (a hung Elasticsearch); it ends itself after `lifetime` seconds even if the
test run dies, and the context manager stops it at once.
"""

import contextlib
import json
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

HUNG = r"""
import socket, sys, threading, time
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(64)
print(server.getsockname()[1], flush=True)
held = []
def accept():
    while True:
        connection, _ = server.accept()
        held.append(connection)  # read nothing, answer nothing
threading.Thread(target=accept, daemon=True).start()
time.sleep(float(sys.argv[1]))
"""


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def hung_server(lifetime=120):
    process = subprocess.Popen(
        [sys.executable, "-c", HUNG, str(lifetime)], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(process.stdout.readline())
        yield port
    finally:
        process.kill()
        process.wait(timeout=10)


class FakeCluster:
    """A running tests/faults/fake_elasticsearch.py: its URL, and switches for hanging."""

    def __init__(self, port):
        self.url = f"http://127.0.0.1:{port}"

    def _call(self, path, method="POST"):
        request = urllib.request.Request(self.url + path, method=method)  # noqa: S310
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - 127.0.0.1
            return json.load(response)

    def hang(self):
        self._call("/_fake/hang")

    def recover(self):
        self._call("/_fake/recover")

    def state(self):
        return self._call("/_fake/state", method="GET")


@contextlib.contextmanager
def fake_elasticsearch(major=9, lifetime=300):
    script = Path(__file__).with_name("fake_elasticsearch.py")
    process = subprocess.Popen(
        [sys.executable, str(script), str(major), str(lifetime)], stdout=subprocess.PIPE, text=True
    )
    try:
        yield FakeCluster(int(process.stdout.readline()))
    finally:
        process.kill()
        process.wait(timeout=10)
