using System.Net;

namespace Dateline.Articles.Web;

/// <summary>
/// Seams for tests that must not touch real DNS: a stand-in resolver (to simulate dead or slow
/// hosts) and endpoints exempt from the address policy (so a loopback server can play a public
/// site while another loopback server still counts as private).
/// </summary>
internal sealed record WebFetchHooks
{
    public static WebFetchHooks None { get; } = new();

    public Func<string, CancellationToken, Task<IPAddress[]>>? Resolve { get; init; }

    public Func<IPEndPoint, bool>? ExemptEndPoint { get; init; }
}
