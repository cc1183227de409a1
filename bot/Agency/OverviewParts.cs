using System.Text.Json.Nodes;
using StudyBot.Resources;
using StudyBot.Storage;

namespace StudyBot.Agency;

/// <summary>Who is looking, at which units, and when: what every part of an overview reads from.</summary>
/// <param name="Acts">Whether the viewer may act on these units (their secretary, or an admin): buttons, and what members
/// wrote to their secretary, are for them; a leader reading a cell sees figures only.</param>
public sealed record OverviewScope(StudyBotDb Db, Member Viewer, IReadOnlyList<Guid> Units, DateTime Now, TimeZoneInfo Zone, Texts T, bool Acts = true);

/// <summary>
/// One block of an overview: a heading, its lines (already escaped where people typed them), the one button that acts on
/// it, and a chart of what the lines already say in words (a client that shows no pictures loses nothing).
/// </summary>
public sealed record OverviewBlock(int Order, string Heading, IReadOnlyList<string> Lines, JsonObject? Action = null, ChartSpec? Chart = null);

/// <summary>A chart as data: bars or a line, a title, a label and a value for each point (percentages, or counts).</summary>
public sealed record ChartSpec(string Kind, string Title, IReadOnlyList<string> Labels, IReadOnlyList<double> Values, bool Percent = true)
{
    public const string Bars = "bars";
    public const string Line = "line";
}

/// <summary>
/// A feature's part of `tổng quan`: for a cell's secretary (the cell and the units under it), for a member (their own
/// cells), and for the leaders (every unit). Null, or no lines, leaves the block out: an overview shows what needs
/// looking at, never a row of zeros.
/// </summary>
public interface IOverviewPart
{
    Task<OverviewBlock?> CellAsync(OverviewScope scope, CancellationToken ct);

    Task<OverviewBlock?> MemberAsync(OverviewScope scope, CancellationToken ct);

    Task<OverviewBlock?> AgencyAsync(OverviewScope scope, CancellationToken ct);
}
