using PromptWatch.Cli;
using PromptWatch.Cli.Output;

return await PromptWatchCli.RunAsync(args, Console.Out, Console.Error, TerminalWidth.Current());
