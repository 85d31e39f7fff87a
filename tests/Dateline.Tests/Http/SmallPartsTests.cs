using System.Net.Http.Headers;
using System.Text;
using Dateline.Http;
using Dateline.Tests.Support;

namespace Dateline.Tests.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reads_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfter.Of(RetryConditionHeaderValue.Parse("120"), Now));

    [Fact]
    public void Reads_an_HTTP_date_as_the_time_left_until_it() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Of(RetryConditionHeaderValue.Parse("Wed, 25 Nov 2026 12:01:30 GMT"), Now));

    [Fact]
    public void A_date_in_the_past_means_now() =>
        Assert.Equal(TimeSpan.Zero, RetryAfter.Of(RetryConditionHeaderValue.Parse("Wed, 25 Nov 2026 11:00:00 GMT"), Now));

    [Fact]
    public void No_header_means_no_advice() => Assert.Null(RetryAfter.Of(null, Now));
}

public sealed class CappedBodyTests
{
    [Fact]
    public async Task Stops_after_the_head_even_when_the_marker_is_split_between_reads()
    {
        var html = "<html><head><title>x</title></HEAD><body>" + new string('x', 100_000) + "</body></html>";
        using var stream = new TrickleStream(Encoding.ASCII.GetBytes(html), chunk: 3);
        var body = await CappedBody.ReadAsync(stream, 1_000_000, stopAfterHead: true, CancellationToken.None);
        var text = Encoding.ASCII.GetString(body);
        Assert.Contains("</HEAD>", text, StringComparison.Ordinal);
        Assert.True(body.Length < 60, $"read {body.Length} bytes");
    }

    [Fact]
    public async Task Reads_everything_below_the_cap_and_no_more_than_the_cap()
    {
        var bytes = new byte[50_000];
        Random.Shared.NextBytes(bytes);
        using (var small = new MemoryStream(bytes))
        {
            Assert.Equal(bytes, await CappedBody.ReadAsync(small, 1_000_000, stopAfterHead: false, CancellationToken.None));
        }

        using var large = new MemoryStream(bytes);
        var capped = await CappedBody.ReadAsync(large, 12_345, stopAfterHead: true, CancellationToken.None);
        Assert.Equal(bytes.AsSpan(0, 12_345).ToArray(), capped);
    }

    [Fact]
    public async Task A_whole_body_is_read_up_to_its_limit_and_refused_beyond_it()
    {
        var bytes = new byte[10_000];
        Random.Shared.NextBytes(bytes);
        using (var exact = new TrickleStream(bytes, chunk: 777))
        {
            Assert.Equal(bytes, await CappedBody.ReadWholeAsync(exact, 10_000, CancellationToken.None));
        }

        using var larger = new TrickleStream(bytes, chunk: 777);
        Assert.Null(await CappedBody.ReadWholeAsync(larger, 9_999, CancellationToken.None));
    }

    /// <summary>Hands out a few bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] content, int chunk) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}

public sealed class PoliteRetryTests
{
    private static readonly RetryRules Rules = new(MaxRetries: 3, FirstDelay: TimeSpan.FromSeconds(1), MaxWait: TimeSpan.FromSeconds(5));

    [Fact]
    public async Task Retry_After_is_preferred_to_the_backoff_and_the_backoff_doubles_up_to_the_cap()
    {
        var waits = new List<TimeSpan>();
        var answers = new Queue<Answer>([new(true, TimeSpan.FromSeconds(4)), new(true, null), new(true, null), new(false, null)]);
        var pipeline = PoliteRetry.Build<Answer>(Rules with { FirstDelay = TimeSpan.FromSeconds(3) }, new SkippedWaits(waits));

        var last = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(answers.Dequeue()), CancellationToken.None);

        Assert.False(last.IsRetryable);
        Assert.Equal([TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], waits);
    }

    [Fact]
    public async Task A_wait_beyond_the_cap_is_final_and_named()
    {
        var waits = new List<TimeSpan>();
        int attempts = 0;
        var pipeline = PoliteRetry.Build<Answer>(Rules, new SkippedWaits(waits));

        var last = await pipeline.ExecuteAsync(_ => { attempts++; return ValueTask.FromResult(new Answer(true, TimeSpan.FromMinutes(1))); }, CancellationToken.None);

        Assert.Equal(1, attempts);
        Assert.Empty(waits);
        Assert.Equal(TimeSpan.FromMinutes(1), Rules.TooLongWait(last));
        Assert.Null(Rules.TooLongWait(new Answer(true, TimeSpan.FromSeconds(5))));
        Assert.Null(Rules.TooLongWait(new Answer(false, TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public async Task Only_the_exceptions_named_are_retried()
    {
        int attempts = 0;
        var pipeline = PoliteRetry.Build<Answer>(Rules, new SkippedWaits([]), e => e is IOException);

        var answer = await pipeline.ExecuteAsync(_ => ++attempts < 3 ? throw new IOException("dropped") : ValueTask.FromResult(new Answer(false, null)), CancellationToken.None);
        Assert.Equal(3, attempts);
        Assert.False(answer.IsRetryable);

        attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await pipeline.ExecuteAsync<Answer>(_ => { attempts++; throw new InvalidOperationException(); }, CancellationToken.None));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task No_retries_means_one_attempt()
    {
        int attempts = 0;
        var pipeline = PoliteRetry.Build<Answer>(Rules with { MaxRetries = 0 }, new SkippedWaits([]));

        var answer = await pipeline.ExecuteAsync(_ => { attempts++; return ValueTask.FromResult(new Answer(true, null)); }, CancellationToken.None);

        Assert.True(answer.IsRetryable);
        Assert.Equal(1, attempts);
    }

    internal sealed record Answer(bool IsRetryable, TimeSpan? RetryAfter) : IRetryable;
}
