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
    public void A_redirect_file_that_is_not_utf8_is_refused_with_the_line()
    {
        using var work = new TempFolder();
        var path = work.File("redirects.tsv");
        File.WriteAllBytes(path, [(byte)'A', (byte)'\t', (byte)'B', (byte)'\n', (byte)'C', (byte)'\t', 0xE9, (byte)'\n']);
        var refused = Assert.Throws<RedirectFileException>(() => RedirectFile.Read(path, _ => Assert.Fail("reported as a line, not refused")));
        Assert.Equal(2, refused.Error.Line);
        Assert.Equal(path, refused.Error.Source);
    }

    [Fact]
    public void A_missing_redirect_file_or_a_folder_is_refused_not_read_as_an_empty_table()
    {
        using var work = new TempFolder();
        Assert.Throws<RedirectFileException>(() => RedirectFile.Read(work.File("missing.tsv"), _ => { }));
        Assert.Throws<RedirectFileException>(() => RedirectFile.Read(work.Path, _ => { }));
    }

    [Fact]
    public void A_title_leading_into_a_long_chain_or_a_cycle_resolves_as_a_short_one_does()
    {
        // Chains and cycles met from the middle: every title is resolved once.
        var table = new RedirectTable([new("C", "D"), new("A", "B"), new("B", "C"), new("X", "Y"), new("Y", "Z"), new("Z", "Y"), new("W", "X"), new("V", "A")]);
        Assert.Equal(["D", "D", "D", "D"], new[] { "A", "B", "C", "V" }.Select(table.Resolve));
        Assert.Equal(["W", "X", "Y", "Z"], new[] { "W", "X", "Y", "Z" }.Select(table.Resolve));
        Assert.Equal(["Y", "Z"], table.Cycles);
    }

    /// <summary>
    /// A 100,000-long cycle and 20,000 chained redirects: walking the chain from each title took
    /// minutes (quadratic); the figures are in BENCHMARKS.md (bench/Dateline.Benchmarks, "redirects").
    /// The timeout only stops a quadratic walk from hanging the run: it is 30 times the time taken.
    /// </summary>
    [Fact(Timeout = 30_000)]
    public async Task A_long_cycle_and_a_long_chain_are_resolved_in_linear_time()
    {
        await Task.Run(() =>
        {
            const int length = 100_000;
            var cycle = new RedirectTable(Enumerable.Range(0, length).Select(i => KeyValuePair.Create($"C{i}", $"C{(i + 1) % length}")));
            Assert.Equal(length, cycle.Cycles.Count);
            Assert.Equal("C5", cycle.Resolve("C5"));

            const int chained = 20_000;
            var chain = new RedirectTable(Enumerable.Range(0, chained).Select(i => KeyValuePair.Create($"T{i}", $"T{i + 1}")));
            Assert.Empty(chain.Cycles);
            Assert.All(Enumerable.Range(0, chained), i => Assert.Equal($"T{chained}", chain.Resolve($"T{i}")));
        });
    }
}
