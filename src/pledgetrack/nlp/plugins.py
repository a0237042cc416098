"""Plugin points of extraction, read from installed packages' entry points.

A package extends pledgetrack's extraction by declaring, in its ``pyproject.toml``::

    [project.entry-points."pledgetrack.components"]
    my_component = "my_package.module:factory_name_or_callable"   # a spaCy factory name (str)
    [project.entry-points."pledgetrack.taxonomies"]
    g7 = "my_package.taxonomies:g7"          # a callable returning a path to a TOML/Markdown taxonomy
    [project.entry-points."pledgetrack.gazetteers"]
    nato = "my_package.people:office_holders"  # a callable returning {ISO code: [names]}

Components are spaCy factories registered with ``@Language.factory``; the entry point's object
is the factory name (or a callable returning it), and the pipeline appends it after its own.
A taxonomy entry point's name can be given to ``--topics``.
"""
from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

COMPONENTS_GROUP = "pledgetrack.components"
TAXONOMIES_GROUP = "pledgetrack.taxonomies"
GAZETTEERS_GROUP = "pledgetrack.gazetteers"


def _load(group: str) -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=group)}


def plugin_components() -> tuple[str, ...]:
    """Factory names of the components installed packages add, in name order."""
    names = []
    for _, ep in sorted(_load(COMPONENTS_GROUP).items()):
        obj = ep.load()
        names.append(obj() if callable(obj) else str(obj))
    return tuple(names)


def plugin_taxonomy(name: str) -> Any | None:
    """What the taxonomy plugin ``name`` gives (a path or a mapping), or None when none is installed."""
    ep = _load(TAXONOMIES_GROUP).get(name)
    if ep is None:
        return None
    obj: Callable[[], Any] | Any = ep.load()
    return obj() if callable(obj) else obj


def plugin_gazetteers() -> list[dict[str, list[str]]]:
    """The office-holder lists ({ISO code: [names]}) installed packages add."""
    out = []
    for _, ep in sorted(_load(GAZETTEERS_GROUP).items()):
        obj = ep.load()
        out.append(dict(obj() if callable(obj) else obj))
    return out
