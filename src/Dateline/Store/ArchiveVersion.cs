using Dateline.Model;

namespace Dateline.Store;

/// <summary>
/// What a build reads of the archive before its events (<see cref="ArchiveStore.ReadVersion"/>):
/// every day the archive holds with its version, the version of the known articles, and the
/// redirect table. A day's version changes whenever its page is stored again with other text,
/// which is the only way its events change.
/// </summary>
public sealed record ArchiveVersion(IReadOnlyList<(DateOnly Date, ulong Version)> Days, string Articles, RedirectTable Redirects);
