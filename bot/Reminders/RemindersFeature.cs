using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Scheduling;
using StudyBot.Storage;

namespace StudyBot.Reminders;

/// <summary>The cell's calendar: `nhắc` / `remind`, reminder cards with "Đã nhận", and the story rota.</summary>
public sealed class RemindersFeature : IFeature
{
    public void Register(CommandTable table)
    {
        table.AddCommand("remind", ReminderCommands.HandleAsync, "nhắc", "remind");
        table.AddVerb(ReminderCards.AckVerb, ReminderButtons.AcknowledgeAsync);
        table.AddVerb(ReminderCards.SnoozeVerb, ReminderButtons.SnoozeAsync);
        table.AddVerb(ReminderManageCards.FormVerb, ReminderCommands.FormAsync, Access.SecretariesAndAdmins);
        table.AddVerb(RotaOrder.ShowVerb, RotaOrder.ShowAsync, Access.SecretariesAndAdmins);
        table.AddVerb(RotaOrder.MoveVerb, RotaOrder.MoveAsync, Access.SecretariesAndAdmins);
        table.AddVerb(ReminderManageCards.SaveVerb, ReminderCommands.SaveAsync, Access.SecretariesAndAdmins);
        table.AddVerb(ReminderManageCards.PauseVerb, ReminderCommands.PauseAsync, Access.SecretariesAndAdmins);
        table.AddVerb(ReminderManageCards.ResumeVerb, ReminderCommands.ResumeAsync, Access.SecretariesAndAdmins);
        table.AddVerb(ReminderManageCards.CancelVerb, ReminderCommands.CancelAsync, Access.SecretariesAndAdmins);
        table.AddVerb(ReminderManageCards.ResultsVerb, ReminderCommands.ResultsAsync, Access.SecretariesAndAdmins);
        table.AddVerb(StoryRotaService.AcceptVerb, StoryAnswers.AcceptAsync);
        table.AddVerb(StoryRotaService.DeclineVerb, StoryAnswers.DeclineAsync);
        table.AddVerb(StoryRotaService.SwapVerb, StoryAnswers.SwapAsync);
        table.AddVerb(StoryRotaService.SwapAcceptVerb, StoryAnswers.SwapAcceptAsync);
        table.AddVerb(StoryRotaService.SwapDeclineVerb, StoryAnswers.SwapDeclineAsync);
    }
}

public static class RemindersExtensions
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddJob<ReminderFireJob>();
        services.AddJob<ReminderEarlyJob>();
        services.AddSingleton<IPersonalDataPart, RemindersPersonalData>();
        services.AddSingleton<IYearPart, RemindersYear>();
        services.AddSingleton<IOverviewPart, RemindersOverview>();
        services.AddJob<StoryAskJob>();
        services.AddSingleton<IDatabaseSeed, ReminderScheduleSeed>();
        services.AddFeature<RemindersFeature>();
        return services;
    }
}
