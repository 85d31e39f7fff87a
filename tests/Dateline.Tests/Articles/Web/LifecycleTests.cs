using Dateline.Articles.Web;

namespace Dateline.Tests.Articles.Web;

public sealed class LifecycleTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Refuses_to_fetch_without_a_contact(string contact)
    {
        var error = Assert.Throws<ArgumentException>(() => new WebSourcePages(TestOptions.Fast with { Contact = contact }));
        Assert.Contains("contact", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_nonsense_limits()
    {
        Assert.Throws<ArgumentException>(() => new WebSourcePages(TestOptions.Fast with { PerHost = 0 }));
        Assert.Throws<ArgumentException>(() => new WebSourcePages(TestOptions.Fast with { Concurrency = 0 }));
        Assert.Throws<ArgumentException>(() => new WebSourcePages(TestOptions.Fast with { MaxBytes = 0 }));
        Assert.Throws<ArgumentException>(() => new WebSourcePages(TestOptions.Fast with { TotalTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public async Task Disposes_once_and_refuses_work_afterwards()
    {
        var pages = new WebSourcePages(TestOptions.Fast);
        pages.Dispose();
        pages.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => pages.FetchAsync("http://127.0.0.1:9/", TestOptions.EventDate, CancellationToken.None));
    }

    [Fact]
    public async Task Disposing_stops_fetches_in_flight()
    {
        await using var site = await FakeSite.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        var pages = new WebSourcePages(TestOptions.Fast with { IgnoreRobots = true });
        var fetch = pages.FetchAsync(site.Link("/slow"), TestOptions.EventDate, CancellationToken.None);
        await Task.Delay(200);

        pages.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
    }
}
