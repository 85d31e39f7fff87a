using Dateline.Web.Tests.Support;

namespace Dateline.Web.Tests;

/// <summary>When the browser test runs, is skipped, or is required (a fresh machine against CI).</summary>
public sealed class ChromiumFactTests
{
    [Theory]
    [InlineData(true, null)]
    [InlineData(true, "true")]
    [InlineData(false, "true")]
    [InlineData(false, "True")]
    public void The_browser_test_runs_where_chromium_is_installed_and_wherever_CI_requires_it(bool installed, string? ci) =>
        Assert.Null(ChromiumFactAttribute.SkipReason(installed, ci));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("false")]
    public void Without_chromium_outside_CI_the_browser_test_is_skipped_saying_why(string? ci)
    {
        var reason = ChromiumFactAttribute.SkipReason(chromiumInstalled: false, ci);
        Assert.NotNull(reason);
        Assert.Contains(ChromiumFactAttribute.Chromium, reason, StringComparison.Ordinal);
        Assert.Contains("CI=true", reason, StringComparison.Ordinal);
    }
}
