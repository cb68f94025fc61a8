using PromptWatch.Cli;

return await PromptWatchCli.RunAsync(args, Console.Out, Console.Error);
