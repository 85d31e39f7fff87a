using System.Net.Http.Headers;

namespace Dateline.Http;

/// <summary>The wait a 429 or 503 response asks for, from its Retry-After header.</summary>
internal static class RetryAfter
{
    /// <summary>The wait (never negative), or null when the header is absent or unreadable.</summary>
    public static TimeSpan? Of(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            // A date already past means "now"; clocks differ, so it is not an error.
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
