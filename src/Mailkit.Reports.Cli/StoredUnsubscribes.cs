using System.Data.Common;
using System.Text.Json;
using Mailkit.Reports.Cli.Datasets;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Cli;

/// <summary>
/// The addresses an export holds as unsubscribed: the <c>unsubscribes</c> table of a database, or the
/// <c>FILE.unsubscribes.ndjson</c> beside an NDJSON export; none when the export has no unsubscriptions.
/// </summary>
internal static class StoredUnsubscribes
{
    /// <summary>The reason the suppression list gives an unsubscribed address.</summary>
    public const string Reason = "unsubscribed";

    /// <summary>Every distinct unsubscribed address as stored, in no particular order.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(string input, ExportFormat format, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case ExportFormat.Sqlite:
                {
                    var readOnly = new SqliteConnectionStringBuilder { DataSource = input, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
                    await using var connection = new SqliteConnection(readOnly.ToString());
                    await connection.OpenAsync(cancellationToken);
                    return await ReadAsync(connection, cancellationToken);
                }

            case ExportFormat.Postgres:
                {
                    await using var connection = new NpgsqlConnection(PostgresConnectionString.Normalize(input));
                    await connection.OpenAsync(cancellationToken);
                    return await ReadAsync(connection, cancellationToken);
                }

            case ExportFormat.Ndjson:
                var path = DatasetFiles.PathOf(input, DatasetTables.Unsubscribes);
                if (!File.Exists(path))
                {
                    return [];
                }

                var emails = new List<string>();
                foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
                {
                    if (line.Length > 0)
                    {
                        using var json = JsonDocument.Parse(line);
                        if (json.RootElement.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String)
                        {
                            emails.Add(email.GetString()!);
                        }
                    }
                }

                return emails;
            default:
                return [];
        }
    }

    /// <summary>Every distinct unsubscribed address an open SQLite or PostgreSQL connection holds; none without the table.</summary>
    public static Task<IReadOnlyList<string>> ReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ReadTableAsync(
            connection,
            connection is NpgsqlConnection
                ? "SELECT to_regclass('unsubscribes') IS NOT NULL"
                : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'unsubscribes')",
            cancellationToken);

    /// <summary>The normalised addresses (<see cref="EmailAddressKey"/>) of unsubscriptions, empty ones left out: what a suppression list holds.</summary>
    public static IEnumerable<string> AddressKeys(IEnumerable<string> unsubscribed) => unsubscribed.Where(e => e.Length > 0).Select(EmailAddressKey.From);

    private static async Task<IReadOnlyList<string>> ReadTableAsync(DbConnection connection, string exists, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = exists;
        if (await command.ExecuteScalarAsync(cancellationToken) is not (true or (long and not 0)))
        {
            return [];
        }

        command.CommandText = "SELECT DISTINCT email FROM unsubscribes";
        var emails = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            emails.Add(reader.GetString(0));
        }

        return emails;
    }
}
