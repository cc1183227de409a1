using StudyBot;
using StudyBot.Storage;

if (await Cli.TryRunAsync(args) is { } exitCode) return exitCode;

var app = StudyBotApp.Build(args);
await app.Services.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>Visible to tests.</summary>
public partial class Program;
