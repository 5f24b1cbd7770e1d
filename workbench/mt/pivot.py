"""Which installed packages translate a language pair: directly, or in two legs via a pivot.

Argos publishes most pairs only to and from English, so English is tried first as the
pivot language; any other installed language is tried after it (e.g. en→es→fr for an
English article when only en→es and es→fr are installed). Routes have at most two legs:
every extra leg costs a full decoding pass and compounds the errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

PIVOT_LANGUAGE = "en"


class Pair(Protocol):
    """Anything with a language pair: an installed package."""

    @property
    def from_code(self) -> str: ...

    @property
    def to_code(self) -> str: ...


@dataclass(frozen=True)
class Route:
    """The packages that translate source→target, in the order they run."""

    legs: tuple  # of packages (workbench.mt.packages.InstalledPackage)

    @property
    def languages(self) -> tuple[str, ...]:
        return (self.legs[0].from_code, *(leg.to_code for leg in self.legs))

    @property
    def label(self) -> str:
        """"en→fr" for a direct package, "en→es→fr" through a pivot."""
        return "→".join(self.languages)

    @property
    def via(self) -> tuple[str, ...]:
        """The pivot languages between source and target (empty for a direct package)."""
        return self.languages[1:-1]


def find_route(packages: Sequence[Pair], source: str, target: str) -> Route | None:
    """A direct package, else two legs through English, else through any other language.

    None for source == target: there is nothing to translate.
    """
    if source == target:
        return None
    packages = _translating(packages)
    by_pair: dict[tuple[str, str], Pair] = {}
    for package in packages:
        by_pair.setdefault((package.from_code, package.to_code), package)
    direct = by_pair.get((source, target))
    if direct is not None:
        return Route((direct,))
    for pivot in _pivot_candidates(packages, source, target):
        first, second = by_pair.get((source, pivot)), by_pair.get((pivot, target))
        if first is not None and second is not None:
            return Route((first, second))
    return None


def _translating(packages: Iterable[Pair]) -> list[Pair]:
    """The packages between two different languages: an en→en package is never a leg."""
    return [package for package in packages if package.from_code != package.to_code]


def _pivot_candidates(packages: Iterable[Pair], source: str, target: str) -> list[str]:
    others = sorted({p.to_code for p in packages if p.from_code == source} - {PIVOT_LANGUAGE})
    return [code for code in [PIVOT_LANGUAGE, *others] if code not in (source, target)]


def missing_route_hint(packages: Sequence[Pair], source: str, target: str) -> str:
    """One line naming the packages that would make source→target translatable."""
    packages = _translating(packages)
    have_from = sorted({p.to_code for p in packages if p.from_code == source} - {target})
    have_to = sorted({p.from_code for p in packages if p.to_code == target} - {source})
    options = [f"{source}→{target}"]
    options += [f"{pivot}→{target} (to go through your {source}→{pivot})" for pivot in have_from]
    options += [f"{source}→{pivot} (to go through your {pivot}→{target})" for pivot in have_to]
    if not have_from and not have_to and PIVOT_LANGUAGE not in (source, target):
        options.append(f"both {source}→{PIVOT_LANGUAGE} and {PIVOT_LANGUAGE}→{target}")
    return (
        f"no MT model for {source}→{target} is installed, directly or through another language; "
        f"install {', or '.join(options)} with `workbench models install FILE.argosmodel` "
        f"(README: \"Getting a model\")"
    )
