using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Content;
using StudyBot.Conversations;
using StudyBot.Scheduling;
using StudyBot.Telemetry;

namespace StudyBot.Conduct;

/// <summary>`hỏi` / `ask` and free text: answers from the conduct knowledge base, and a secretary when the bot is unsure.</summary>
public sealed class ConductFeature : IFeature
{
    public void Register(CommandTable table)
    {
        table.AddCommand("ask", ConductCommands.HandleAsync, "hỏi", "ask").Guarded("hỏi duyệt", Access.Admins)
            .Guarded("hỏi chờ", Access.SecretariesAndAdmins);
        table.OnFreeText(ConductCommands.FreeTextAsync);
        table.AddVerb(ConductCards.ShowVerb, ConductAsk.ShowAsync);
        table.AddVerb(ConductCards.HelpfulVerb, ConductAsk.HelpfulAsync);
        table.AddVerb(ConductCards.UnhelpfulVerb, ConductAsk.UnhelpfulAsync);
        table.AddVerb(ConductCards.EscalateVerb, Escalations.AskAsync);
        // Open at the router: whether this person may answer depends on the question's unit, checked in the handler.
        table.AddVerb(ConductCards.AnswerVerb, Escalations.AnswerAsync);
        table.GuardedVerb(ConductCards.AnswerVerb, Access.SecretariesAndAdmins); // the handler checks the question's unit
        table.AddVerb(ConductCards.ApproveVerb, ConductCommands.ApproveAsync, Access.Admins);
        table.AddVerb(ConductCards.RejectVerb, ConductCommands.RejectAsync, Access.Admins);
    }
}

public static class ConductExtensions
{
    public static IServiceCollection AddConduct(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConductOptions>().Bind(configuration.GetSection("Conduct"))
            .Validate(o => o.ConfidenceThreshold is >= 0 and <= 1, "Conduct:ConfidenceThreshold must be between 0 and 1")
            .Validate(o => o.ReminderWorkingDays >= 0, "Conduct:ReminderWorkingDays must not be negative")
            .Validate(o => o.Holidays.All(d => DateOnly.TryParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)), "Conduct:Holidays must be dates written yyyy-MM-dd")
            .ValidateOnStart();
        services.AddSingleton<IContentSection, ConductSection>();
        services.AddSingleton<IPersonalDataPart, ConductPersonalData>();
        services.AddSingleton<IOverviewPart, ConductOverview>();
        services.AddStoreFigure("studybot.escalations.open", "{question}", "«Hỏi bí thư» questions not yet answered.",
            async (db, _, ct) => await db.Set<Escalation>().CountAsync(e => e.Status == EscalationStatus.Open, ct));
        services.AddSingleton<ConductKnowledge>();
        services.AddJob<EscalationJobs.ReminderJob>();
        services.AddJob<EscalationJobs.RouteJob>();
        services.AddFeature<ConductFeature>();
        return services;
    }
}
