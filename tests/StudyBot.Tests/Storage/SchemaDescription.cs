using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using StudyBot.Storage;

namespace StudyBot.Tests.Storage;

/// <summary>A database's tables, columns and indexes as sorted lines, read from the provider's own catalogue.</summary>
public static class SchemaDescription
{
    public static async Task<List<string>> DescribeAsync(StudyBotDb db, StorageProvider provider)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sql = provider == StorageProvider.Sqlite
            ? """
              SELECT m.name || '.' || c.name || ' ' || c.type || ' null=' || (1 - c."notnull") || ' pk=' || c.pk
              FROM sqlite_master m JOIN pragma_table_info(m.name) c
              WHERE m.type = 'table' AND m.name NOT LIKE '\_\_EF%' ESCAPE '\' AND m.name NOT LIKE 'sqlite%'
              UNION ALL
              SELECT m.name || ' index ' || i.name || ' unique=' || CASE i."unique" WHEN 1 THEN 'True' ELSE 'False' END
              FROM sqlite_master m JOIN pragma_index_list(m.name) i
              WHERE m.type = 'table' AND i.origin = 'c'
              """
            : """
              SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
                     || ' null=' || is_nullable
              FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
              UNION ALL
              SELECT t.relname || ' index ' || i.relname || ' unique=' || CASE ix.indisunique WHEN true THEN 'True' ELSE 'False' END
              FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
              JOIN pg_namespace n ON n.oid = t.relnamespace
              WHERE n.nspname = 'public' AND t.relname NOT LIKE '\_\_EF%'
              """;
        var lines = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
