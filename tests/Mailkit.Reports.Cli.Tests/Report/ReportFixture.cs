using System.Data.Common;
using Mailkit.Reports.Cli.Report;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Cli.Tests.Report;

/// <summary>Makes exports holding <see cref="ReportWorld"/> and reads them as <c>report</c> does.</summary>
internal static class ReportFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The run's folder for the exports and reports these tests write, removed when the test process exits.</summary>
    private static readonly Lazy<string> RunFolder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("mailkit-report-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open as the process ends; the folder is under the temp folder anyway.
            }
        };
        return folder;
    });

    /// <summary>A new empty folder inside the run's folder.</summary>
    public static string NewFolder() => Directory.CreateDirectory(Path.Combine(RunFolder.Value, Guid.NewGuid().ToString("N")[..12])).FullName;

    public static ReportSettings Settings(string input, string output = "report.html") =>
        new(input, output, null, ReportBucket.Week, 0.02, 0.05, 2.0, 3);

    /// <summary>A SQLite file in a new temporary folder, holding the world.</summary>
    public static async Task<string> SqliteAsync(bool messages = true, bool bounceTimes = true)
    {
        var path = Path.Combine(NewFolder(), "bounces.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await FillAsync(connection, messages, bounceTimes);
        return path;
    }

    public static async Task<string> PostgresAsync(PostgresServer server)
    {
        var connectionString = server.CreateDatabase();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await FillAsync(connection, messages: true, bounceTimes: true);
        return connectionString;
    }

    public static async Task<ReportData> ReadAsync(string input, ReportSettings? settings = null)
    {
        settings ??= Settings(input);
        var postgres = input.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        DbConnection Open() => postgres
            ? new NpgsqlConnection(input)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = input, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        return await new ReportReader(Open, postgres ? ReportDialect.Postgres : ReportDialect.Sqlite, settings).ReadAsync("the export", Now, null, CancellationToken.None);
    }

    private static async Task FillAsync(DbConnection connection, bool messages, bool bounceTimes)
    {
        await ReportSchema.CreateAsync(connection, bounceTimes, datasets: messages);
        await ReportWorld.FillAsync(connection, messages, bounceTimes);
    }
}
