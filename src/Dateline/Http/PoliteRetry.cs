using Polly;
using Polly.Retry;

namespace Dateline.Http;

/// <summary>An answer the retry can judge: whether the server asked to be asked again, and when.</summary>
internal interface IRetryable
{
    /// <summary>The server said "not now" (429, 5xx, the wiki's maxlag) or the attempt broke off in a way that passes.</summary>
    bool IsRetryable { get; }

    /// <summary>How long the server asked us to wait (its Retry-After), if it said.</summary>
    TimeSpan? RetryAfter { get; }
}

/// <summary>How often and how patiently a refused request is asked again.</summary>
/// <param name="MaxRetries">Retries after the first attempt (0: none).</param>
/// <param name="FirstDelay">The wait before the first retry when the server names none; it doubles each retry.</param>
/// <param name="MaxWait">The longest wait accepted: a Retry-After asking for more ends the retries instead of being shortened.</param>
internal sealed record RetryRules(int MaxRetries, TimeSpan FirstDelay, TimeSpan MaxWait)
{
    /// <summary>Spread the backoff randomly, so many clients refused at once do not come back at once.</summary>
    public bool Jitter { get; init; }

    /// <summary>How long one attempt may take, body included; none when the caller keeps a budget of its own.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>
    /// The wait the server asked for when it is more than <see cref="MaxWait"/>: coming back sooner
    /// than asked would be rude and likely refused again, so such an answer is final.
    /// </summary>
    public TimeSpan? TooLongWait(IRetryable answer) =>
        answer is { IsRetryable: true, RetryAfter: { } wait } && wait > MaxWait ? wait : null;
}

/// <summary>
/// The one retry pipeline of Dateline's HTTP clients (the wiki's API and the cited sources):
/// exponential backoff from <see cref="RetryRules.FirstDelay"/> up to <see cref="RetryRules.MaxWait"/>,
/// the server's Retry-After preferred to our guess, an answer asking for more than the cap final,
/// and each attempt under its own timeout when the rules give one.
/// </summary>
internal static class PoliteRetry
{
    /// <param name="rules">How often and how long.</param>
    /// <param name="waits">The clock the waits between attempts are measured on (tests skip them).</param>
    /// <param name="retryOn">Exceptions worth another attempt (a dropped connection); others end the request.</param>
    public static ResiliencePipeline<T> Build<T>(RetryRules rules, TimeProvider waits, Func<Exception, bool>? retryOn = null)
        where T : IRetryable
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegative(rules.MaxRetries);
        var builder = new ResiliencePipelineBuilder<T> { TimeProvider = waits };
        if (rules.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = rules.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = rules.Jitter,
                Delay = rules.FirstDelay,
                MaxDelay = rules.MaxWait,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: { } exception } => retryOn?.Invoke(exception) ?? false,
                    { Result: { } answer } => answer.IsRetryable && rules.TooLongWait(answer) is null,
                    _ => false,
                }),

                // The server's own estimate beats our guess; without one, back off exponentially.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            });
        }

        if (rules.AttemptTimeout is { } limit)
        {
            // Inside the retry, so each attempt gets the whole limit; on the system clock whatever
            // the waits are measured on, so a test that skips the waits keeps its timeouts.
            builder.AddPipeline(new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System }.AddTimeout(limit).Build());
        }

        return builder.Build();
    }
}
