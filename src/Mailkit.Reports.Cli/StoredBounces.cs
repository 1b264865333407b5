using System.Data.Common;
using System.Text.Json;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Cli;

/// <summary>
/// Reads an export back: SQLite, PostgreSQL or NDJSON. The verdict is the one stored beside each row; an export written
/// before there were verdicts is classified as it is read, and is not changed. With <c>--examples</c>, a stored
/// verdict of <c>undefined</c> is classified again by the taught classifier, since the examples decide only what no
/// rule decides.
/// </summary>
internal static class StoredBounces
{
    private static readonly string Undetermined = BounceReasons.ToSisimaiName(BounceReason.Undetermined);

    /// <summary>Whether <see cref="ReadAsync"/> reads the format.</summary>
    public static bool CanRead(ExportFormat format) => format is ExportFormat.Sqlite or ExportFormat.Postgres or ExportFormat.Ndjson;

    /// <param name="input">The export.</param>
    /// <param name="format">Its format.</param>
    /// <param name="classifier">Classifies the rows stored without a verdict.</param>
    /// <param name="taught">Whether <paramref name="classifier"/> was given examples, so that it also decides rows stored as <c>undefined</c>.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static async Task<List<StoredBounce>> ReadAsync(string input, ExportFormat format, BounceClassifier classifier, bool taught, CancellationToken cancellationToken)
    {
        var rows = new List<StoredBounce>();
        switch (format)
        {
            case ExportFormat.Sqlite:
                var readOnly = new SqliteConnectionStringBuilder { DataSource = input, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
                await using (var connection = new SqliteConnection(readOnly.ToString()))
                {
                    await connection.OpenAsync(cancellationToken);
                    var stored = await SqliteTarget.HasVerdictColumnsAsync(connection, cancellationToken);
                    await ReadTableAsync(connection, stored, $"json_extract(extra, '$.{BounceFieldNames.BounceCategory}')", classifier, taught, rows, cancellationToken);
                }

                break;
            case ExportFormat.Postgres:
                await using (var connection = new NpgsqlConnection(PostgresConnectionString.Normalize(input)))
                {
                    await connection.OpenAsync(cancellationToken);
                    var stored = await PostgresTarget.HasVerdictColumnsAsync(connection, cancellationToken);
                    await ReadTableAsync(connection, stored, $"extra->>'{BounceFieldNames.BounceCategory}'", classifier, taught, rows, cancellationToken);
                }

                break;
            case ExportFormat.Ndjson:
                foreach (var line in await File.ReadAllLinesAsync(input, cancellationToken))
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    using var json = JsonDocument.Parse(line);
                    var root = json.RootElement;
                    string Text(string key) => root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
                    var (recipient, status, reply, email, mta) = (Text("RECIPIENT_STATUS"), Text("STATUS"), Text("TEXT_STATUS"), Text("EMAIL"), Text("REMOTE_MTA"));
                    var verdict = Text(Verdict.ReasonColumn).Length > 0 && Text(Verdict.AdviceColumn).Length > 0 && !(taught && Text(Verdict.ReasonColumn) == Undetermined)
                        ? new Verdict(Text(Verdict.ReasonColumn), Text(Verdict.HardBounceColumn) == "true", Text(Verdict.AdviceColumn))
                        : Verdict.Of(classifier, status, reply, mta, email, Text(BounceFieldNames.BounceCategory), recipient);
                    rows.Add(new StoredBounce(recipient, status, reply, email, mta, Text("ID_SEND"), verdict));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Not a format that can be read back.");
        }

        return rows;
    }

    private static async Task ReadTableAsync(
        DbConnection connection, bool storedVerdicts, string category, BounceClassifier classifier, bool taught, List<StoredBounce> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT recipient_status, status, text_status, email, remote_mta, id_send, {category}"
            + (storedVerdicts ? ", reason, hard_bounce, advice" : string.Empty) + " FROM raw_bounces ORDER BY id_undelivered_log";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (recipient, status, reply, email, mta) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
            var send = reader.IsDBNull(5) ? string.Empty : reader.GetInt64(5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var bounceCategory = reader.IsDBNull(6) ? null : reader.GetString(6);
            var verdict = storedVerdicts && !reader.IsDBNull(7) && !reader.IsDBNull(8) && !reader.IsDBNull(9) && !(taught && reader.GetString(7) == Undetermined)
                ? new Verdict(reader.GetString(7), Convert.ToBoolean(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(9))
                : Verdict.Of(classifier, status, reply, mta, email, bounceCategory, recipient);
            rows.Add(new StoredBounce(recipient, status, reply, email, mta, send, verdict));
        }
    }
}
