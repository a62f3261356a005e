"""Where the sample cohort lives: the default for the main job, the notebooks and the tests."""

from __future__ import annotations

import os
from pathlib import Path

SAMPLE_NAME = "sample-cohort"
WORKED_EXAMPLE = "g1-green-towns"


def data_dir() -> Path:
    """The kit's `data/` folder (override with the PLANET_DATA environment variable)."""
    override = os.environ.get("PLANET_DATA")
    return Path(override) if override else Path(__file__).resolve().parents[1] / "data"


def sample_cohort() -> Path:
    return data_dir() / SAMPLE_NAME


def worked_example() -> Path:
    """The group folder of the complete worked example."""
    return sample_cohort() / "groups" / WORKED_EXAMPLE
