using Heard.Cli;

return await CommandLine.RunAsync(args);
