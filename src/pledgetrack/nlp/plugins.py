"""Extraction's plugin points, read from the project's pluggy hooks (``pledgetrack.plugins``).

A plugin module registered in the ``pledgetrack`` entry-point group implements any of::

    from pledgetrack.plugins import hookimpl

    @hookimpl
    def pipeline_components():      # spaCy factory/component names, appended to the pipeline
        return ["my_step"]

    @hookimpl
    def topic_taxonomies():         # for --topics NAME: a path, or the TOML as a mapping
        return {"fisheries": "/path/to/fisheries.toml"}

    @hookimpl
    def actor_gazetteers():         # office holders by ISO code
        return {"NOR": ["Halvorsen"]}
"""
from __future__ import annotations

from typing import Any

from ..plugins import manager


def plugin_components() -> tuple[str, ...]:
    """Factory names of the components installed plugins add, each once, in plugin order."""
    names = [name for result in manager().hook.pipeline_components() for name in result]
    return tuple(dict.fromkeys(names))


def plugin_taxonomy(name: str) -> Any | None:
    """What the plugins give for taxonomy ``name`` (a path or a mapping), or None."""
    for result in manager().hook.topic_taxonomies():
        if name in result:
            return result[name]
    return None


def plugin_gazetteers() -> list[dict[str, list[str]]]:
    """The office-holder lists ({ISO code: [names]}) installed plugins add."""
    return [dict(result) for result in manager().hook.actor_gazetteers()]
