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
}
