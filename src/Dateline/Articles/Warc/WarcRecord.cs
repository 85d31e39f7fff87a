namespace Dateline.Articles.Warc;

/// <summary>
/// Where a record can be read again: for a plain file the record's own offset; for a gzip file the
/// offset of the gzip member holding it and the record's place inside that member (0 when, as
/// usual, each record has its own member).
/// </summary>
internal readonly record struct WarcPosition(long Offset, int Index);

/// <summary>One WARC record: its header fields and, when it was asked for, its content block.</summary>
internal sealed record WarcRecord(WarcPosition Position, WarcHeader Header, byte[]? Block)
{
    /// <summary>The first bytes of a block that was not read whole, when the reader was asked to peek.</summary>
    public byte[]? Peek { get; init; }

    /// <summary>Whether WARC-Block-Digest matches the block; null when there is none or its algorithm is not SHA-1.</summary>
    public bool? BlockDigestMatches() => Block is null ? null : WarcDigest.Matches(Header.BlockDigest, Block);

    /// <summary>Whether WARC-Payload-Digest matches the HTTP payload of a response; null when it cannot be checked.</summary>
    public bool? PayloadDigestMatches()
    {
        if (Block is null || HttpMessage.TryParseResponse(Block) is not { } message)
        {
            return null;
        }

        return WarcDigest.Matches(Header.PayloadDigest, Block.AsSpan(message.BodyOffset));
    }
}
