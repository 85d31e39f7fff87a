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
            // Starts go one at a time, each timed from the previous one's actual start, so a late
            // wake-up cannot bunch two requests together.
            await lane.Turn.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                if (lane.LastStart is { } last)
                {
                    var wait = spacing - time.GetElapsedTime(last);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, cancel).ConfigureAwait(false);
                    }
                }

                lane.LastStart = time.GetTimestamp();
            }
            finally
            {
                lane.Turn.Release();
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

        /// <summary>Held by the request whose start is being timed.</summary>
        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>When the last request started (a <see cref="TimeProvider"/> timestamp), if any did.</summary>
        public long? LastStart { get; set; }
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
