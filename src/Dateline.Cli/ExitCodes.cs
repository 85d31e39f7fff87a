namespace Dateline.Cli;

/// <summary>The exit codes, as the README documents them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>Done, but some inputs were skipped (bad pages) or some files were not written (conflicts); the messages say which.</summary>
    public const int Partial = 1;

    /// <summary>The command line was wrong: nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>The archive database or the output folder could not be used: nothing was changed.</summary>
    public const int Failure = 3;

    /// <summary>Interrupted (Ctrl-C): what was finished is kept, the unfinished transaction is not.</summary>
    public const int Interrupted = 130;
}
