namespace Dateline.Linking;

/// <summary>An event related to another: its index in the archive's event order, its score and the shared entities.</summary>
public readonly record struct RelatedEvent(int Event, double Score, IReadOnlyList<string> Context);
