using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StudyBot.Conversations.Speed;

/// <summary>
/// An entity read from a SQLite row by the store's own model: every mapped column, in the model's order, converted
/// as EF converts it. Built from the model rather than written out, so a property added to an entity is read here too;
/// a property of a kind this does not know stops the process at start-up instead of coming back empty.
/// </summary>
internal sealed class RowShape<T> where T : class, new()
{
    private readonly Action<T, SqliteDataReader, int>[] _setters;

    public RowShape(IModel model)
    {
        var type = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var properties = type.GetProperties().ToArray();
        Select = $"SELECT {string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))} FROM \"{type.GetTableName()}\"";
        _setters = properties.Select(Setter).ToArray();
    }

    /// <summary>"SELECT every column FROM the table", for a statement to add its WHERE to.</summary>
    public string Select { get; }

    public T Read(SqliteDataReader reader)
    {
        var entity = new T();
        for (var i = 0; i < _setters.Length; i++) _setters[i](entity, reader, i);
        return entity;
    }

    private static Action<T, SqliteDataReader, int> Setter(IProperty property)
    {
        var info = property.PropertyInfo
                   ?? throw new NotSupportedException($"{typeof(T).Name}.{property.Name} has no CLR property to set");
        var converter = property.GetTypeMapping().Converter;
        var stored = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
        Func<SqliteDataReader, int, object> read =
            stored == typeof(string) ? (r, i) => r.GetString(i)
            : stored == typeof(Guid) ? (r, i) => r.GetGuid(i)
            : stored == typeof(DateTime) ? (r, i) => r.GetDateTime(i)
            : stored == typeof(bool) ? (r, i) => r.GetBoolean(i)
            : stored == typeof(int) ? (r, i) => r.GetInt32(i)
            : stored == typeof(long) ? (r, i) => r.GetInt64(i)
            : throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is stored as {stored.Name}, which RowShape does not read");
        return (entity, reader, i) =>
        {
            if (reader.IsDBNull(i)) { info.SetValue(entity, null); return; }
            var value = read(reader, i);
            info.SetValue(entity, converter is null ? value : converter.ConvertFromProvider(value));
        };
    }
}
