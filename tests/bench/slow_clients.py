#!/usr/bin/env python3
"""Slow readers against one URL while sampling a server's RSS (tests/bench/segments_bench.sh).

Opens N keep-alive connections, sends one GET each, and reads the body at about RATE bytes/s per connection with a
small receive buffer (so the server, not the kernel, holds the unread bytes) for SECONDS; meanwhile samples the
server's VmRSS every 0.5 s. Prints JSON: rss_before_kib, rss_during_max_kib, rss_after_kib, bytes_read,
connections_open (at the end of the reading), connections_failed.
"""
import argparse
import json
import socket
import sys
import time
from urllib.parse import urlsplit


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("pid", type=int)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--rate", type=int, default=10 * 1024, help="bytes/s per connection")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--settle", type=float, default=3, help="pause before the 'after' sample")
    args = parser.parse_args()

    url = urlsplit(args.url)
    request = (f"GET {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\nConnection: keep-alive\r\n\r\n").encode()
    before = rss_kib(args.pid)
    sockets, failed = [], 0
    for _ in range(args.connections):
        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
            sock.settimeout(5)
            sock.connect((url.hostname, url.port))
            sock.sendall(request)
            sock.setblocking(False)
            sockets.append(sock)
        except OSError:
            failed += 1
    per_tick = max(1, args.rate // 10)  # ten reads a second per connection
    total, during, open_at_end = 0, before, 0
    start = time.monotonic()
    next_sample = start
    alive = set(range(len(sockets)))
    tick = 0
    while time.monotonic() - start < args.seconds:
        tick += 1
        for i in list(alive):
            try:
                data = sockets[i].recv(per_tick)
                if not data:
                    alive.discard(i)
                total += len(data)
            except BlockingIOError:
                pass
            except OSError:
                alive.discard(i)
        now = time.monotonic()
        if now >= next_sample:
            during = max(during, rss_kib(args.pid))
            next_sample = now + 0.5
        time.sleep(max(0.0, start + tick * 0.1 - time.monotonic()))
    open_at_end = len(alive)
    for sock in sockets:
        sock.close()
    time.sleep(args.settle)
    after = rss_kib(args.pid)
    json.dump({"rss_before_kib": before, "rss_during_max_kib": during, "rss_after_kib": after,
               "bytes_read": total, "connections_open": open_at_end, "connections_failed": failed,
               "seconds": args.seconds}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
