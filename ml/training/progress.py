"""Progress lines, flushed at once (the orchestrator streams them), with elapsed time."""

from __future__ import annotations

import time

_started = time.monotonic()


def say(line: str) -> None:
    print(line, flush=True)


def step(number: int, total: int, title: str) -> None:
    say(f"[{number}/{total}] {title}  (+{time.monotonic() - _started:.1f} s)")


def elapsed() -> float:
    return time.monotonic() - _started
