using GmPki.Cli;

return await GmPkiCommandLine.RunAsync(args, Console.Out, Console.Error);
