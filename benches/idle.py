#!/usr/bin/env python3
"""Idle cost of the reader: what it writes and how much CPU it uses while nobody types.

Runs the binary in a 120x40 pseudo-terminal with a fresh profile, lets it draw its first
frame, then watches it for SECONDS (default 10): every write (time and size) and the
user + system clock ticks from /proc/PID/stat over that window. Types `q` at the end.

    python3 benches/idle.py [SECONDS] [BINARY [ARGUMENTS...]]

(`python3 benches/idle.py 10 target/release/manabi present --class --listen
127.0.0.1:0` watches a presenting window serving a live class.)
"""
import fcntl
import os
import pty
import select
import struct
import sys
import tempfile
import termios
import time


def ticks(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    binary = sys.argv[2] if len(sys.argv) > 2 else "target/release/manabi"
    home = tempfile.mkdtemp(prefix="manabi-idle-")
    env = dict(os.environ, TERM="xterm-256color", XDG_DATA_HOME=home,
               XDG_CONFIG_HOME=home, XDG_STATE_HOME=home, HOME=home)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary] + sys.argv[3:], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    # Settle: the first frame and the terminal queries (left unanswered) come first.
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        if select.select([fd], [], [], 0.05)[0]:
            os.read(fd, 65536)
    start_ticks = ticks(pid)
    start = time.monotonic()
    writes = []
    while (now := time.monotonic()) < start + seconds:
        if select.select([fd], [], [], start + seconds - now)[0]:
            data = os.read(fd, 65536)
            writes.append((time.monotonic() - start, len(data)))
    used = ticks(pid) - start_ticks
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    hertz = os.sysconf("SC_CLK_TCK")
    total = sum(size for _, size in writes)
    print(f"idle window: {seconds:.0f} s")
    print(f"writes: {len(writes)}, {total} bytes ({total / seconds:.1f} B/s)")
    for at, size in writes:
        print(f"  {at * 1000:8.1f} ms  {size} B")
    print(f"cpu: {used} ticks of user+system ({used * 1000 / hertz:.0f} ms at {hertz} Hz)")


main()
