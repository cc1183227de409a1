using StudyBot.Storage;

namespace StudyBot.Telemetry;

/// <summary>
/// A figure read from the store every Telemetry:SampleInterval and reported by a gauge of that name. The room that owns
/// the rows registers it and says how to count them, so telemetry needs to know no feature's tables.
/// </summary>
/// <param name="Count">A whole number of things (reported as an integer gauge), or else a measure such as an age.</param>
public sealed record StoreFigure(string Name, string Unit, string Description, bool Count,
    Func<StudyBotDb, DateTime, CancellationToken, Task<double>> ReadAsync);

public static class StoreFigureExtensions
{
    public static IServiceCollection AddStoreFigure(this IServiceCollection services, string name, string unit,
        string description, Func<StudyBotDb, DateTime, CancellationToken, Task<long>> count) =>
        services.AddSingleton(new StoreFigure(name, unit, description, true, async (db, now, ct) => await count(db, now, ct)));

    public static IServiceCollection AddStoreMeasure(this IServiceCollection services, string name, string unit,
        string description, Func<StudyBotDb, DateTime, CancellationToken, Task<double>> measure) =>
        services.AddSingleton(new StoreFigure(name, unit, description, false, measure));
}
