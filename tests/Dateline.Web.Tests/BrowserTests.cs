using Dateline.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dateline.Web.Tests;

/// <summary>
/// A real browser (the system's Chromium, driven by Playwright; never a browser Playwright
/// downloads) against the real server on a loopback port: home page, search for an entity,
/// open a result, follow a related event, screenshot. The page must work without script and
/// the browser must report no error (a CSP violation would be one). Skipped where Chromium is
/// missing, unless CI=true (<see cref="ChromiumFactAttribute"/>).
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class BrowserTests(SiteFixture site)
{
    private const string Chromium = ChromiumFactAttribute.Chromium;

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [ChromiumFact]
    public async Task A_reader_searches_opens_a_result_and_follows_a_related_event()
    {
        // Reached without Chromium only when CI requires the test (see ChromiumFact): fail, saying why.
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (.ci/run does)");
        await using var app = DatelineServer.Create(["--urls", "http://127.0.0.1:0", "--Dateline:Site", site.Site, "--Dateline:Database", site.Database]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var profile = Path.Combine(Path.GetTempPath(), "dateline-chromium-" + Guid.NewGuid().ToString("N"));
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArgs,
            JavaScriptEnabled = false, // the site is made to be read without script
            Timeout = 60_000,
        });
        try
        {
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            page.SetDefaultTimeout(30_000);
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add($"{message.Text} ({message.Location})");
                }
            };

            // The home page leads to the archive's front page.
            await page.GotoAsync(address + "/");
            Assert.EndsWith("/news/index.html", page.Url, StringComparison.Ordinal);
            Assert.Equal("News archive", await page.InnerTextAsync("h1"));

            // Search for an entity from the header's form.
            await page.FillAsync("#q", "\"Carrie Lam\"");
            await page.PressAsync("#q", "Enter");
            await page.WaitForURLAsync("**/search?q=*");
            var results = page.Locator("ol.results > li > a");
            Assert.True(await results.CountAsync() >= 2);
            Assert.Equal("Carrie Lam", await page.Locator("ol.results mark").First.InnerTextAsync());

            // Open the first result: an event page naming the entity.
            var headline = (await results.First.InnerTextAsync()).Trim();
            await results.First.ClickAsync();
            await page.WaitForURLAsync("**/news/2019/**.html");
            Assert.Equal(headline, (await page.InnerTextAsync("h1")).Trim());
            Assert.Contains("Carrie Lam", await page.Locator(".entities a").AllInnerTextsAsync());

            // Follow its first related event.
            var related = page.Locator("section.related a").First;
            var relatedHeadline = (await related.InnerTextAsync()).Trim();
            var eventUrl = page.Url;
            await related.ClickAsync();
            await page.WaitForURLAsync(url => url != eventUrl);
            Assert.Equal(relatedHeadline, (await page.InnerTextAsync("h1")).Trim());

            // Each related event shows its date beside its headline: the date it is filed under, on the same line.
            await AssertRelatedDatesAsync(page);

            // The front page shows the latest days, newest first: the hostile day, then the sample's last.
            await page.GotoAsync(address + "/news/index.html");
            Assert.Equal(["2019-11-07", "2019-11-04"], (await page.Locator("section.latest-day h3 time").EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('datetime'))"))[..2]);

            // Day pages lead to the previous and next day with events, across days without any.
            await page.ClickAsync("section.latest-day h3 a >> nth=1");
            await page.WaitForURLAsync("**/news/2019/11/4/index.html");
            await page.ClickAsync("nav.pager a[rel=next]");
            await page.WaitForURLAsync("**/news/2019/11/7/index.html");
            Assert.Equal(0, await page.Locator("nav.pager a[rel=next]").CountAsync());
            await page.ClickAsync("nav.pager a[rel=prev]");
            await page.WaitForURLAsync("**/news/2019/11/4/index.html");
            await page.GotoAsync(address + "/news/2019/10/27/index.html");
            Assert.EndsWith("/news/2019/10/26/index.html", await page.Locator("nav.pager a[rel=prev]").GetAttributeAsync("href"), StringComparison.Ordinal);
            await page.ClickAsync("nav.pager a[rel=next]");
            await page.WaitForURLAsync("**/news/2019/10/28/index.html");
            Assert.Equal("2019-10-28", await page.Locator("h1 time").GetAttributeAsync("datetime"));

            // An event whose source gave a summary and an image (800 × 450 declared), reached as a related event.
            // The image's host is not on the network here: the browser is given an image of that size.
            await page.RouteAsync("https://img.reuters.example/**", route => route.FulfillAsync(new RouteFulfillOptions
            {
                ContentType = "image/svg+xml",
                Body = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"450\"><rect width=\"800\" height=\"450\" fill=\"#8a9bb0\"/>"
                    + "<text x=\"400\" y=\"240\" font-size=\"40\" text-anchor=\"middle\" fill=\"#fff\">cover image</text></svg>",
            }));
            await page.GotoAsync(address + "/news/2019/10/27/index.html");
            await page.ClickAsync("section.category a:has-text('A separate US strike')");
            await page.WaitForURLAsync("**/news/2019/10/27/a-separate-us-strike*.html");
            await page.ClickAsync("section.related a:has-text('Donald Trump announces')");
            await page.WaitForURLAsync("**/news/2019/10/27/donald-trump-announces*.html");
            var cover = page.Locator(".lead .cover img");
            Assert.Equal((await page.InnerTextAsync("h1")).Trim(), await cover.GetAttributeAsync("alt"));
            Assert.Equal(("800", "450", "lazy"), (await cover.GetAttributeAsync("width"), await cover.GetAttributeAsync("height"), await cover.GetAttributeAsync("loading")));
            Assert.True(await cover.EvaluateAsync<bool>("i => i.decode().then(() => true, () => false)"), "the cover image did not load");
            var box = (await cover.BoundingBoxAsync())!;
            Assert.InRange(box.Width / box.Height, 800 / 450.0 * 0.98, 800 / 450.0 * 1.02); // laid out at its shape, scaled to the column
            Assert.StartsWith("President Trump announced", await page.InnerTextAsync(".lead .summary"), StringComparison.Ordinal);
            await AssertRelatedDatesAsync(page);

            // The stylesheet applied (the site header is a flex row), and nothing was blocked or broken.
            Assert.Equal("flex", await page.Locator("header.site").EvaluateAsync<string>("e => getComputedStyle(e).display"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "related-event.png"), FullPage = true });
            Assert.True(File.Exists(Path.Combine(shots, "related-event.png")));
            Assert.Empty(errors);
        }
        finally
        {
            await browser.CloseAsync();
            await app.StopAsync();
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be letting go of its profile; temporary files are the OS's to clean.
            }
        }
    }

    /// <summary>Every related event of the page shows, before its headline and on the same line, the date its page is filed under.</summary>
    private static async Task AssertRelatedDatesAsync(IPage page)
    {
        var items = page.Locator("section.related li");
        int count = await items.CountAsync();
        Assert.True(count > 0, "no related events");
        for (int i = 0; i < count; i++)
        {
            var time = items.Nth(i).Locator("time");
            var link = items.Nth(i).Locator("a").First;
            // The date a machine reads: the datetime attribute, or without one the text (as HTML says); a reader sees the text.
            var date = (await time.InnerTextAsync()).Trim();
            Assert.Equal(date, await time.GetAttributeAsync("datetime") ?? date);
            var parts = (await link.GetAttributeAsync("href"))!.Split('/'); // /news/yyyy/M/d/slug.html
            Assert.Equal(new DateOnly(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), date);
            var (timeBox, linkBox) = ((await time.BoundingBoxAsync())!, (await link.BoundingBoxAsync())!);
            var firstLineLeft = await link.EvaluateAsync<double>("a => a.getClientRects()[0].left"); // a long headline wraps: its box starts at the column's edge
            Assert.True(Math.Abs(timeBox.Y - linkBox.Y) < timeBox.Height && timeBox.X < firstLineLeft, $"related event {i}: the date is not beside the headline");
        }
    }
}
