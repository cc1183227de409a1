using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Agency;
using StudyBot.Conduct;
using StudyBot.Members.Import;
using StudyBot.Nominations;
using StudyBot.Quiz;
using StudyBot.Reminders;
using StudyBot.Resources;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Members;

/// <summary>
/// A cell where two people have left a trace in every feature: chats, a dialog under way, a refused command, a quiz
/// round, nominations, conduct questions, reminders. What each wrote is distinctive, so an export can be searched
/// for the other person's rows.
/// </summary>
public static class PersonalDataRows
{
    public const string An = "an@bhxh.example";
    public const string Binh = "binh@bhxh.example";
    public const string Cuong = "cuong@bhxh.example";
    public const string AnQuestion = "Đảng viên có được nhận quà biếu của doanh nghiệp dịp Tết không?";
    public const string AnFeedbackQuestion = "cách nói chuyện với đơn vị nợ bảo hiểm";
    public const string AnDeed = "Hướng dẫn tận tình bà cụ làm thủ tục hưởng chế độ tử tuất";
    public const string BinhQuestion = "Câu hỏi riêng của chị Bình về chế độ thai sản";
    public const string BinhDeed = "Việc tốt mà chị Bình kể về anh Cường, không liên quan đến An";
    public const string RoundTitle = "Dân vận tháng 11";

    public static async Task StoreAsync(BotHost bot)
    {
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<MemberImport>().RunAsync(new StringReader($"""
                {MemberFiles.Header}
                {An},Nguyễn Văn An,,,Phòng Thu > Chi bộ Thu,có,bí thư@Chi bộ Thu
                {Binh},Trần Thị Bình,,,Chi bộ Thu,có,
                {Cuong},Lê Văn Cường,,,Chi bộ Thu,có,
                """), Texts.Vietnamese, null, default);
            Assert.Empty(errors);
        }
        // Through real turns: each chat is recorded, An's refused command is audited, and An leaves a question open.
        await bot.SendAsync(People.Says(bot, An, "xin chào"));
        await bot.SendAsync(People.Says(bot, Binh, "xin chào"));
        await bot.SendAsync(People.Says(bot, An, "đơn vị thêm Chi bộ Mới"));
        await bot.SendAsync(People.Says(bot, An, "ngôn ngữ"));
        await bot.SendAsync(People.Says(bot, Binh, "ngôn ngữ"));

        await using var db = bot.NewDb();
        var people = await db.Set<Member>().ToDictionaryAsync(m => m.Upn!, m => m.Id);
        var unit = await db.Set<Unit>().SingleAsync(u => u.Name == "Chi bộ Thu");
        var now = DateTime.UtcNow;
        var round = new QuizRound
        {
            Id = Guid.NewGuid(), UnitId = unit.Id, Title = RoundTitle, OpensAt = now.AddDays(-2), ClosesAt = now.AddDays(-1),
            Status = RoundStatus.Closed, CreatedBy = people[An], CreatedAt = now.AddDays(-3),
        };
        db.Add(round);
        db.Add(new QuizAttempt
        {
            Id = Guid.NewGuid(), MemberId = people[An], RoundId = round.Id, Count = 5, Score = 4,
            StartedAt = now.AddDays(-2), FinishedAt = now.AddDays(-2),
        });
        db.Add(new QuizAttempt { Id = Guid.NewGuid(), MemberId = people[Binh], RoundId = round.Id, Count = 5, Score = 1, StartedAt = now });
        db.Add(Nomination(1, people[An], people[Cuong], AnDeed, now));
        db.Add(Nomination(2, people[Binh], people[An], "Chủ động hỗ trợ đồng nghiệp mới làm quen với phần mềm thu", now));
        db.Add(Nomination(3, people[Binh], people[Cuong], BinhDeed, now));
        db.Add(new Escalation { Id = Guid.NewGuid(), Number = 1, AskerId = people[An], Question = AnQuestion, CreatedAt = now });
        db.Add(new Escalation { Id = Guid.NewGuid(), Number = 2, AskerId = people[Binh], Question = BinhQuestion, CreatedAt = now });
        db.Add(new AnswerFeedback { Id = Guid.NewGuid(), MemberId = people[An], ItemId = "kb-no-dong", Question = AnFeedbackQuestion, At = now });
        var reminder = Guid.NewGuid();
        db.Add(new Acknowledgement { OccurrenceId = Guid.NewGuid(), MemberId = people[An], At = now.AddHours(-5) });
        db.Add(new StoryAssignment
        {
            Id = Guid.NewGuid(), ReminderId = reminder, OccurrenceDue = now.AddDays(5), MemberId = people[An],
            Status = StoryStatus.Accepted, AskedAt = now.AddHours(-6),
        });
        db.Add(new StoryAssignment { Id = Guid.NewGuid(), ReminderId = reminder, OccurrenceDue = now.AddDays(35), MemberId = people[Binh], AskedAt = now });
        await db.SaveChangesAsync();
    }

    private static Nomination Nomination(int sequence, Guid nominator, Guid nominee, string deed, DateTime now) => new()
    {
        Id = Guid.NewGuid(), Year = 2026, Sequence = sequence, NominatorId = nominator, NomineeId = nominee, Deed = deed,
        DeedDate = "2026-11-20", Category = NominationCategories.Citizens, CreatedAt = now.AddMinutes(sequence),
    };
}
