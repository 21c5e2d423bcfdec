"""Entities: the registry of persons, organisations and places, and the claim values that name them.

model.py is the registry file format, load.py reads and checks registry files, registry.py compiles them
for lookup, names.py cuts names into words, parse.py reads a value into members, compare.py relates values.
"""

from recoupe.normalize.entities.compare import EntityValue, Member
from recoupe.normalize.entities.load import BUILTIN_DISPLAY, builtin_registry, load_registries
from recoupe.normalize.entities.model import EntityEntry, RegistryFile
from recoupe.normalize.entities.parse import clear_cache, parse_entity
from recoupe.normalize.entities.registry import Entity, Registry, Resolution

__all__ = [
    "BUILTIN_DISPLAY",
    "Entity",
    "EntityEntry",
    "EntityValue",
    "Member",
    "Registry",
    "RegistryFile",
    "Resolution",
    "builtin_registry",
    "clear_cache",
    "load_registries",
    "parse_entity",
]
