"""The one error type extraction raises for input it cannot use."""


class ExtractionError(Exception):
    """A source cannot be imported; ``reason`` says why, ``position`` where (code points)."""

    def __init__(self, reason: str, position: int | None = None):
        self.reason = reason
        self.position = position
        where = f" at character {position}" if position is not None else ""
        super().__init__(f"{reason}{where}")

    def __reduce__(self):
        # Rebuilt from reason and position when it crosses from a worker process (parallel.py).
        return (type(self), (self.reason, self.position))
