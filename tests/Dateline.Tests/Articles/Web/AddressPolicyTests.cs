using System.Net;
using Dateline.Articles.Web;

namespace Dateline.Tests.Articles.Web;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.254", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("192.0.2.10", "documentation")]
    [InlineData("198.18.0.1", "benchmarking")]
    public void Refuses_non_public_IPv4(string address, string kind) =>
        Assert.Equal(kind, AddressPolicy.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf:ffff::1", "link-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456:789a::1", "unique-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("::7f00:1", "reserved (IPv4-compatible)")]
    [InlineData("100::1", "reserved")]
    public void Refuses_non_public_IPv6(string address, string kind) =>
        Assert.Equal(kind, AddressPolicy.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped loopback")]
    [InlineData("::ffff:10.0.0.1", "IPv4-mapped private")]
    [InlineData("::ffff:169.254.169.254", "IPv4-mapped link-local")]
    [InlineData("::ffff:100.64.1.1", "IPv4-mapped carrier-grade NAT")]
    [InlineData("64:ff9b::c0a8:101", "NAT64 private")]
    [InlineData("2002:7f00:1::1", "6to4 loopback")]
    public void Judges_IPv6_forms_of_IPv4_by_the_IPv4_address(string address, string kind) =>
        Assert.Equal(kind, AddressPolicy.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Allows_public_addresses(string address) =>
        Assert.Null(AddressPolicy.Refusal(IPAddress.Parse(address)));
}
