using Npgsql;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>
/// A real PostgreSQL server for the export tests, shared by every test class of the run: the one
/// <c>MAILKIT_TEST_POSTGRES</c> names, or else one throwaway server (<see cref="ThrowawayPostgres"/>) started the first
/// time a test asks for a database. Each test gets a database of its own, dropped when its class is done.
/// </summary>
/// <remarks>
/// Tests that need the server are marked <see cref="PostgresFactAttribute"/> or <see cref="PostgresInlineDataAttribute"/>,
/// which skip them with <see cref="SkipReason"/> when neither is possible. Nothing here installs software.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The variable that names an existing server by its connection string.</summary>
    public const string ConnectionStringVariable = "MAILKIT_TEST_POSTGRES";

    private static readonly Lazy<string> Shared = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly List<string> _databases = [];

    /// <summary>Gets why the PostgreSQL tests skip here, or <see langword="null"/> when they can run.</summary>
    public static string? SkipReason { get; } = FindSkipReason();

    /// <summary>Gets the connection string of the shared server, starting it on first use.</summary>
    public static string ConnectionString => Shared.Value;

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

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = false }.ToString();
    }

    /// <summary>Drops the databases this class created, so that a long-lived server does not fill up.</summary>
    public void Dispose()
    {
        if (!Shared.IsValueCreated || _databases.Count == 0)
        {
            return;
        }

        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        connection.Open();
        foreach (var name in _databases)
        {
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
    }

    private static string? FindSkipReason()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ConnectionStringVariable)))
        {
            return null;
        }

        return ThrowawayPostgres.WhyNot() is { } why
            ? $"PostgreSQL is not available ({why}): run `bash .ci/postgres` and set {ConnectionStringVariable} to the connection string it prints (see CONTRIBUTING.md)"
            : null;
    }

    private static string StartShared()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } given)
        {
            return given;
        }

        return ThrowawayPostgres.Start().ConnectionString;
    }
}
