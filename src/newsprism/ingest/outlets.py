"""Which outlet an article is from: its URL's registered domain, through a built-in table.

The table (`outlets.csv` beside this module, written for newsprism) lists major English-language
outlets as name, domain, country. A URL is matched on its host and then on each parent domain
down to the registered domain, so "edition.cnn.com" is CNN and "uk.news.yahoo.com" is Yahoo News
while "finance.yahoo.com" is the bare "yahoo.com". Registered domains come from the Public
Suffix List bundled with the `tld` package (offline; no network), so "bbc.co.uk" and
"smh.com.au" are split at the right place.

Precedence in `resolve_outlet`: an outlet the source declares (a record's outlet field) wins,
mapped through the table when it is a domain or a known name; then the table's name for the
URL; then a site name the page declares (og:site_name, a JSON-LD publisher, a feed's link);
then the URL's bare registered domain; else "unknown". The table comes before the site name
because it names the outlet the same way on every page, while site names vary ("The
Guardian", "the Guardian", "Guardian US"); the site name comes before the bare domain because
"Connecticut Post" names the outlet and "ctpost.com" only its address.
"""

from __future__ import annotations

import csv
import functools
import ipaddress
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from newsprism.errors import ConfigError

UNKNOWN = "unknown"

# Host prefixes that are the same site in another dress (mobile, AMP, "www").
_SAME_SITE_PREFIXES = ("www.", "www1.", "www2.", "amp.", "m.", "mobile.")
_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)*$|^[0-9a-f:]+$")
_DOMAIN_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?[\w-]+(?:\.[\w-]+)+(?:[:/].*)?$", re.I)


@dataclass(frozen=True, slots=True)
class OutletEntry:
    """One row of the built-in outlet table."""

    name: str
    domain: str
    country: str


def _entries(rows: Iterable[Mapping[str, str | None]]) -> tuple[OutletEntry, ...]:
    return tuple(
        OutletEntry(
            (row.get("name") or "").strip(),
            (row.get("domain") or "").strip().lower(),
            (row.get("country") or "").strip(),
        )
        for row in rows
        if (row.get("name") or "").strip() and (row.get("domain") or "").strip()
    )


@functools.lru_cache(maxsize=1)
def outlet_table() -> tuple[OutletEntry, ...]:
    """The built-in outlets (name, domain, ISO country code), as shipped with newsprism."""
    text = resources.files("newsprism.ingest").joinpath("outlets.csv").read_text("utf-8")
    return _entries(csv.DictReader(text.splitlines()))


@functools.lru_cache(maxsize=8)
def user_outlets(path: str) -> dict[str, str]:
    """Domain -> name from a user's outlets file (CSV with columns name, domain[, country]).

    It extends the built-in table (setting `outlets_file`): the user's names win.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Outlets file {path} cannot be read: {exc}") from exc
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or not {"name", "domain"} <= set(reader.fieldnames):
        raise ConfigError(
            f"Outlets file {path} needs a header row with the columns name,domain[,country]."
        )
    return {entry.domain: entry.name for entry in _entries(reader)}


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=1)
def _by_domain() -> dict[str, OutletEntry]:
    return {entry.domain: entry for entry in outlet_table()}


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in outlet_table():
        for key in _name_keys(entry.name):
            names.setdefault(key, entry.name)
    # "usatoday", "huffpost": the domain's own label names the outlet too.
    for entry in outlet_table():
        names.setdefault(_compact(entry.domain.split(".")[0]), entry.name)
    return names


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", text)


def _name_keys(name: str) -> tuple[str, ...]:
    """Forms of a name that mean the same outlet: "The Huffington Post", "huffington post",
    "huff-post" and "HuffPost" by their letters alone."""
    folded = " ".join(name.casefold().split())
    bare = folded[4:] if folded.startswith("the ") else folded
    return (folded, bare, _compact(bare))


def host_of(url_or_host: str) -> str | None:
    """The lower-case host of a URL or bare host name, without port, user or trailing dot."""
    text = url_or_host.strip()
    if not text:
        return None
    if "://" not in text:
        text = "http://" + text.lstrip("/")
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    host = (host or "").rstrip(".").lower()
    return host if host and _HOST.match(host) else None


def registered_domain(url_or_host: str) -> str | None:
    """The registrable domain ("bbc.co.uk" for "https://www.bbc.co.uk/news"), or None.

    IP addresses and single-label hosts ("localhost") are returned as they are: they name
    the site even though no registry does.
    """
    host = host_of(url_or_host)
    if host is None:
        return None
    if _is_ip(host) or "." not in host:
        return host
    from tld import get_fld

    found = get_fld(host, fix_protocol=True, fail_silently=True)
    if isinstance(found, str) and found:
        return found.lower()
    # A top-level domain the Public Suffix List does not know: a reserved one (.example,
    # .test, .localhost) or an intranet's (.local, .internal). Its last two labels name the
    # site, as they would under a one-label suffix.
    labels = [label for label in host.split(".") if label]
    if labels and labels[0] in ("www", "amp", "m", "mobile"):
        labels = labels[1:]
    return ".".join(labels[-2:]) if len(labels) >= 2 else None


def known_outlet(url_or_host: str) -> OutletEntry | None:
    """The table's entry for this URL or host (host, then each parent domain), or None."""
    host = host_of(url_or_host)
    if host is None:
        return None
    for prefix in _SAME_SITE_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return _lookup(host, _by_domain())


T = TypeVar("T")


def _lookup(host: str, table: Mapping[str, T]) -> T | None:
    """The table's value for the host or its nearest parent domain ("a.b.c", "b.c"), or None."""
    labels = host.split(".")
    for start in range(len(labels) - 1):
        value = table.get(".".join(labels[start:]))
        if value is not None:
            return value
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its table name, else its registered domain; None if no URL."""
    if not url:
        return None
    entry = known_outlet(url)
    if entry is not None:
        return entry.name
    return registered_domain(url)


def outlet_from_name(name: str | None) -> str | None:
    """A declared outlet as the table names it: a domain or a known name mapped, else as given."""
    if not name:
        return None
    text = " ".join(name.split())
    if not text:
        return None
    if _DOMAIN_LIKE.match(text) and " " not in text:
        return outlet_from_url(text)
    for key in _name_keys(text):
        canonical = _by_name().get(key)
        if canonical is not None:
            return canonical
    return text


def known_outlet_name(name: str) -> str | None:
    """The table's name for an outlet named in text ("the New York Times", "Reuters"), or
    None when the table does not know it."""
    text = " ".join(name.split())
    if not text:
        return None
    for key in _name_keys(text):
        canonical = _by_name().get(key)
        if canonical is not None:
            return canonical
    return None


def resolve_outlet(
    url: str | None = None,
    declared: str | None = None,
    site_name: str | None = None,
    extra: Mapping[str, str] | None = None,
) -> str:
    """The outlet of an article: declared outlet, else the table's name for the URL, else the
    site name the page or feed declares, else the URL's bare domain, else "unknown".

    `extra` (domain -> name, from `user_outlets`) names domains before the built-in table does.
    """
    if extra and not declared and url:
        host = host_of(url)
        name = _lookup(host, extra) if host else None
        if name is not None:
            return name
    entry = known_outlet(url) if url else None
    return (
        outlet_from_name(declared)
        or (entry.name if entry else None)
        or outlet_from_name(site_name)
        or registered_domain(url or "")
        or UNKNOWN
    )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


_PARENTHESISED = re.compile(r"\s*\([^)]*\)\s*$")


def _outlet_keys(name: str) -> set[str]:
    """Every form under which a user may ask for an outlet: its name in any case and spacing,
    without a trailing "(Online News)", without "The", its table name, its domain's label."""
    keys: set[str] = set()
    for form in {name, _PARENTHESISED.sub("", name)}:
        if not form.strip():
            continue
        keys.update(_name_keys(form))
        domain = registered_domain(form) if _DOMAIN_LIKE.match(form.strip()) else None
        if domain:
            keys.add(_compact(domain.split(".")[0]))
        canonical = outlet_from_name(form)
        if canonical:
            keys.update(_name_keys(canonical))
    return {key for key in keys if key}


def match_outlets(query: str, names: Iterable[str]) -> list[str]:
    """The stored outlet names a user's `--outlet` means, matched case-insensitively by name,
    alias (the table's name, a name without its parenthesis) or domain ("cnn.com")."""
    wanted = _outlet_keys(query)
    return [name for name in names if wanted & _outlet_keys(name)]


def similar_outlets(query: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """Stored outlet names that look like a mistyped `query`, closest first."""
    from rapidfuzz import fuzz, process

    choices = list(names)
    found = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
    return [choices[index] for _, _, index in found]
