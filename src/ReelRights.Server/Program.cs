using ReelRights.Server;

return await ServerApp.RunAsync(args);
