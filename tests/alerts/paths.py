"""Where the alert tests find their input."""

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
#: The OASIS CAP 1.2 examples, shared beside the clone (``../shared`` from the repository root).
OASIS_DIR = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "cap"
