namespace Dateline.Model;

/// <summary>A day of the Portal with its events in page order.</summary>
public sealed record Day(DateOnly Date, IReadOnlyList<Event> Events);
