using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudyBot;
using StudyBot.Members.Import;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Members;

// Prints StudyBot's figures on this machine.
//   dotnet run -c Release --project tests/StudyBot.Bench -- import
//   dotnet run -c Release --project tests/StudyBot.Bench -- broadcast --recipients N --limit R [--fail-rate F] [--provider Postgres]
//   dotnet run -c Release --project tests/StudyBot.Bench -- retrieval [--entries N] [--rounds R] [--misses] [--split tuning|heldout]
//   dotnet run -c Release --project tests/StudyBot.Bench -- retrieval-fit (fits the conduct confidence model; prints its weights)
//   dotnet run -c Release --project tests/StudyBot.Bench -- retrieval-compare [--split tuning|heldout] [--entries N] [--rounds R] [--misses] | retrieval-compare --analyze TEXT
//   dotnet run -c Release --project tests/StudyBot.Bench -- overview [--cells 40] [--per-cell 50] [--runs 200]
//   dotnet run -c Release --project tests/StudyBot.Bench -- milestones (typed milestone lines, held-out and tuning)
//   dotnet run -c Release --project tests/StudyBot.Bench -- fuzz --count N
//   dotnet run -c Release --project tests/StudyBot.Bench -- surge --members 5000 --questions 10 [--store sqlite|postgres]
//   dotnet run -c Release --project tests/StudyBot.Bench -- turns --scenario help|quiz-answer|theme|ask --store sqlite|postgres -c N [--seconds T]
//   dotnet run -c Release --project tests/StudyBot.Bench -- wrk-bodies --scenario quiz-answer --db FILE --sink URL --out FILE (for wrk-bodies.lua)
// PostgreSQL runs use the server named by STUDYBOT_TEST_POSTGRES.
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, .NET {Environment.Version}");
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
switch (args.FirstOrDefault())
{
    case "broadcast":
        await BroadcastBenchmark.RunAsync(
            int.Parse(Option("--recipients") ?? "10000"), int.Parse(Option("--limit") ?? "200"),
            double.Parse(Option("--fail-rate") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            Enum.Parse<StorageProvider>(Option("--provider") ?? "Sqlite"));
        break;
    case "turns":
        await TurnBenchmark.RunAsync(Option("--scenario") ?? "help",
            (Option("--store") ?? "sqlite").ToLowerInvariant() == "postgres" ? StorageProvider.Postgres : StorageProvider.Sqlite,
            int.Parse(Option("-c") ?? "16"), int.Parse(Option("--seconds") ?? "10"),
            args.Where(a => a.StartsWith("--") && a.Contains('=')).ToArray()); // settings for the bot, e.g. --Storage:SqliteSynchronous=FULL
        break;
    case "wrk-bodies":
        await TurnBenchmark.WriteBodiesAsync(Option("--scenario") ?? "quiz-answer", Option("--db") ?? "/tmp/studybot-wrk.db",
            Option("--sink") ?? "http://127.0.0.1:8080/", Option("--out") ?? "/tmp/studybot-wrk-bodies.txt");
        break;
    case "surge":
        await SurgeBenchmark.RunAsync(int.Parse(Option("--members") ?? "5000"), int.Parse(Option("--questions") ?? "10"),
            (Option("--store") ?? "sqlite").ToLowerInvariant() == "postgres" ? StorageProvider.Postgres : StorageProvider.Sqlite,
            int.Parse(Option("-c") ?? "16"));
        break;
    case "fuzz":
        await FuzzBenchmark.RunAsync(int.Parse(Option("--count") ?? "100000"));
        break;
    case "retrieval":
        RetrievalBenchmark.Run(int.Parse(Option("--entries") ?? "2000"), int.Parse(Option("--rounds") ?? "200"), args.Contains("--misses"), Option("--split"));
        break;
    case "overview":
        await OverviewBenchmark.RunAsync(int.Parse(Option("--cells") ?? "40"), int.Parse(Option("--per-cell") ?? "50"), int.Parse(Option("--runs") ?? "200"));
        break;
    case "milestones":
        MilestoneBenchmark.Run();
        break;
    case "retrieval-fit":
        RetrievalFit.Run();
        break;
    case "retrieval-compare" when Option("--analyze") is { } text: // what each retriever makes of a question
        Console.WriteLine($"hand-written: {string.Join(" | ", StudyBot.Conduct.VietnameseText.Terms(text))}");
        Console.WriteLine($"lucene: {string.Join(" | ", VietnameseAnalyzer.Terms(text))}");
        break;
    case "retrieval-compare":
        RetrievalCompare.Run(Option("--split") ?? "tuning",
            int.Parse(Option("--entries") ?? "2000"), int.Parse(Option("--rounds") ?? "200"), args.Contains("--misses"));
        break;
    case "import" or null:
        await ImportBenchmark.RunAsync(StorageProvider.Sqlite);
        if (Environment.GetEnvironmentVariable("STUDYBOT_TEST_POSTGRES") is { Length: > 0 }) await ImportBenchmark.RunAsync(StorageProvider.Postgres);
        break;
    default:
        Console.Error.WriteLine("usage: import | retrieval [--entries N] | retrieval-compare [--split tuning|heldout] | broadcast --recipients N --limit R [--fail-rate F] [--provider Sqlite|Postgres]");
        return 2;
}
return 0;

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
            await app.Services.PrepareDatabaseAsync();
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

    public static async Task<(string Connection, Func<Task> Cleanup)> DatabaseAsync(StorageProvider provider)
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
