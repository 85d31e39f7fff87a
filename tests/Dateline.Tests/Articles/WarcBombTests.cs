using System.IO.Compression;
using System.Text;
using Dateline.Articles;
using Dateline.Articles.Web;
using Dateline.Tests.Support;

namespace Dateline.Tests.Articles;

/// <summary>
/// A web archive record that inflates far beyond any article (issue 14, item 3): a page is read up
/// to the live fetcher's cap on a body, not whole, whichever layer is compressed (the record's
/// gzip member or the HTTP content coding). Peak memory of `enrich` over such a file is measured
/// in bench/ (BENCHMARKS.md, "Hardening (issue 14)").
/// </summary>
public sealed class WarcBombTests
{
    private const string Url = "http://bomb.example.org/story";
    private const int BodyBytes = 48 * 1024 * 1024;
    private static readonly DateOnly EventDay = new(2019, 10, 3);

    private static readonly byte[] PageHead =
        Encoding.ASCII.GetBytes("<html><head><meta property=\"og:description\" content=\"Still read.\"></head><body>");

    /// <summary>The page: its head, then <see cref="BodyBytes"/> of text, written a block at a time.</summary>
    private static void WritePage(Stream output)
    {
        output.Write(PageHead);
        var block = new byte[1 << 16];
        block.AsSpan().Fill((byte)'x');
        for (int left = BodyBytes; left > 0; left -= block.Length)
        {
            output.Write(block, 0, Math.Min(left, block.Length));
        }
    }

    /// <summary>One response record; with <paramref name="contentCoded"/> its HTTP body is gzip-coded, else the record's member is the only compression.</summary>
    private static string WriteWarc(string path, bool contentCoded)
    {
        byte[] body;
        string coding = string.Empty;
        if (contentCoded)
        {
            using var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                WritePage(gzip);
            }

            body = packed.ToArray();
            coding = "Content-Encoding: gzip\r\n";
        }
        else
        {
            body = [];
        }

        var httpHead = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{coding}\r\n");
        long blockLength = httpHead.Length + (contentCoded ? body.Length : PageHead.Length + BodyBytes);
        var warcHead = Encoding.ASCII.GetBytes(
            $"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {Url}\r\nWARC-Date: 2019-10-03T08:00:00Z\r\n" +
            $"WARC-Record-ID: <urn:uuid:{Guid.NewGuid()}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {blockLength}\r\n\r\n");
        using var file = File.Create(path);
        using var member = new GZipStream(file, CompressionLevel.Fastest);
        member.Write(warcHead);
        member.Write(httpHead);
        if (contentCoded)
        {
            member.Write(body);
        }
        else
        {
            WritePage(member);
        }

        member.Write("\r\n\r\n"u8);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_record_that_inflates_to_48_MB_is_read_only_up_to_the_body_cap(bool contentCoded)
    {
        using var folder = new TempFolder();
        var path = WriteWarc(folder.File("bomb.warc.gz"), contentCoded);
        Assert.InRange(new FileInfo(path).Length, 1, 1024 * 1024); // a small file
        var pages = WarcSourcePages.Open([path]);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var fetch = await pages.FetchAsync(Url, EventDay, CancellationToken.None); // synchronous inside: this thread's allocations
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var page = Assert.IsType<SourcePage>(fetch.Page);
        Assert.Equal(WebFetchOptions.DefaultMaxBytes, page.Body.Length);
        Assert.Equal("Still read.", ArticleExtractor.Extract(page).Summary);
        Assert.True(allocated < 40L * 1024 * 1024, $"{allocated:N0} bytes allocated to read one capped page");
    }
}
