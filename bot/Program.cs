using StudyBot;
using StudyBot.Storage;

var app = StudyBotApp.Build(args);
await app.Services.MigrateDatabaseAsync();
await app.RunAsync();

/// <summary>Visible to tests.</summary>
public partial class Program;
