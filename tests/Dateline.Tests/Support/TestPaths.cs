namespace Dateline.Tests.Support;

/// <summary>Where the repository and the shared specification are, from wherever the tests run.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary><c>../shared/spec</c> beside the repository (or $DATELINE_SHARED_SPEC); null when absent.</summary>
    public static string? SharedSpec
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("DATELINE_SHARED_SPEC");
            var candidate = fromEnvironment is { Length: > 0 } ? fromEnvironment : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "spec"));
            return File.Exists(Path.Combine(candidate, "seed-event.md")) ? candidate : null;
        }
    }

    /// <summary>
    /// <c>../shared/real-portal</c> beside the repository (or $DATELINE_SHARED_REAL_PORTAL): real day pages,
    /// <c>YYYY-MM-DD.wiki</c>; null when absent or holding no page.
    /// </summary>
    public static string? SharedRealPortal
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("DATELINE_SHARED_REAL_PORTAL");
            var candidate = fromEnvironment is { Length: > 0 } ? fromEnvironment : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "real-portal"));
            return Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.wiki").Any() ? candidate : null;
        }
    }

    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dateline.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Dateline.slnx) above " + AppContext.BaseDirectory);
    }
}

/// <summary>A test that needs the shared specification, skipped (saying so) where it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedSpecFactAttribute : FactAttribute
{
    public SharedSpecFactAttribute()
    {
        if (TestPaths.SharedSpec is null)
        {
            Skip = "SKIPPED: ../shared/spec (seed-event.md and seed-fixture/) is not beside this checkout, so the seed page cannot be checked here.";
        }
    }
}

/// <summary>A test that reads the real day pages, skipped (saying so) where they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealPortalFactAttribute : FactAttribute
{
    public RealPortalFactAttribute()
    {
        if (TestPaths.SharedRealPortal is null)
        {
            Skip = RealPortalSkip.Message;
        }
    }
}

/// <summary>A theory over the real day pages, skipped (saying so) where they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealPortalTheoryAttribute : TheoryAttribute
{
    public RealPortalTheoryAttribute()
    {
        if (TestPaths.SharedRealPortal is null)
        {
            Skip = RealPortalSkip.Message;
        }
    }
}

internal static class RealPortalSkip
{
    public const string Message = "SKIPPED: ../shared/real-portal is not beside this checkout (or $DATELINE_SHARED_REAL_PORTAL names no folder of .wiki pages), so the real day pages cannot be checked here.";
}
