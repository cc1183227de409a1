using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudyBot;
using StudyBot.Members.Import;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Members;

// Prints StudyBot's figures on this machine. Run: dotnet run -c Release --project tests/StudyBot.Bench
// PostgreSQL figures are added when STUDYBOT_TEST_POSTGRES names a server.
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, .NET {Environment.Version}");
await ImportBenchmark.RunAsync(StorageProvider.Sqlite);
if (Environment.GetEnvironmentVariable("STUDYBOT_TEST_POSTGRES") is { Length: > 0 }) await ImportBenchmark.RunAsync(StorageProvider.Postgres);

/// <summary>Importing an agency's member file: 2,000 people in 40 cells, then the same file again.</summary>
internal static class ImportBenchmark
{
    public static async Task RunAsync(StorageProvider provider)
    {
        var (connection, cleanup) = await DatabaseAsync(provider);
        try
        {
            await using var app = StudyBotApp.Build([
                "--environment=Development", $"--Storage:Provider={provider}", $"--ConnectionStrings:StudyBot={connection}",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await app.Services.MigrateDatabaseAsync();
            var file = MemberFiles.Agency(2000, 40);
            foreach (var run in new[] { "first import", "same file again" })
            {
                await using var scope = app.Services.CreateAsyncScope();
                var import = scope.ServiceProvider.GetRequiredService<MemberImport>();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                var (report, errors) = await import.RunAsync(new StringReader(file), Texts.Vietnamese, null, default);
                clock.Stop();
                if (report is null) throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
                Console.WriteLine($"import 2,000 people / 40 cells, {provider}, {run}: {clock.Elapsed.TotalMilliseconds:N0} ms, "
                    + $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1 << 20)} MiB allocated, "
                    + $"created {report.Created}, unchanged {report.Unchanged}");
            }
            Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
        }
        finally { await cleanup(); }
    }

    private static async Task<(string Connection, Func<Task> Cleanup)> DatabaseAsync(StorageProvider provider)
    {
        var name = $"studybot_bench_{Guid.NewGuid():N}";
        if (provider == StorageProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), name + ".db");
            return ($"Data Source={path}", () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var f in Directory.GetFiles(Path.GetTempPath(), name + ".db*")) File.Delete(f);
                return Task.CompletedTask;
            });
        }
        var admin = Environment.GetEnvironmentVariable("STUDYBOT_TEST_POSTGRES")!;
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c).ExecuteNonQueryAsync();
        }
        return (new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(admin);
            await c.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c).ExecuteNonQueryAsync();
        });
    }
}
