"""A text progress bar for management commands (no dependency).

On a terminal it redraws one line; in a log (not a TTY) it prints a line every quarter.
"""

from django.core.management.base import OutputWrapper

BAR_WIDTH = 30


class ProgressBar:
    """`bar(done, total)` shows `label [#####.....]  45%  90,000/200,000`."""

    def __init__(self, stream: OutputWrapper, label: str) -> None:
        self.stream = stream
        self.label = label
        self.interactive = stream.isatty()
        self._step = 1 if self.interactive else 25
        self._next_percent = 0

    def __call__(self, done: int, total: int) -> None:
        percent = 100 if total == 0 else min(done * 100 // total, 100)
        if percent < self._next_percent:
            return
        self._next_percent = (percent // self._step + 1) * self._step
        filled = BAR_WIDTH * percent // 100
        line = f"{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {percent:3d}%"
        line += f"  {done:,}/{total:,}"
        if self.interactive:
            self.stream.write(f"\r{line}", ending="\n" if percent == 100 else "")
        else:
            self.stream.write(line)
        self.stream.flush()
