using Dateline.Articles;
using Dateline.Articles.Warc;
using FsCheck;
using FsCheck.Xunit;

namespace Dateline.Tests.Articles;

/// <summary>Whatever pages are written, plain or gzip, the reader gives back the same bytes with matching digests.</summary>
public sealed class WarcRoundTripProperties
{
    [Property(MaxTest = 60)]
    public bool Any_pages_round_trip_through_writer_and_reader(NonNull<byte[]>[] bodies, bool gzip, PositiveInt repeat)
    {
        // Repeating a body makes some members long enough to cross the reader's buffers.
        var pages = bodies.Select((b, i) => new SourcePage(
            $"https://p.example.org/{i}", $"https://p.example.org/{i}", 200, "text/html", [],
            [.. Enumerable.Repeat(b.Get, 1 + (repeat.Get % 300)).SelectMany(x => x)], DateTimeOffset.UnixEpoch)).ToList();

        using var stream = new MemoryStream();
        using (var writer = new WarcWriter(stream, gzip, leaveOpen: true))
        {
            writer.WriteWarcInfo([new("software", "property")]);
            foreach (var page in pages)
            {
                writer.WriteExchange(page);
            }
        }

        stream.Position = 0;
        var responses = WarcReader.Read(stream).Where(r => r.Header.Type == "response").ToList();
        return responses.Count == pages.Count
            && responses.Zip(pages).All(p =>
                p.First.Header.TargetUri == p.Second.FinalUrl
                && p.First.BlockDigestMatches() == true
                && p.First.PayloadDigestMatches() == true
                && p.First.Block.AsSpan(HttpMessage.TryParseResponse(p.First.Block!)!.BodyOffset).SequenceEqual(p.Second.Body));
    }
}
