"""Shared fixtures for the jscell test suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import jscell

__all__ = ["ctx"]


@pytest.fixture
def ctx() -> Iterator[jscell.Context]:
    """A fresh context, closed after the test."""
    with jscell.Context() as context:
        yield context
