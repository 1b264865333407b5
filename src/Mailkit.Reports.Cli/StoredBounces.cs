using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Mailkit.Reports.Classification;
using Mailkit.Reports.Cli.Enrichment;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Models;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Cli;

/// <summary>
/// Reads an export back, one row at a time: SQLite, PostgreSQL or NDJSON. Nothing holds the export whole; the commands
/// fold the rows into their running totals as they come. The verdict is the one stored beside each row; a database from
/// before <c>schema_version</c> is classified as it is read, and is not changed. With <c>--examples</c>, a stored
/// verdict of <c>undefined</c> is classified again by the taught classifier, since the examples decide only what no
/// rule decides.
/// </summary>
internal static class StoredBounces
{
    private static readonly string Undetermined = BounceReasons.ToSisimaiName(BounceReason.Undetermined);

    /// <summary>Whether <see cref="ReadAsync"/> reads the format.</summary>
    public static bool CanRead(ExportFormat format) => format is ExportFormat.Sqlite or ExportFormat.Postgres or ExportFormat.Ndjson;

    /// <summary>
    /// Reads an export back for a command, handing each row to <paramref name="add"/> as it is read; or says why it
    /// cannot, as one line on <paramref name="error"/>.
    /// </summary>
    /// <returns><see langword="null"/> when every row was read; otherwise the exit code.</returns>
    public static async Task<int?> FoldAsync(
        string command,
        string input,
        ExportFormat format,
        BounceClassifier classifier,
        bool taught,
        Action<StoredBounce> add,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var name = TargetResolver.Describe(input, format);
        if (format is ExportFormat.Sqlite or ExportFormat.Ndjson && !File.Exists(input))
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, $"{name} does not exist; run export first.");
        }

        if (!CanRead(format))
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, $"{command} reads SQLite, PostgreSQL or NDJSON, not {format.Name()}.");
        }

        try
        {
            await foreach (var row in ReadAsync(input, format, classifier, taught, cancellationToken))
            {
                add(row);
            }

            return null;
        }
        catch (TargetException ex)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Usage, ex.Message);
        }
        catch (Exception ex) when (ex is DbException or IOException or JsonException or UnauthorizedAccessException or InvalidOperationException
            or System.Net.Sockets.SocketException or TimeoutException)
        {
            return await ErrorReporter.FailAsync(error, ExitCodes.Failed, $"reading {name} failed: {TargetFailures.Reason(ex, input)}");
        }
    }

    /// <param name="input">The export.</param>
    /// <param name="format">Its format.</param>
    /// <param name="classifier">Classifies the rows stored without a verdict.</param>
    /// <param name="taught">Whether <paramref name="classifier"/> was given examples, so that it also decides rows stored as <c>undefined</c>.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <exception cref="TargetException">The database was written by a newer mailkit-bounces.</exception>
    public static IAsyncEnumerable<StoredBounce> ReadAsync(string input, ExportFormat format, BounceClassifier classifier, bool taught, CancellationToken cancellationToken)
    {
        var reading = new Reading(new BounceEnrichment(classifier), taught);
        return format switch
        {
            ExportFormat.Sqlite => ReadSqliteAsync(input, reading, cancellationToken),
            ExportFormat.Postgres => ReadPostgresAsync(input, reading, cancellationToken),
            ExportFormat.Ndjson => ReadNdjsonAsync(input, reading, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a format that can be read back."),
        };
    }

    private static async IAsyncEnumerable<StoredBounce> ReadSqliteAsync(string input, Reading reading, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = input, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        var version = await SchemaVersion.ReadAsync(connection, null, cancellationToken);
        var category = $"json_extract(extra, '$.{BounceFieldNames.BounceCategory}')";
        await foreach (var row in ReadTableAsync(connection, SafeText.Path(input), version, category, reading, cancellationToken))
        {
            yield return row;
        }
    }

    private static async IAsyncEnumerable<StoredBounce> ReadPostgresAsync(string input, Reading reading, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connectionString = PostgresConnectionString.Normalize(input);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var version = await SchemaVersion.ReadAsync(connection, null, cancellationToken);
        var category = $"extra->>'{BounceFieldNames.BounceCategory}'";
        await foreach (var row in ReadTableAsync(connection, PostgresConnectionString.Describe(connectionString), version, category, reading, cancellationToken))
        {
            yield return row;
        }
    }

    private static async IAsyncEnumerable<StoredBounce> ReadNdjsonAsync(string input, Reading reading, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var file = new StreamReader(input);
        while (await file.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            yield return Parse(line, reading);
        }
    }

    private static StoredBounce Parse(string line, Reading reading)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        string Text(string key) => root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        var fields = new StoredFields(Text("STATUS"), Text("TEXT_STATUS"), Text("REMOTE_MTA"), Text("EMAIL"), Text(BounceFieldNames.BounceCategory), Text("RECIPIENT_STATUS"));
        var stored = Text(Verdict.ReasonColumn).Length > 0 && Text(Verdict.AdviceColumn).Length > 0
            ? new Verdict(Text(Verdict.ReasonColumn), Text(Verdict.HardBounceColumn) == "true", Text(Verdict.AdviceColumn))
            : null;
        return Row(fields, Text("ID_SEND"), stored, reading);
    }

    private static async IAsyncEnumerable<StoredBounce> ReadTableAsync(
        DbConnection connection, string name, long? version, string category, Reading reading, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (version is { } stamped)
        {
            SchemaVersion.EnsureKnown(name, stamped);
        }

        // Only a stamped database is sure to have the verdict columns; an older one is classified as it is read.
        var storedVerdicts = version is not null;
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT recipient_status, status, text_status, email, remote_mta, id_send, {category}"
            + (storedVerdicts ? ", reason, hard_bounce, advice" : string.Empty) + " FROM raw_bounces ORDER BY id_undelivered_log";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var fields = new StoredFields(
                reader.GetString(1), reader.GetString(2), reader.GetString(4), reader.GetString(3), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(0));
            var send = reader.IsDBNull(5) ? string.Empty : reader.GetInt64(5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var stored = storedVerdicts && !reader.IsDBNull(7) && !reader.IsDBNull(8) && !reader.IsDBNull(9)
                ? new Verdict(reader.GetString(7), Convert.ToBoolean(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(9))
                : null;
            yield return Row(fields, send, stored, reading);
        }
    }

    /// <summary>A row with its stored verdict, or with the enrichment's when it has none (or, when taught, an undetermined one).</summary>
    private static StoredBounce Row(StoredFields fields, string send, Verdict? stored, Reading reading)
    {
        var verdict = stored is not null && !(reading.Taught && stored.Reason == Undetermined) ? stored : Verdict.Of(reading.Enrichment.Classify(fields));
        return new StoredBounce(fields.RecipientStatus, fields.Status, fields.Reply, fields.Email, fields.RemoteMta, send, verdict);
    }

    private sealed record Reading(BounceEnrichment Enrichment, bool Taught);
}
