using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StudyBot.Agency;
using StudyBot.Storage;

namespace StudyBot.Conversations.Speed;

/// <summary>What a turn finds stored about its activity, its speaker and their conversation.</summary>
public sealed record TurnRows(
    ProcessedActivity? Processed, Member? ByAad, Member? ByChannelId, ConversationRecord? Conversation,
    DialogState? Dialog, IReadOnlyList<RoleAssignment>? Roles);

/// <summary>
/// The reads every turn starts with, on SQLite, from statements compiled once per connection and run in one read
/// transaction. Microsoft.Data.Sqlite compiles a command's SQL again for every new command, and EF makes a new command
/// for every query: compiling these few statements was the largest part of SQLite's work in a help turn. The
/// connections stay open here for that reason, a few at most, each used by one turn at a time.
/// </summary>
/// <remarks>PostgreSQL prepares statements on the server by itself (auto-prepare), so it reads through EF.</remarks>
public sealed class SqliteTurnReads : IDisposable
{
    /// <summary>More idle connections than this are closed: each keeps its own page cache.</summary>
    private const int MaxIdle = 8;

    private readonly ConcurrentBag<Reader> _idle = [];

    public TurnRows Read(StudyBotDb db, string conversationId, string? activityId, string userId, string? aadObjectId)
    {
        var reader = _idle.TryTake(out var idle) ? idle : new Reader(db);
        TurnRows rows;
        try
        {
            rows = reader.Read(conversationId, activityId, userId, aadObjectId);
        }
        catch
        {
            reader.Dispose(); // it may be left inside its transaction
            throw;
        }
        if (_idle.Count < MaxIdle) _idle.Add(reader);
        else reader.Dispose();
        return rows;
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var reader)) reader.Dispose();
    }

    private sealed class Reader : IDisposable
    {
        private static readonly ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, Shapes> ShapesByModel = new();

        private readonly SqliteConnection _connection;
        private readonly Shapes _shapes;
        private readonly SqliteCommand _begin, _commit, _processed, _byAad, _byChannelId, _conversation, _dialog, _roles;

        public Reader(StudyBotDb db)
        {
            _shapes = ShapesByModel.GetOrAdd(db.Model, model => new Shapes(model));
            _connection = new SqliteConnection(db.Database.GetConnectionString());
            _connection.Open();
            using (var pragma = _connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout=5000;";
                pragma.ExecuteNonQuery();
            }
            _begin = Command("BEGIN");
            _commit = Command("COMMIT");
            _processed = Command($"""{_shapes.Processed.Select} WHERE "ConversationId" = $c AND "ActivityId" = $a LIMIT 1""", "$c", "$a");
            _byAad = Command($"""{_shapes.Member.Select} WHERE "AadObjectId" = $v LIMIT 1""", "$v");
            _byChannelId = Command($"""{_shapes.Member.Select} WHERE "ChannelUserId" = $v LIMIT 1""", "$v");
            _conversation = Command($"""{_shapes.Conversation.Select} WHERE "Id" = $c LIMIT 1""", "$c");
            _dialog = Command($"""{_shapes.Dialog.Select} WHERE "ConversationId" = $c AND "UserId" = $u LIMIT 1""", "$c", "$u");
            _roles = Command($"""{_shapes.Role.Select} WHERE "MemberId" = $m""", "$m");
        }

        private SqliteCommand Command(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, SqliteType.Text));
            command.Prepare();
            return command;
        }

        public TurnRows Read(string conversationId, string? activityId, string userId, string? aadObjectId)
        {
            _begin.ExecuteNonQuery();
            if (activityId is not null && One(_processed, _shapes.Processed, conversationId, activityId) is { } processed)
            {
                _commit.ExecuteNonQuery();
                return new TurnRows(processed, null, null, null, null, null);
            }
            var byAad = aadObjectId is null ? null : One(_byAad, _shapes.Member, aadObjectId);
            var byChannelId = byAad is null || byAad.ChannelUserId != userId ? One(_byChannelId, _shapes.Member, userId) : null;
            var conversation = One(_conversation, _shapes.Conversation, conversationId);
            var dialog = One(_dialog, _shapes.Dialog, conversationId, userId);
            List<RoleAssignment>? roles = null;
            if ((byAad ?? byChannelId) is { } member)
            {
                roles = [];
                // EF keeps a Guid in SQLite as upper-case text, and compares it as text.
                _roles.Parameters[0].Value = member.Id.ToString().ToUpperInvariant();
                using var rows = _roles.ExecuteReader();
                while (rows.Read()) roles.Add(_shapes.Role.Read(rows));
            }
            _commit.ExecuteNonQuery();
            return new TurnRows(null, byAad, byChannelId, conversation, dialog, roles);
        }

        private static T? One<T>(SqliteCommand command, RowShape<T> shape, params string[] values) where T : class, new()
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
            using var rows = command.ExecuteReader();
            return rows.Read() ? shape.Read(rows) : null;
        }

        public void Dispose() => _connection.Dispose(); // disposes its commands too
    }

    private sealed class Shapes(Microsoft.EntityFrameworkCore.Metadata.IModel model)
    {
        public readonly RowShape<ProcessedActivity> Processed = new(model);
        public readonly RowShape<Member> Member = new(model);
        public readonly RowShape<ConversationRecord> Conversation = new(model);
        public readonly RowShape<DialogState> Dialog = new(model);
        public readonly RowShape<RoleAssignment> Role = new(model);
    }
}
