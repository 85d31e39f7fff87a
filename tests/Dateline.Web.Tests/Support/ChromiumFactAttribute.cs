namespace Dateline.Web.Tests.Support;

/// <summary>
/// A test that drives the system's Chromium: skipped, saying why, on a machine without it (the
/// README's <c>dotnet test</c> must pass with only the .NET SDK), but required in CI
/// (<c>CI=true</c>, which <c>.ci/run</c> sets after installing Chromium), where a missing browser
/// must fail the run rather than let the end-to-end test go quietly unrun.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        Skip = SkipReason(File.Exists(Chromium), Environment.GetEnvironmentVariable("CI"));
    }

    /// <summary>Why the test is skipped, or null when it runs (Chromium is there, or CI requires it).</summary>
    public static string? SkipReason(bool chromiumInstalled, string? ci) =>
        chromiumInstalled || string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"SKIPPED: {Chromium} is missing, so the browser test cannot run here (apt-get install chromium; .ci/run installs it and sets CI=true, which makes this test required).";
}
