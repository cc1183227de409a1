using System.Text.Json.Nodes;
using StudyBot.Nominations;
using StudyBot.Resources;
using StudyBot.Tests.Cards;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Nominations;

/// <summary>Every nomination card, in every state, passes Microsoft's Adaptive Cards renderer at 1.5.</summary>
public sealed class NominationCardRendererTests
{
    [NodeToolsFact]
    public async Task Every_nomination_card_passes_the_adaptivecards_renderer()
    {
        var cards = new Dictionary<string, JsonNode>();
        foreach (var language in new[] { "vi", "en" })
        {
            var t = new Texts(language);
            var values = new NominationFormValues(null, "an@bhxh.example", "Giải quyết *kịp thời* <b>hồ sơ</b>", "2026-11-20", "files", "Thư cảm ơn");
            cards[$"form-picker-{language}"] = NominationForm.Card(t, values, picker: true, "2026-11-21").ToJson();
            cards[$"form-text-{language}"] = NominationForm.Card(t, values, picker: false, "2026-11-21", "Lỗi", confirmDuplicate: true).ToJson();
            foreach (var status in new[] { NominationStatus.Pending, NominationStatus.Commended, NominationStatus.Proposed, NominationStatus.Declined })
            {
                var n = new Nomination
                {
                    Id = Guid.NewGuid(), Year = 2026, Sequence = 7, Deed = new string('x', 2000), DeedDate = "2026-11-20", Category = "citizens",
                    Note = "Minh chứng", Status = status, DecisionReason = status == NominationStatus.Declined ? "Chưa đủ" : null,
                };
                var view = new NominationView(n, "Nguyễn Văn An", "Chi bộ Thu", "Lê Văn Cường", "Nguyễn Giám Đốc", new DateTime(2026, 11, 21, 9, 5, 0));
                cards[$"decision-{status}-{language}"] = NominationCards.Decision(t, view, error: "Lỗi", notice: "Ghi chú").ToJson();
                cards[$"fyi-{status}-{language}"] = NominationCards.Decision(t, view, forInformation: true).ToJson();
                cards[$"summary-{status}-{language}"] = NominationCards.Summary(t, view, leaders: status == NominationStatus.Pending ? 0 : 2).ToJson();
                cards[$"outcome-{status}-{language}"] = NominationCards.Outcome(t, view, toNominee: status != NominationStatus.Declined).ToJson();
            }
            var month = Enumerable.Range(0, 30).Select(i => new Nomination
            {
                Category = NominationCategories.All[i % 5], Status = i % 3 == 0 ? NominationStatus.Pending : NominationStatus.Commended,
                NomineeUnitId = i % 2 == 0 ? Guid.Empty : null,
            }).ToList();
            cards[$"monthly-{language}"] = NominationSummaryJob.Summary(t, new SummaryMonth(2026, 11), month,
                new Dictionary<Guid, string> { [Guid.Empty] = "Chi bộ Thu" }).ToJson();
            cards[$"monthly-empty-{language}"] = NominationSummaryJob.Summary(t, new SummaryMonth(2026, 11), [], new Dictionary<Guid, string>()).ToJson();
        }

        var results = await CardRendererTests.ValidateAsync(cards);

        Assert.Equal(cards.Count, results.Count);
        // Teams' people picker is a Teams extension of Input.ChoiceSet ("choices.data" with no static choices), which
        // Teams renders in 1.5 cards (learn.microsoft.com, "People Picker in Adaptive Cards"); the renderer knows it only
        // from 1.6. Exactly those two findings are allowed on the picker form, and nothing else on any card.
        string[] pickerOnly = ["Property \"choices.data\" is supported in version 1.6, but you are using version 1.5.",
            "An Input.ChoiceSet must have at least one choice defined."];
        Assert.All(results, r =>
        {
            var errors = r.Name.StartsWith("form-picker-") ? r.Errors.Except(pickerOnly).ToList() : r.Errors;
            Assert.True(errors.Count == 0, $"{r.Name}: {string.Join("; ", errors)}");
        });
        Assert.All(results.Where(r => r.Name.StartsWith("form-picker-")), r => Assert.Equal(pickerOnly, r.Errors));
    }
}
