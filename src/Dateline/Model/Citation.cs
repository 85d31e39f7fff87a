namespace Dateline.Model;

/// <summary>A source an event cites: the external link's label (e.g. "Reuters") and its URL.</summary>
public sealed record Citation(string Label, string Url);
