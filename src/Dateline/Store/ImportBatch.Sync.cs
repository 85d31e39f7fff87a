namespace Dateline.Store;

public sealed partial class ImportBatch
{
    /// <summary>
    /// Records what the wiki said of a day page in this batch's transaction, so the day's events
    /// and the record of the revision they came from are committed (or lost) together.
    /// </summary>
    public void RecordPortalPage(PortalPageCheck check) => ArchiveStore.RecordPortalCheck(connection, transaction, check);
}
