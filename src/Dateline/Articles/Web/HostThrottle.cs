using System.Collections.Concurrent;

namespace Dateline.Articles.Web;

/// <summary>
/// Politeness towards each site: at most a few requests at once per host, and their starts spaced
/// by a fixed delay, whatever the global concurrency. A news archive cites the same few outlets
/// thousands of times; without this the fetcher would hammer them.
/// </summary>
internal sealed class HostThrottle(int perHost, TimeSpan spacing, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lane> lanes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for a slot on the host (and for its turn); dispose the lease when the request is done.</summary>
    public async Task<IDisposable> EnterAsync(string host, CancellationToken cancel)
    {
        var lane = lanes.GetOrAdd(host, _ => new Lane(perHost));
        await lane.Slots.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            TimeSpan wait;
            lock (lane)
            {
                // Book the next start time under the lock so concurrent callers queue up in turn.
                var now = time.GetUtcNow();
                var start = lane.NextStart > now ? lane.NextStart : now;
                lane.NextStart = start + spacing;
                wait = start - now;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancel).ConfigureAwait(false);
            }

            return new Lease(lane.Slots);
        }
        catch
        {
            lane.Slots.Release();
            throw;
        }
    }

    private sealed class Lane(int slots)
    {
        public SemaphoreSlim Slots { get; } = new(slots, slots);

        public DateTimeOffset NextStart { get; set; } = DateTimeOffset.MinValue;
    }
}

/// <summary>Gives a semaphore slot back exactly once.</summary>
internal sealed class Lease(SemaphoreSlim slots) : IDisposable
{
    private int released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            slots.Release();
        }
    }
}
