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
