using Dateline.Cli;
using Dateline.Common;
using Dateline.Store;
using Dateline.Tests.Support;

namespace Dateline.Tests.Cli;

/// <summary>
/// Hostile or mistyped command-line input: a usage error (exit 2) with a clear message, never an
/// unhandled exception; and text from input shown escaped, never as raw terminal control bytes.
/// </summary>
public sealed class CommandLineInputTests : IDisposable
{
    private readonly TempFolder work = new();

    public void Dispose() => work.Dispose();

    /// <summary>An archive with no events: enrich has nothing to fetch, so no request leaves the machine.</summary>
    private string EmptyArchive()
    {
        var db = work.File("archive.db");
        using (ArchiveStore.Open(db))
        {
        }

        return db;
    }

    [Theory]
    [InlineData("notaurl")]
    [InlineData("ftp://archive.example/wayback/available")]
    [InlineData("/relative/path")]
    public void A_wayback_endpoint_that_is_not_a_web_address_is_a_usage_error(string endpoint)
    {
        var run = CliRun.Of("enrich", "--db", EmptyArchive(), "--contact", "tests@example.org", "--wayback", "--wayback-endpoint", endpoint);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--wayback-endpoint", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wayback_endpoint_that_is_a_web_address_is_taken()
    {
        var run = CliRun.Of("enrich", "--db", EmptyArchive(), "--contact", "tests@example.org", "--wayback", "--wayback-endpoint", "http://127.0.0.1:9/wayback/available");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Enriched 0 of 0 events", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a(b", "'('")]
    [InlineData("me@example.org)", "')'")]
    [InlineData("back\\slash@example.org", "'\\'")]
    [InlineData("me@example.org\r\nX-Injected: 1", "one line")]
    [InlineData("me@example.org\nX-Injected: 1", "one line")]
    [InlineData("tab\there@example.org", "one line")]
    public void A_contact_that_cannot_be_sent_in_a_user_agent_is_a_usage_error_for_every_command_that_fetches(string contact, string reason)
    {
        var db = EmptyArchive();
        string[][] commands =
        [
            ["enrich", "--db", db, "--contact", contact],
            ["fetch", "--db", db, "--contact", contact, "--days", "1", "--api", "http://127.0.0.1:9/w/api.php"],
            ["resolve", "--db", db, "--contact", contact, "--api", "http://127.0.0.1:9/w/api.php"],
            ["update", "--db", db, "--contact", contact, "--out", work.File("site"), "--api", "http://127.0.0.1:9/w/api.php"],
        ];
        foreach (var command in commands)
        {
            var run = CliRun.Of(command);
            Assert.True(run.ExitCode == 2, $"{command[0]}: {run}");
            Assert.Contains("--contact", run.Error, StringComparison.Ordinal);
            Assert.Contains(reason, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("X-Injected: 1\n", run.Error, StringComparison.Ordinal);
            Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.False(Directory.Exists(work.File("site")));
    }

    [Fact]
    public void A_plain_contact_is_taken_and_sent_trimmed()
    {
        var run = CliRun.Of("enrich", "--db", EmptyArchive(), "--contact", "  Jose <jose@example.org>  "); // outside ASCII is refused: see ContactAddressTests
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void Text_from_input_is_shown_escaped_on_standard_error()
    {
        // A file name is input too: one with a terminal escape sequence (red text, then a new window title).
        var broken = work.Write("in/bad\u001b[31mred\u001b]0;owned\u0007.wiki", "no template, no markers\n");

        var run = CliRun.Of("import", work.File("in"), "--db", work.File("archive.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.DoesNotContain('\u0007', run.Error);
        Assert.Contains(Path.Combine(work.File("in"), "bad\\x1b[31mred\\x1b]0;owned\\x07.wiki") + ":1:", run.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(broken));
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\u001b[2Jb", "a\\x1b[2Jb")]
    [InlineData("line\r\nbreak", "line\\x0d\\x0abreak")]
    [InlineData("del\u007f c1\u009b", "del\\x7f c1\\x9b")]
    [InlineData("evil\u202Egnp.exe", "evil\\u202egnp.exe")]
    [InlineData("tab\tstop", "tab\\x09stop")]
    public void Control_and_bidirectional_characters_are_escaped(string text, string shown)
    {
        Assert.Equal(shown, EscapingWriter.Escape(text));
        var error = new StringWriter();
        using (var escaping = new EscapingWriter(error))
        {
            escaping.WriteLine(text);
            escaping.Write("two\nlines");
        }

        Assert.Equal(shown + error.NewLine + "two\nlines", error.ToString());
    }
}
