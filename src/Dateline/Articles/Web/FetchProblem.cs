using System.Net.Sockets;
using System.Security.Authentication;

namespace Dateline.Articles.Web;

/// <summary>Why a fetch produced no page, in words for the user.</summary>
/// <param name="Reason">The reason as reported in <see cref="SourceFetch.Failure"/>.</param>
/// <param name="DeadLink">The page is gone (404, 410, no such host): worth asking the Wayback Machine.</param>
/// <param name="Connection">The host itself cannot be reached or may not be (so its robots.txt cannot be either).</param>
internal sealed record FetchProblem(string Reason, bool DeadLink = false, bool Connection = false)
{
    /// <summary>Describes a transport failure; null for exceptions that are not about the fetch.</summary>
    public static FetchProblem? FromException(Exception exception, Uri url)
    {
        // Cancellation (a timeout, the caller, disposal) wraps whatever it interrupted, such as an
        // aborted socket: it is decided by whose token fired, not described as a network failure.
        if (exception is OperationCanceledException)
        {
            return null;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AddressRefusedException refused:
                    return new FetchProblem(refused.Message, Connection: true);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData }:
                    return new FetchProblem($"DNS: no such host {url.Host}", DeadLink: true, Connection: true);
                case SocketException { SocketErrorCode: SocketError.TryAgain }:
                    return new FetchProblem($"DNS: lookup of {url.Host} failed for now", Connection: true);
                case SocketException socket when exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }:
                    return new FetchProblem($"cannot connect to {url.Authority}: {socket.SocketErrorCode}", Connection: true);
                case SocketException socket:
                    return new FetchProblem($"connection to {url.Authority} broke: {socket.SocketErrorCode}");
                case AuthenticationException tls:
                    return new FetchProblem($"TLS failure with {url.Authority}: {tls.Message}", Connection: true);
                case InvalidDataException data:
                    return new FetchProblem($"undecodable response from {url.Authority}: {data.Message}");
                default:
                    break;
            }
        }

        return exception switch
        {
            HttpRequestException http => new FetchProblem($"network error with {url.Authority}: {http.Message}"),
            IOException io => new FetchProblem($"connection to {url.Authority} broke: {io.Message}"),
            _ => null,
        };
    }
}
