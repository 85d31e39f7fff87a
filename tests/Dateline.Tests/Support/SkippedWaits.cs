namespace Dateline.Tests.Support;

/// <summary>
/// A clock whose timers fire at once, noting how long each was set for: a client's waits between
/// retries are seen without being slept. Only for what waits on it (the retry pipeline's waits);
/// timeouts run on the system clock.
/// </summary>
internal sealed class SkippedWaits(List<TimeSpan> waits) : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (waits)
        {
            waits.Add(dueTime);
        }

        var timer = new Fired();

        // Queued, not called here: the caller (Task.Delay) keeps the timer before its callback may run.
        ThreadPool.QueueUserWorkItem(_ =>
        {
            if (!timer.Disposed)
            {
                callback(state);
            }
        });
        return timer;
    }

    private sealed class Fired : ITimer
    {
        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
