using Dateline.Articles.Web;

namespace Dateline.Tests.Articles.Web;

public sealed class HostThrottleTests
{
    /// <summary>Enters the throttle from many tasks at once and reports the most leases held at the same time per host.</summary>
    private static async Task<Dictionary<string, int>> MostAtOnceAsync(HostThrottle throttle, string[] hosts)
    {
        var holding = hosts.Distinct().ToDictionary(h => h, _ => new int[2]);
        await Task.WhenAll(hosts.Select(host => Task.Run(async () =>
        {
            using var lease = await throttle.EnterAsync(host, CancellationToken.None);
            var counts = holding[host];
            int now = Interlocked.Increment(ref counts[0]);
            lock (counts)
            {
                counts[1] = Math.Max(counts[1], now);
            }

            await Task.Delay(30);
            Interlocked.Decrement(ref counts[0]);
        })));
        return holding.ToDictionary(pair => pair.Key, pair => pair.Value[1]);
    }

    [Fact]
    public async Task Lets_PerHost_requests_in_at_once_for_each_host_independently()
    {
        var throttle = new HostThrottle(2, TimeSpan.Zero, TimeProvider.System);
        var hosts = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? "a.example" : "B.example").ToArray();

        var most = await MostAtOnceAsync(throttle, hosts);

        Assert.Equal(2, most["a.example"]);
        Assert.Equal(2, most["B.example"]);
    }

    [Fact]
    public async Task Gives_a_slot_back_when_a_wait_is_cancelled()
    {
        // A pause far longer than the 20 ms wait, so that a stalled machine cannot let the
        // waiter through before it gives up (a 200 ms pause once did, under heavy disk load).
        var throttle = new HostThrottle(1, TimeSpan.FromSeconds(2), TimeProvider.System);
        using (await throttle.EnterAsync("a.example", CancellationToken.None))
        {
        }

        // The next start is 2 s away: this caller gives up waiting for it...
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => throttle.EnterAsync("a.example", cancel.Token));

        // ...and the only slot must not stay taken.
        using var lease = await throttle.EnterAsync("a.example", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
