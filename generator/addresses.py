"""Which URLs and IP addresses lead into a local or private network (pure functions, no DNS)."""
from __future__ import annotations

import ipaddress
import re
import urllib.parse


def forbidden_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, link-local, private, shared, reserved, multicast, unspecified: anything not globally routable."""
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    return not ip.is_global or ip.is_multicast


# Host names that never leave the local network (no DNS needed to know it).
_LOCAL_NAMES = re.compile(r"(?i)(?:^localhost$|\.localhost$|\.local$|\.lan$|\.internal$|\.intranet$|\.home\.arpa$|"
                          r"\.fritz\.box$|^[^.]+$)")


def is_local_url(url: str) -> bool:
    """True for http(s) URLs whose host is a non-public IP address or a name that only works locally
    (localhost, *.local, a name without a dot …). Offline: names are not resolved here."""
    try:
        host = urllib.parse.urlsplit(url).hostname
    except ValueError:
        return False
    if not host:
        return False
    try:
        return forbidden_address(ipaddress.ip_address(host))
    except ValueError:
        return bool(_LOCAL_NAMES.search(host.rstrip(".")))
