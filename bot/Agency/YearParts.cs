using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Agency;

/// <summary>One line of a person's year: under which heading, and what it says.</summary>
public sealed record YearLine(string Heading, string Text);

/// <summary>
/// A feature's part of a cell's year: headline figures ("participation in each round"), one column for the member table,
/// and lines for a section of its own.
/// </summary>
public sealed record YearFigures(IReadOnlyList<(string Label, string Value)> Facts,
    IReadOnlyList<(string Header, IReadOnlyDictionary<Guid, string> ByMember)> Columns,
    IReadOnlyList<(string Heading, IReadOnlyList<string> Lines)> Sections);

/// <summary>
/// What a feature knows of a year, for the record each member receives and for the cell's report. Each feature adds its
/// own part, so the record and the report need not know each feature's tables.
/// </summary>
public interface IYearPart
{
    /// <summary>Where the part comes in the record and the report.</summary>
    int Order { get; }

    Task<IReadOnlyList<YearLine>> MemberAsync(StudyBotDb db, Guid memberId, int year, Texts t, TimeZoneInfo zone, CancellationToken ct);

    Task<YearFigures> CellAsync(StudyBotDb db, IReadOnlyList<Guid> memberIds, Guid unitId, int year, Texts t, CancellationToken ct);
}
