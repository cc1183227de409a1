using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Conversations;
using StudyBot.Conversations.Speed;
using StudyBot.Resources;
using StudyBot.Storage;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Storage;

/// <summary>
/// The turn's reads on SQLite go around EF, so what they read must be what EF reads: every mapped property, with
/// every property set to something other than its default.
/// </summary>
public sealed class SqliteTurnReadsTests
{
    private static readonly DateTime Moment = new(2026, 11, 22, 8, 30, 15, 123, DateTimeKind.Utc);

    [Fact]
    public async Task Each_row_a_turn_reads_is_what_EF_reads_property_for_property()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using (var db = database.NewDb()) await db.Database.MigrateAsync();
        var member = new Member
        {
            Id = Guid.NewGuid(), Upn = "an@bhxh.example", Email = "an.nguyen@bhxh.example", AadObjectId = "aad-an",
            ChannelUserId = "29:an", Name = "Nguyễn Văn An", IsPartyMember = true, Language = Languages.English,
            Unreachable = true, UnreachableReason = "BotNotInConversationRoster", CreatedAt = Moment,
            LastSeenAt = Moment.AddMinutes(1), ErasedAt = Moment.AddMinutes(2), ErasedKeys = "AAD0;UPN0",
        };
        var unit = new Unit { Id = Guid.NewGuid(), Name = "Chi bộ Thu" };
        var role = new RoleAssignment
        {
            Id = Guid.NewGuid(), MemberId = member.Id, Role = Role.Secretary, UnitId = unit.Id, Source = "manual", CreatedAt = Moment,
        };
        var conversation = new ConversationRecord
        {
            Id = "a:conversation", ChannelId = "msteams", ServiceUrl = "https://smba.example/apac/", ConversationType = "personal",
            TenantId = "tenant", BotId = "28:bot", BotName = "StudyBot", MemberId = member.Id, UserId = "29:an", Locale = "vi-VN",
            WelcomedAt = Moment, UpdatedAt = Moment.AddSeconds(5),
        };
        var dialog = new DialogState
        {
            ConversationId = conversation.Id, UserId = "29:an", Dialog = "nominate", Data = """{"step":2}""", Version = 7, UpdatedAt = Moment,
        };
        var processed = new ProcessedActivity
        {
            ConversationId = conversation.Id, ActivityId = "act-1", ReceivedAt = Moment, PendingReplies = "[]",
            SendLeaseUntil = Moment.AddSeconds(30), RepliesSentAt = Moment.AddSeconds(1), InvokeResponse = "{}", InvokeStatus = 200,
        };
        await using (var db = database.NewDb())
        {
            db.AddRange(member, unit, role, conversation, dialog, processed);
            await db.SaveChangesAsync();
        }

        using var reads = new SqliteTurnReads();
        await using var check = database.NewDb();
        var found = reads.Read(check, conversation.Id, "act-1", "29:an", "aad-an");
        AssertSameAsEf(check, found.Processed!, await check.Set<ProcessedActivity>().AsNoTracking().SingleAsync());
        Assert.Null(found.ByAad); // a redelivery reads nothing more

        found = reads.Read(check, conversation.Id, "act-2", "29:an", "aad-an");
        Assert.Null(found.Processed);
        AssertSameAsEf(check, found.ByAad!, await check.Set<Member>().AsNoTracking().SingleAsync());
        Assert.Null(found.ByChannelId); // the same person: their Teams id matches, so it is not looked up again
        AssertSameAsEf(check, found.Conversation!, await check.Set<ConversationRecord>().AsNoTracking().SingleAsync());
        AssertSameAsEf(check, found.Dialog!, await check.Set<DialogState>().AsNoTracking().SingleAsync());
        AssertSameAsEf(check, Assert.Single(found.Roles!), await check.Set<RoleAssignment>().AsNoTracking().SingleAsync());

        // Known by the Teams id alone (no directory id on the activity), and an id that names nobody.
        found = reads.Read(check, conversation.Id, null, "29:an", null);
        Assert.Equal(member.Id, found.ByChannelId!.Id);
        Assert.Single(found.Roles!);
        found = reads.Read(check, "another", "act-3", "29:nobody", "aad-nobody");
        Assert.Equal((null, null, null, null, null), (found.ByAad, found.ByChannelId, found.Conversation, found.Dialog, found.Roles));
    }

    private static void AssertSameAsEf<T>(StudyBotDb db, T read, T byEf)
    {
        var properties = db.Model.FindEntityType(typeof(T))!.GetProperties().ToList();
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            var expected = property.PropertyInfo!.GetValue(byEf);
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            Assert.False(expected is null or "" || (type.IsValueType && Equals(expected, Activator.CreateInstance(type))),
                $"{typeof(T).Name}.{property.Name} is left at its default in this test, so it proves nothing");
            var actual = property.PropertyInfo.GetValue(read);
            Assert.True(Equals(expected, actual), $"{typeof(T).Name}.{property.Name}: EF read {expected}, the turn read {actual}");
            // DateTime's Equals ignores the kind, and time zone conversions do not.
            if (expected is DateTime when) Assert.Equal(when.Kind, ((DateTime)actual!).Kind);
        }
    }
}
