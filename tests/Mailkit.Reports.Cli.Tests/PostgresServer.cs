using System.Diagnostics;
using Npgsql;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>
/// A real PostgreSQL server for the export tests: the one MAILKIT_TEST_POSTGRES names, or else a throwaway one started
/// on loopback with the repository's .ci/postgres script (which installs Debian's postgresql when it is missing).
/// Each test gets a database of its own.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string? _dataDirectory;

    public PostgresServer()
    {
        var given = Environment.GetEnvironmentVariable("MAILKIT_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(given))
        {
            ConnectionString = given;
            return;
        }

        var script = FindScript();
        var port = 55000 + (Environment.ProcessId % 5000);
        var start = new ProcessStartInfo("bash", [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not start PostgreSQL with {script}: {error}");
        }

        ConnectionString = output.Split('\n')[^1];
        var stop = error.Split('\n').FirstOrDefault(l => l.StartsWith("data directory: ", StringComparison.Ordinal));
        _dataDirectory = stop?["data directory: ".Length..].Split(' ')[0];
    }

    public string ConnectionString { get; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "export_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = false }.ToString();
    }

    public void Dispose()
    {
        if (_dataDirectory is null)
        {
            return;
        }

        var command = $"bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); runuser -u postgres -- \"$bin/pg_ctl\" -D '{_dataDirectory}' -m immediate stop >/dev/null 2>&1 || \"$bin/pg_ctl\" -D '{_dataDirectory}' -m immediate stop >/dev/null 2>&1; true";
        using var stop = Process.Start(new ProcessStartInfo("bash", ["-c", command]));
        stop?.WaitForExit();
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".ci", "postgres");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Set MAILKIT_TEST_POSTGRES, or run the tests from a checkout that has .ci/postgres.");
    }
}
