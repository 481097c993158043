using ReelRights.Cli;

return await CliApp.RunAsync(args);
