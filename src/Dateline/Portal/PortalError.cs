namespace Dateline.Portal;

/// <summary>
/// Why a day page, or a part of an input, could not be read: the file (or export page), the line
/// in that file, and the reason in words a user can act on.
/// </summary>
public sealed record PortalError(string Source, int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Reason}" : $"{Source}: {Reason}";
}

/// <summary>Thrown by the day-page parser; carries the line of the page where reading failed.</summary>
internal sealed class DayPageException(int line, string reason) : Exception(reason)
{
    public int Line { get; } = line;
}
