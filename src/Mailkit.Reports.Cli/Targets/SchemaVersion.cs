using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// The version of the tables a database holds, kept in the one-row table <c>schema_version</c>. A database without it
/// was written before there was one (version 1: the verdict columns may be missing) and is migrated and stamped once;
/// a database of a newer version than this tool knows is refused, never changed.
/// </summary>
internal static class SchemaVersion
{
    /// <summary>
    /// The version this tool writes: <c>raw_bounces</c> with the verdict columns, every row classified (2), and with
    /// <c>sent_at</c> and <c>bounced_at</c> beside the tables of the other datasets (3).
    /// </summary>
    public const int Current = 3;

    /// <summary>The version of a database written before <c>schema_version</c> existed.</summary>
    public const int Unversioned = 1;

    /// <summary>The table, as both SQLite and PostgreSQL create it.</summary>
    public const string Table = "CREATE TABLE IF NOT EXISTS schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL);";

    /// <summary>Refuses a database of a version this tool does not know.</summary>
    /// <exception cref="TargetException"><paramref name="version"/> is newer than <see cref="Current"/>.</exception>
    public static void EnsureKnown(string target, long version)
    {
        if (version > Current)
        {
            var versions = string.Create(CultureInfo.InvariantCulture, $"schema version {version}; this one knows up to {Current}");
            throw new TargetException(
                $"{target} was written by a newer mailkit-bounces ({versions}); update mailkit-bounces, or choose another file or database.");
        }
    }

    /// <summary>A SQLite database's stamped version, or <see langword="null"/> for one from before <c>schema_version</c>.</summary>
    public static async Task<long?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version')";
        if (await read.ExecuteScalarAsync(cancellationToken) is not (long and not 0))
        {
            return null;
        }

        read.CommandText = "SELECT version FROM schema_version WHERE id = 1";
        return await read.ExecuteScalarAsync(cancellationToken) is long version ? version : null;
    }

    /// <summary>A PostgreSQL database's stamped version, or <see langword="null"/> for one from before <c>schema_version</c>.</summary>
    public static async Task<long?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL", connection, transaction);
        if (await read.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return null;
        }

        read.CommandText = "SELECT version FROM schema_version WHERE id = 1";
        return await read.ExecuteScalarAsync(cancellationToken) is int version ? version : null;
    }
}
