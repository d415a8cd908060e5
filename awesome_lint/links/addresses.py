"""Which IP addresses the checker may connect to.

A list under review can hold any URL, and CI runners often sit next to a cloud
metadata service or an internal network. So only public addresses are
requested unless ``allow_private`` is set, and the metadata addresses never
are. The check runs on the address a connection is about to use (see
:mod:`awesome_lint.links.transport`), so it covers every redirect hop and
every DNS answer, with no window between the check and the connection.
"""

from __future__ import annotations

import ipaddress

# Instance metadata services (AWS, GCP, Azure, OpenStack; AWS on IPv6).
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
# NAT64 hands its embedded IPv4 address to the gateway, which connects to it.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, not global


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:  # the IPv4 address is where the connection ends up
            return _is_public(embedded)
    if ip in _SHARED:
        return False
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def refusal_reason(address: str, allow_private: bool) -> str | None:
    """Why a connection to ``address`` is refused, or None when it may go ahead."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"unparsable address {address}"
    embedded = _embedded_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else None
    if ip in METADATA_ADDRESSES or embedded in METADATA_ADDRESSES:
        return f"cloud metadata address {address}"
    if allow_private or _is_public(ip):
        return None
    return f"private address {address} (use --allow-private)"
