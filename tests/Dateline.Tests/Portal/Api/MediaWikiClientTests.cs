using Dateline.Portal.Api;
using Dateline.Tests.Support;

namespace Dateline.Tests.Portal.Api;

/// <summary>The client's etiquette and error handling, as the fake wiki sees them on the wire.</summary>
public sealed class MediaWikiClientTests : IAsyncLifetime
{
    public const string Contact = "ops@dateline.test";

    private FakeWiki wiki = null!;

    public async Task InitializeAsync() => wiki = await FakeWiki.StartAsync();

    public async Task DisposeAsync() => await wiki.DisposeAsync();

    /// <summary>A client for the fake whose waits are recorded instead of slept.</summary>
    internal static MediaWikiClient ClientFor(FakeWiki wiki, List<TimeSpan> waits, Func<MediaWikiOptions, MediaWikiOptions>? adjust = null)
    {
        var options = new MediaWikiOptions { Endpoint = wiki.Endpoint, Contact = Contact };
        return new MediaWikiClient(adjust?.Invoke(options) ?? options, handler: null, new SkippedWaits(waits));
    }

    private static Task<Dictionary<string, PageInfo>> InfoAsync(MediaWikiClient client, params string[] titles) =>
        WikiQueries.LatestRevisionsAsync(client, titles);

    [Fact]
    public async Task Every_request_names_Dateline_and_its_contact_asks_for_gzip_and_sends_maxlag()
    {
        wiki.Save("Alpha", "text");
        var waits = new List<TimeSpan>();
        using var client = ClientFor(wiki, waits);

        var info = await InfoAsync(client, "Alpha", "Beta");

        Assert.Equal(1001, info["Alpha"].LastRevisionId);
        Assert.True(info["Beta"].Missing);
        var request = Assert.Single(wiki.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Matches(@"^Dateline/\d+\.\d+\.\d+ \(\+ops@dateline\.test\)$", request.UserAgent);
        Assert.Contains("gzip", request.AcceptEncoding, StringComparison.Ordinal);
        Assert.Equal("5", request.Get("maxlag"));
        Assert.Equal("2", request.Get("formatversion"));
        Assert.Equal("json", request.Get("format"));
        Assert.Empty(waits);
    }

    [Fact]
    public async Task A_maxlag_refusal_is_waited_out_for_as_long_as_Retry_After_says_then_retried()
    {
        wiki.Save("Alpha", "text");
        wiki.LagOnce(seconds: 3);
        wiki.LagOnce(seconds: 4);
        var waits = new List<TimeSpan>();
        using var client = ClientFor(wiki, waits);

        var info = await InfoAsync(client, "Alpha");

        Assert.NotNull(info["Alpha"].LastRevisionId);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)], waits);
        Assert.Equal(3, wiki.Requests.Count);
    }

    [Fact]
    public async Task A_503_is_retried_after_its_Retry_After_and_without_one_after_a_doubling_backoff()
    {
        wiki.Save("Alpha", "text");
        wiki.FailOnce(503, retryAfter: 2);
        wiki.FailOnce(503);
        wiki.FailOnce(429);
        var waits = new List<TimeSpan>();
        using var client = ClientFor(wiki, waits, o => o with { RetryDelay = TimeSpan.FromSeconds(1) });

        var info = await InfoAsync(client, "Alpha");

        Assert.NotNull(info["Alpha"].LastRevisionId);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);
    }

    [Fact]
    public async Task The_retries_go_through_the_shared_pipeline_Retry_After_honoured_and_backoff_capped()
    {
        wiki.Save("Alpha", "text");
        wiki.FailOnce(503, retryAfter: 3);
        wiki.FailOnce(503);
        wiki.FailOnce(429);
        var waits = new List<TimeSpan>();

        // The waits are the pipeline's, on its clock: 3 s as asked (the cap itself), then 2 s
        // doubled to 4 s and 8 s, each cut to the 3 s cap.
        using var client = ClientFor(wiki, waits, o => o with { RetryDelay = TimeSpan.FromSeconds(2), MaxRetryWait = TimeSpan.FromSeconds(3) });

        var info = await InfoAsync(client, "Alpha");

        Assert.Equal(1001, info["Alpha"].LastRevisionId);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], waits);
        Assert.Equal(4, wiki.Requests.Count);
        Assert.Equal(4, client.Requests);
    }

    [Fact]
    public async Task A_503_with_Retry_After_is_really_waited_out_then_answered()
    {
        wiki.Save("Alpha", "text");
        wiki.FailOnce(503, retryAfter: 1);
        using var client = new MediaWikiClient(new MediaWikiOptions { Endpoint = wiki.Endpoint, Contact = Contact });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var info = await InfoAsync(client, "Alpha");

        Assert.Equal(1001, info["Alpha"].LastRevisionId);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"answered after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(2, wiki.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_that_hangs_times_out_and_is_tried_again()
    {
        wiki.Save("Alpha", "text");
        wiki.StallOnce(TimeSpan.FromSeconds(30));
        var waits = new List<TimeSpan>();
        using var client = ClientFor(wiki, waits, o => o with { RequestTimeout = TimeSpan.FromMilliseconds(300), RetryDelay = TimeSpan.FromSeconds(1) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var info = await InfoAsync(client, "Alpha");

        Assert.Equal(1001, info["Alpha"].LastRevisionId);
        Assert.Equal([TimeSpan.FromSeconds(1)], waits);
        Assert.Equal(2, wiki.Requests.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_attempt_that_keeps_hanging_is_reported_as_a_timeout()
    {
        wiki.StallOnce(TimeSpan.FromSeconds(30));
        using var client = ClientFor(wiki, [], o => o with { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0 });

        var e = await Assert.ThrowsAsync<MediaWikiException>(() => InfoAsync(client, "Alpha"));

        Assert.Equal($"no answer from {wiki.Endpoint.Authority} within 0.3 s", e.Message);
    }

    [Fact]
    public async Task A_wiki_that_stays_down_is_reported_after_the_retries()
    {
        for (int i = 0; i < 10; i++)
        {
            wiki.FailOnce(503, retryAfter: 1);
        }

        var waits = new List<TimeSpan>();
        using var client = ClientFor(wiki, waits, o => o with { MaxRetries = 2 });

        var e = await Assert.ThrowsAsync<MediaWikiException>(() => InfoAsync(client, "Alpha"));

        Assert.Contains("HTTP 503", e.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 retries", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, wiki.Requests.Count);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_cap_ends_the_retries_instead_of_being_shortened()
    {
        wiki.FailOnce(503, retryAfter: 3600);
        var waits = new List<TimeSpan>();
        using var client = ClientFor(wiki, waits);

        var e = await Assert.ThrowsAsync<MediaWikiException>(() => InfoAsync(client, "Alpha"));

        Assert.Contains("3600 s", e.Message, StringComparison.Ordinal);
        Assert.Empty(waits);
        Assert.Single(wiki.Requests);
    }

    [Fact]
    public async Task An_error_object_is_reported_with_its_code_and_not_retried()
    {
        wiki.ErrorFor = _ => "readapidenied";
        var waits = new List<TimeSpan>();
        using var client = ClientFor(wiki, waits);

        var e = await Assert.ThrowsAsync<MediaWikiException>(() => InfoAsync(client, "Alpha"));

        Assert.Equal("readapidenied", e.Code);
        Assert.Contains("readapidenied", e.Message, StringComparison.Ordinal);
        Assert.Single(wiki.Requests);
    }

    [Fact]
    public async Task An_answer_that_is_not_JSON_is_reported_as_such()
    {
        wiki.GarbleOnce();
        var waits = new List<TimeSpan>();
        using var client = ClientFor(wiki, waits);

        var e = await Assert.ThrowsAsync<MediaWikiException>(() => InfoAsync(client, "Alpha"));

        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_request_is_sent_as_a_POST_form()
    {
        var titles = Enumerable.Range(0, 50).Select(i => $"A rather long entity title number {i} about something").ToArray();
        var waits = new List<TimeSpan>();
        using var client = ClientFor(wiki, waits);

        var info = await WikiQueries.LatestRevisionsAsync(client, titles);

        Assert.All(titles, t => Assert.True(info[t].Missing));
        var request = Assert.Single(wiki.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(titles, request.Titles);
        Assert.Equal("5", request.Get("maxlag"));
    }

    [Fact]
    public async Task Requests_go_one_at_a_time_even_when_asked_for_at_once()
    {
        wiki.Save("Alpha", "text");
        var waits = new List<TimeSpan>();
        using var client = ClientFor(wiki, waits);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => InfoAsync(client, "Alpha"))));

        Assert.Equal(8, wiki.Requests.Count);
        Assert.Equal(1, wiki.MostInFlight);
    }

    [Fact]
    public void No_client_without_a_contact()
    {
        var e = Assert.Throws<ArgumentException>(() => new MediaWikiClient(new MediaWikiOptions { Contact = " " }));

        Assert.Contains("contact", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(302, false)]
    [InlineData(307, true)]
    public async Task A_redirect_is_not_followed_and_its_Location_is_named(int status, bool post)
    {
        await using var elsewhere = await FakeWiki.StartAsync();
        elsewhere.Save("Alpha", "another wiki's text");
        wiki.Save("Alpha", "text");
        var location = new Uri(elsewhere.Endpoint, "?action=query&from=redirect");
        wiki.RedirectOnce(location, status);
        using var client = ClientFor(wiki, [], o => o with { MaxGetLength = post ? 10 : 2000 });

        var e = await Assert.ThrowsAsync<MediaWikiException>(() => InfoAsync(client, "Alpha"));

        Assert.Contains($"HTTP {status}", e.Message, StringComparison.Ordinal);
        Assert.Contains(location.AbsoluteUri, e.Message, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Requests); // neither the contact nor the question went there
        Assert.Equal(post ? "POST" : "GET", Assert.Single(wiki.Requests).Method);
    }

    [Fact]
    public async Task A_4xx_answer_is_reported_with_the_start_of_its_body_escaped_and_capped()
    {
        wiki.FailOnce(403, body:
            "<!DOCTYPE html><html><head><title>Wikimedia Error</title><style>body { color: red }</style></head>" +
            "<body><p>Scripted requests from your IP have been blocked, \u001b[31mplease\n   contact noc@example.org</p>" +
            new string('x', 20_000) + "</body></html>");
        using var client = ClientFor(wiki, []);

        var e = await Assert.ThrowsAsync<MediaWikiException>(() => InfoAsync(client, "Alpha"));

        Assert.StartsWith($"HTTP 403 from {wiki.Endpoint.Authority}: Wikimedia Error Scripted requests from your IP have been blocked, \\u{{001B}}[31mplease contact noc@example.org x", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("color", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', e.Message);
        Assert.InRange(e.Message.Length, 100, 400);
        Assert.Single(wiki.Requests); // a 4xx is not retried
    }

    [Theory]
    [InlineData("José <jose@example.org>", "'é'")]
    [InlineData("ops@example.org\r\nX-Injected: yes", "U+000D")]
    [InlineData("a(b", "'('")]
    [InlineData("a)b", "')'")]
    public void A_contact_a_User_Agent_cannot_hold_is_refused_before_any_request(string contact, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => new MediaWikiClient(new MediaWikiOptions { Endpoint = wiki.Endpoint, Contact = contact }));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Empty(wiki.Requests);
    }

    [Fact]
    public void Titles_with_a_pipe_are_joined_with_the_unit_separator()
    {
        Assert.Equal("A|B", WikiQueries.JoinTitles(["A", "B"]));
        Assert.Equal("\u001FA|x\u001FB", WikiQueries.JoinTitles(["A|x", "B"]));
    }
}
