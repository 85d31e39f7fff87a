using System.Net;
using System.Reflection;

namespace Dateline.Http;

/// <summary>
/// What every Dateline HTTP client shares below the retries: the product it names in its
/// User-Agent, a transport that follows no redirect and keeps no cookie, and a client whose only
/// time limits are the caller's (an HttpClient timeout would cut retries and waits short).
/// </summary>
internal static class PoliteTransport
{
    /// <summary>The product token sites see, and the one a robots.txt group names to address Dateline.</summary>
    public const string ProductToken = "Dateline";

    /// <summary><c>Dateline/{version}</c>, what a User-Agent names before the operator's contact.</summary>
    public static string Product { get; } = $"{ProductToken}/{FindVersion()}";

    /// <summary>
    /// A transport for one kind of client: no redirect followed (each client decides what a
    /// redirect means: a hop to check, or an error naming where it leads), compressed answers
    /// decoded, no cookies (no site learns what else was asked), connections re-made now and
    /// then so DNS changes are seen.
    /// </summary>
    public static SocketsHttpHandler Handler(int connectionsPerServer, TimeSpan connectTimeout, TimeSpan connectionLifetime) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = connectTimeout,
        MaxConnectionsPerServer = connectionsPerServer,
        PooledConnectionLifetime = connectionLifetime,
        UseCookies = false,
    };

    /// <summary>
    /// A client sending <paramref name="userAgent"/> and <paramref name="accept"/> on every request,
    /// or an <see cref="ArgumentException"/> (for <paramref name="parameterName"/>) when the User-Agent
    /// is not one HTTP can carry.
    /// </summary>
    public static HttpClient Client(HttpMessageHandler handler, bool disposeHandler, string userAgent, string accept, string parameterName)
    {
        var client = new HttpClient(handler, disposeHandler) { Timeout = Timeout.InfiniteTimeSpan };
        if (!client.DefaultRequestHeaders.UserAgent.TryParseAdd(userAgent))
        {
            client.Dispose();
            throw new ArgumentException($"The contact in the User-Agent \"{userAgent}\" cannot be written in an HTTP header.", parameterName);
        }

        client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        return client;
    }

    private static string FindVersion()
    {
        var assembly = typeof(PoliteTransport).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        // Build metadata (+commit) means nothing to a site's or the wiki's operators.
        return informational is { Length: > 0 }
            ? informational.Split('+')[0]
            : assembly.GetName().Version?.ToString(3) ?? "0";
    }
}
