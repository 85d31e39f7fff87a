using Dateline.Model;
using Dateline.Portal;
using Dateline.Tests.Support;

namespace Dateline.Tests.Portal;

/// <summary>Entity titles and the redirect table (FORMAT.md, "Redirects").</summary>
public sealed class RedirectTests
{
    [Theory]
    [InlineData("caliphate", "Caliphate")]
    [InlineData("Islamic_State_of_Iraq", "Islamic State of Iraq")]
    [InlineData("  Abu   Bakr__al-Baghdadi \t", "Abu Bakr al-Baghdadi")]
    [InlineData("Syrian Civil War#Timeline", "Syrian Civil War")]
    [InlineData("#Sports", "")]
    [InlineData("   ", "")]
    [InlineData("éclair", "Éclair")]
    [InlineData("iPhone", "IPhone")]
    [InlineData("2017 in sports", "2017 in sports")]
    public void Titles_are_normalised_as_mediawiki_does(string raw, string title) =>
        Assert.Equal(title, Entity.NormalizeTitle(raw));

    [Fact]
    public void A_long_title_is_normalised_too()
    {
        var raw = "x" + new string('_', 1000) + "y";
        Assert.Equal("X y", Entity.NormalizeTitle(raw));
    }

    [Fact]
    public void Chains_are_followed_and_titles_without_a_redirect_are_themselves()
    {
        var table = new RedirectTable([new("ISIL", "Islamic State of Iraq and the Levant"), new("Islamic State of Iraq and the Levant", "Islamic State"), new("isis", "ISIL")]);
        Assert.Equal("Islamic State", table.Resolve("ISIL"));
        Assert.Equal("Islamic State", table.Resolve("Isis"));
        Assert.Equal("Islamic State", table.Resolve("Islamic State"));
        Assert.Equal("Paris", table.Resolve("Paris"));
        Assert.Empty(table.Cycles);
    }

    [Fact]
    public void A_cycle_is_reported_and_its_titles_left_as_they_are()
    {
        var table = new RedirectTable([new("A", "B"), new("B", "C"), new("C", "A"), new("D", "A"), new("E", "F")]);
        Assert.Equal(["A", "B", "C"], table.Cycles);
        Assert.Equal("A", table.Resolve("A"));
        Assert.Equal("B", table.Resolve("B"));
        Assert.Equal("D", table.Resolve("D")); // leads into a cycle: left as it is
        Assert.Equal("F", table.Resolve("E"));
    }

    [Fact]
    public void A_redirect_file_reports_malformed_lines_with_their_line_numbers()
    {
        using var work = new TempFolder();
        var path = work.Write("redirects.tsv", "# comment\r\nISIL\tIslamic State\r\n\r\nno tab here\r\nA\tB\tC\r\n\tEmpty source\r\nX\tY\r\nP\tQ\nQ\tP\n");
        var errors = new List<PortalError>();
        var pairs = RedirectFile.Read(path, errors.Add);
        Assert.Equal([new("ISIL", "Islamic State"), new("X", "Y"), new("P", "Q"), new("Q", "P")], pairs);
        Assert.Equal([4, 5, 6, 0, 0], errors.Select(e => e.Line)); // the cycle P ⇄ Q names each of its titles
        Assert.All(errors, e => Assert.Equal(path, e.Source));
        Assert.Contains("\"P\"", errors[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redirect_file_that_is_not_utf8_is_reported_with_the_line()
    {
        using var work = new TempFolder();
        var path = work.File("redirects.tsv");
        File.WriteAllBytes(path, [(byte)'A', (byte)'\t', (byte)'B', (byte)'\n', (byte)'C', (byte)'\t', 0xE9, (byte)'\n']);
        var errors = new List<PortalError>();
        Assert.Empty(RedirectFile.Read(path, errors.Add));
        Assert.Equal(2, Assert.Single(errors).Line);
    }
}
