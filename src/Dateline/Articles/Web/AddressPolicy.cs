using System.Net;
using System.Net.Sockets;

namespace Dateline.Articles.Web;

/// <summary>
/// Which IP addresses a cited URL may make us connect to. Citations are untrusted input: a link
/// (or a redirect, or a DNS answer) pointing at loopback, the local network or a cloud metadata
/// service must not turn the fetcher into a probe of the machine it runs on.
/// </summary>
internal static class AddressPolicy
{
    // IPv4 ranges that are not the public internet (IANA special-purpose registry).
    private static readonly (IPNetwork Network, string Kind)[] V4Blocked =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), "reserved"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
    ];

    // Blocked IPv6 ranges inside global unicast (2000::/3); everything outside it is refused anyway.
    private static readonly (IPNetwork Network, string Kind)[] V6Blocked =
    [
        (IPNetwork.Parse("2001::/32"), "Teredo tunnel"),
        (IPNetwork.Parse("2001:10::/28"), "reserved"),
        (IPNetwork.Parse("2001:20::/28"), "reserved"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("3fff::/20"), "documentation"),
    ];

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork UniqueLocal = IPNetwork.Parse("fc00::/7");
    private static readonly IPNetwork LinkLocal = IPNetwork.Parse("fe80::/10");
    private static readonly IPNetwork SiteLocal = IPNetwork.Parse("fec0::/10");
    private static readonly IPNetwork Multicast = IPNetwork.Parse("ff00::/8");
    private static readonly IPNetwork V4Compatible = IPNetwork.Parse("::/96");

    /// <summary>Why the address is refused ("loopback", "private", …), or null when it is public.</summary>
    public static string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => V4Refusal(address),
            AddressFamily.InterNetworkV6 => V6Refusal(address),
            _ => "not an IP address",
        };
    }

    private static string? V4Refusal(IPAddress address)
    {
        foreach (var (network, kind) in V4Blocked)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return null;
    }

    private static string? V6Refusal(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6None))
        {
            return "unspecified";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback";
        }

        // Addresses that carry an IPv4 address reach whatever that address reaches: judge the IPv4.
        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded(address.MapToIPv4(), "IPv4-mapped");
        }

        if (Nat64.Contains(address))
        {
            return Embedded(LastFour(address), "NAT64");
        }

        if (SixToFour.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            return Embedded(new IPAddress(bytes.AsSpan(2, 4)), "6to4");
        }

        if (V4Compatible.Contains(address))
        {
            return "reserved (IPv4-compatible)";
        }

        if (UniqueLocal.Contains(address))
        {
            return "unique-local";
        }

        if (LinkLocal.Contains(address))
        {
            return "link-local";
        }

        if (SiteLocal.Contains(address))
        {
            return "site-local";
        }

        if (Multicast.Contains(address))
        {
            return "multicast";
        }

        if (!GlobalUnicast.Contains(address))
        {
            return "reserved";
        }

        foreach (var (network, kind) in V6Blocked)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return null;
    }

    private static string? Embedded(IPAddress v4, string form) =>
        V4Refusal(v4) is { } kind ? $"{form} {kind}" : null;

    private static IPAddress LastFour(IPAddress v6) => new(v6.GetAddressBytes().AsSpan(12, 4));
}
