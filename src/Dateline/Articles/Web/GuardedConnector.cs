using System.Net;
using System.Net.Sockets;

namespace Dateline.Articles.Web;

/// <summary>
/// The connect step of the HTTP handler: resolves the host itself, checks every address against
/// <see cref="AddressPolicy"/> and connects only to an allowed one. Checking here rather than on
/// the URL means every connection is covered — first request, each redirect hop, robots.txt, the
/// Wayback lookup — and the address checked is the address connected to, so a DNS answer that
/// changes between a check and the connect (rebinding) cannot slip through.
/// </summary>
internal sealed class GuardedConnector(bool allowPrivate, WebFetchHooks hooks)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancel)
    {
        var target = context.DnsEndPoint;
        var addresses = await ResolveAsync(target.Host, cancel).ConfigureAwait(false);
        var allowed = addresses.Where(address => IsAllowed(address, target.Port)).ToArray();
        if (allowed.Length == 0)
        {
            var refused = addresses[0];
            throw new AddressRefusedException(
                $"refused {AddressPolicy.Refusal(refused) ?? "disallowed"} address {refused} for host {target.Host}");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, target.Port), cancel).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                // Try the host's next allowed address, as a browser would.
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private bool IsAllowed(IPAddress address, int port) =>
        allowPrivate
        || AddressPolicy.Refusal(address) is null
        || (hooks.ExemptEndPoint?.Invoke(new IPEndPoint(address, port)) ?? false);

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancel)
    {
        // An IPv6 literal may arrive with its URL brackets.
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var literal))
        {
            return [literal];
        }

        var resolve = hooks.Resolve ?? Dns.GetHostAddressesAsync;
        var addresses = await resolve(bare, cancel).ConfigureAwait(false);
        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.NoData);
    }
}

/// <summary>The connection was refused by <see cref="AddressPolicy"/>.</summary>
internal sealed class AddressRefusedException(string message) : IOException(message);
