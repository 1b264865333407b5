using System.Globalization;
using System.Text.Json;
using Mailkit.Reports.Cli.Targets;
using Mailkit.Reports.Testing;
using Mailkit.Reports.Transport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>Runs the tool in process and reads what it wrote.</summary>
internal static class CliHarness
{
    private static int _nextClientId = 70_000;

    internal static MailkitEmulator Emulator(int records)
    {
        var emulator = new MailkitEmulator { ClientId = Interlocked.Increment(ref _nextClientId) };
        return emulator.AddGenerated(records, seed: records);
    }

    internal static Task<CliRun> RunAsync(MailkitEmulatorServer server, string[] arguments, MailkitTransport? transport = null, CancellationToken cancellationToken = default) =>
        CliAsync(
            ["export", "--endpoint", server.Endpoint.ToString(), "--client-id", server.Emulator.ClientId.ToString(CultureInfo.InvariantCulture), "--no-progress", .. arguments],
            new Dictionary<string, string?> { ["MAILKIT_CLIENT_MD5"] = server.Emulator.ClientMd5 },
            transport,
            cancellationToken: cancellationToken);

    internal static async Task<CliRun> CliAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null, MailkitTransport? transport = null, string standardInput = "", TimeProvider? timeProvider = null, Func<IBounceTarget, IBounceTarget>? target = null, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(standardInput);
        var exit = await CliApp.RunAsync(arguments, output, error, errorIsTerminal: false, environment ?? new Dictionary<string, string?>(), input, cancellationToken, transport, timeProvider, target);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Every stored record must be one of the emulator's, with every field as Mailkit sent it, each once, in order.</summary>
    internal static void AssertSameData(MailkitEmulator emulator, List<Dictionary<string, string>> stored)
    {
        Assert.Equal(emulator.Bounces.Count, stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var expected = emulator.Bounces[i].Fields.ToDictionary(f => f.Key, f => f.Value);
            Assert.Equal(expected.OrderBy(p => p.Key), stored[i].Where(p => !Verdict.Columns.Contains(p.Key) && (expected.ContainsKey(p.Key) || p.Value.Length > 0)).OrderBy(p => p.Key));
        }
    }

    internal static async Task<List<Dictionary<string, string>>> ReadAsync(string target, string? format)
    {
        if (!File.Exists(target))
        {
            return [];
        }

        var kind = format ?? Path.GetExtension(target) switch { ".db" or ".sqlite" => "sqlite", ".csv" => "csv", _ => "ndjson" };
        return kind switch
        {
            "sqlite" => await ReadSqliteAsync(target),
            "csv" => ReadCsv(await File.ReadAllTextAsync(target)),
            _ => (await File.ReadAllLinesAsync(target)).Where(l => l.Length > 0)
                .Select(l => JsonSerializer.Deserialize<Dictionary<string, string>>(l)!).ToList(),
        };
    }

    internal static async Task<List<Dictionary<string, string>>> ReadSqliteAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        return await ReadTableAsync(connection.CreateCommand());
    }

    internal static async Task<List<Dictionary<string, string>>> ReadPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ReadTableAsync(connection.CreateCommand());
    }

    internal static async Task<List<Dictionary<string, string>>> ReadTableAsync(System.Data.Common.DbCommand command)
    {
        await using var disposeCommand = command;
        command.CommandText = "SELECT * FROM raw_bounces ORDER BY id_undelivered_log";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                var value = reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
                if (name == "extra")
                {
                    foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(value)!)
                    {
                        row[key] = text;
                    }
                }
                else
                {
                    row[Verdict.Columns.Contains(name) ? name : name.ToUpperInvariant()] = value;
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Reads RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks).</summary>
    internal static List<Dictionary<string, string>> ReadCsv(string text)
    {
        var records = new List<List<string>>();
        var field = new System.Text.StringBuilder();
        var record = new List<string>();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        var header = records[0];
        return records.Skip(1).Select(values =>
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                if (header[i] == "extra")
                {
                    foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(values[i])!)
                    {
                        row[key] = value;
                    }
                }
                else
                {
                    row[Verdict.Columns.Contains(header[i]) ? header[i] : header[i].ToUpperInvariant()] = values[i];
                }
            }

            return row;
        }).ToList();
    }

}

internal sealed record CliRun(int ExitCode, string Output, string Error);
