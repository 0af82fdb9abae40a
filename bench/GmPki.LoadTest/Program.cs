using GmPki.LoadTest;

return await LoadCommand.RunAsync(args);
