using Spectre.Console;

namespace Dateline.Cli;

/// <summary>
/// Progress of long work: a Spectre.Console bar when the output is a terminal, a few plain lines
/// when it is not (logs, pipes, CI), so the output stays readable either way.
/// </summary>
internal sealed class Progress(TextWriter output, bool interactive)
{
    public static Progress For(TextWriter output) =>
        new(output, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);

    /// <summary>Runs <paramref name="work"/>, which reports (done, total); total 0 means unknown.</summary>
    public T Run<T>(string description, Func<Action<int, int>, T> work)
    {
        if (!interactive)
        {
            var last = DateTime.UtcNow;
            return work((done, total) =>
            {
                if (DateTime.UtcNow - last > TimeSpan.FromSeconds(5))
                {
                    last = DateTime.UtcNow;
                    output.WriteLine(total > 0 ? $"{description}: {done:N0} of {total:N0}" : $"{description}: {done:N0}");
                }
            });
        }

        return AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: 1);
                task.IsIndeterminate = true;
                return work((done, total) =>
                {
                    if (total > 0)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = total;
                    }

                    task.Value = done;
                });
            });
    }
}
