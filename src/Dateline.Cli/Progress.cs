using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Dateline.Cli;

/// <summary>
/// Progress of long work: a Spectre.Console bar when the output is a terminal, a plain line every
/// few seconds when it is not (logs, pipes, CI), so the output stays readable either way. Both
/// show the rate and the time left once the total is known.
/// </summary>
internal sealed class Progress(TextWriter output, bool interactive)
{
    public static Progress For(TextWriter output) =>
        new(output, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);

    /// <summary>Runs <paramref name="work"/>, which reports (done, total); total 0 means unknown.</summary>
    public T Run<T>(string description, Func<Action<int, int>, T> work) =>
        Run<T>(description, step => work((done, total) => step(done, total, null)));

    /// <summary>As above, with a short status (e.g. "12 failed") shown beside the count.</summary>
    public T Run<T>(string description, Func<Action<int, int, string?>, T> work)
    {
        if (!interactive)
        {
            var clock = Stopwatch.StartNew();
            var last = TimeSpan.Zero;
            return work((done, total, status) =>
            {
                if (clock.Elapsed - last > TimeSpan.FromSeconds(5))
                {
                    last = clock.Elapsed;
                    output.WriteLine(Line(description, done, total, status, clock.Elapsed));
                }
            });
        }

        return AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                task.IsIndeterminate = true;
                return work((done, total, status) =>
                {
                    if (total > 0)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = total;
                    }

                    task.Value = done;
                    task.Description = Markup.Escape(status is null ? description : $"{description} ({status})");
                });
            });
    }

    private static string Line(string description, int done, int total, string? status, TimeSpan elapsed)
    {
        double rate = done / Math.Max(elapsed.TotalSeconds, 0.001);
        var text = total > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{description}: {done:N0} of {total:N0}, {rate:N0}/s")
            : string.Create(CultureInfo.InvariantCulture, $"{description}: {done:N0}, {rate:N0}/s");
        if (total > 0 && rate > 0 && done < total)
        {
            var left = TimeSpan.FromSeconds((total - done) / rate);
            text += string.Create(CultureInfo.InvariantCulture, $", about {left:hh\\:mm\\:ss} left");
        }

        return status is null ? text : $"{text} ({status})";
    }
}
