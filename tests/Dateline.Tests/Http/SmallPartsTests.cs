using System.Net.Http.Headers;
using System.Text;
using Dateline.Http;

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

    /// <summary>Hands out a few bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] content, int chunk) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
