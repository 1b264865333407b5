using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// Recognises and normalises a PostgreSQL target. A target is PostgreSQL when it is a <c>postgres://</c> or
/// <c>postgresql://</c> URL, or a key=value connection string whose keys Npgsql all knows and which names the server
/// (<c>Host</c>, <c>Server</c> or <c>Data Source</c>), unless it is one pair without <c>;</c> whose value ends in a file
/// extension the tool writes (<c>Data Source=b.db</c>, <c>Host=eu/b.csv</c> are files).
/// </summary>
internal static class PostgresConnectionString
{
    private static readonly Dictionary<string, string> UrlParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = "Host",
        ["port"] = "Port",
        ["dbname"] = "Database",
        ["user"] = "Username",
        ["password"] = "Password",
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["channel_binding"] = "Channel Binding",
        ["gssencmode"] = "GSS Encryption Mode",
        ["client_encoding"] = "Client Encoding",
    };

    private static readonly Dictionary<string, string> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = "Disable",
        ["allow"] = "Allow",
        ["prefer"] = "Prefer",
        ["require"] = "Require",
        ["verify-ca"] = "VerifyCA",
        ["verify-full"] = "VerifyFull",
    };

    private static readonly string[] FileExtensions = [".db", ".sqlite", ".sqlite3", ".ndjson", ".jsonl", ".csv"];

    public static bool IsUrl(string target) =>
        target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a target is a PostgreSQL connection string (see the type's summary for the rule).</summary>
    public static bool Recognise(string target)
    {
        if (IsUrl(target))
        {
            return true;
        }

        if (!target.Contains('=', StringComparison.Ordinal) || Pairs(target) is not { } pairs)
        {
            return false;
        }

        if (!target.Contains(';', StringComparison.Ordinal) && FileExtensions.Contains(Path.GetExtension(target), StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        var probe = new NpgsqlConnectionStringBuilder();
        return pairs.Any(p => p.Key is "host" or "server" or "data source")
            && pairs.All(p => p.Key == "data source" || probe.ContainsKey(p.Key));
    }

    /// <summary>
    /// The Npgsql connection string for a target in either form: every setting, URL query parameters included, reaches
    /// the connection. Throws <see cref="TargetException"/> (naming no value) for what cannot be used.
    /// </summary>
    public static string Normalize(string target)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        if (IsUrl(target))
        {
            FromUrl(target, builder);
        }
        else
        {
            foreach (var (key, value) in Pairs(target) ?? throw new TargetException("the PostgreSQL connection string cannot be read as key=value pairs."))
            {
                Set(builder, key == "data source" && !builder.ContainsKey(key) ? "Host" : key, value, "setting");
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>Host, port and database only: never a user or a password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return SafeText.Line(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}"));
    }

    private static void FromUrl(string target, NpgsqlConnectionStringBuilder builder)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Authority.Contains(',', StringComparison.Ordinal))
        {
            throw new TargetException("the PostgreSQL URL cannot be read (for several hosts use the Host=…;… form).");
        }

        if (uri.DnsSafeHost.Length > 0)
        {
            builder.Host = uri.DnsSafeHost;
        }

        builder.Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var parameter in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = parameter.Split('=', 2);
            var key = Uri.UnescapeDataString(pair[0]);
            var value = pair.Length == 2 ? Uri.UnescapeDataString(pair[1]) : string.Empty;
            if (UrlParameters.TryGetValue(key, out var keyword))
            {
                Set(builder, keyword, keyword == "SSL Mode" && SslModes.TryGetValue(value, out var mode) ? mode : value, "query parameter");
            }
            else
            {
                Set(builder, key, value, "query parameter");
            }
        }
    }

    private static void Set(NpgsqlConnectionStringBuilder builder, string key, string value, string what)
    {
        try
        {
            builder[key] = value;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new TargetException($"the PostgreSQL {what} {SafeText.Quote(key)} is not one Npgsql knows, or its value is not valid for it.");
        }
    }

    private static List<KeyValuePair<string, string>>? Pairs(string text)
    {
        try
        {
            var parsed = new DbConnectionStringBuilder { ConnectionString = text };
            return
            [
                .. parsed.Keys.Cast<string>().Select(k =>
                    new KeyValuePair<string, string>(k.ToLowerInvariant(), Convert.ToString(parsed[k], CultureInfo.InvariantCulture) ?? string.Empty)),
            ];
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
