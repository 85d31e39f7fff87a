using Dateline.Cli;

return DatelineCommands.Run(args, Console.Out, Console.Error);
