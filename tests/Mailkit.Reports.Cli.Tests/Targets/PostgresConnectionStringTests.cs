using Mailkit.Reports.Cli.Targets;
using Npgsql;

namespace Mailkit.Reports.Cli.Tests.Targets;

/// <summary>M3 and M2: every setting of a PostgreSQL target reaches the connection, and only real connection strings are PostgreSQL.</summary>
public sealed class PostgresConnectionStringTests
{
    [Trait("Finding", "M3")]
    [Fact]
    public void Normalize_UrlQuery_ReachesTheConnection()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(
            "postgres://u:p%40ss@db.example.com:6543/my%20db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&application_name=exporter&connect_timeout=7&target_session_attrs=primary"));

        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("/etc/ca.pem", builder.RootCertificate);
        Assert.Equal("exporter", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal("primary", builder.TargetSessionAttributes);
        Assert.Equal("db.example.com", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("my db", builder.Database);
        Assert.Equal("u", builder.Username);
        Assert.Equal("p@ss", builder.Password);
    }

    [Trait("Finding", "M3")]
    [Fact]
    public void Normalize_UrlWithNpgsqlKeyword_ReachesTheConnection()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize("postgresql://u@h/d?Include%20Error%20Detail=true&sslmode=require"));

        Assert.True(builder.IncludeErrorDetail);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Trait("Finding", "M3")]
    [Fact]
    public void Normalize_UrlWithIpv6Host_Understood()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize("postgres://u:p@[::1]:5433/d"));

        Assert.Equal("::1", builder.Host);
        Assert.Equal(5433, builder.Port);
    }

    [Trait("Finding", "M3")]
    [Theory]
    [InlineData("postgres://u:SECRET@h/d?nosuchsetting=1")]
    [InlineData("postgres://u:SECRET@h/d?sslmode=sometimes")]
    [InlineData("postgres://u:SECRET@h1,h2/d")]
    public void Normalize_UnknownOrBadSetting_Refused(string target)
    {
        var ex = Assert.Throws<TargetException>(() => PostgresConnectionString.Normalize(target));

        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
    }

    [Trait("Finding", "M3")]
    [Theory]
    [InlineData("Host=db;Username=u;SSL Mode=VerifyFull;Database=d", "db")]
    [InlineData("Server=db;Username=u;SSL Mode=VerifyFull;Database=d", "db")]
    [InlineData("Data Source=db;Username=u;SSL Mode=VerifyFull;Database=d", "db")]
    [InlineData("host=db;sslmode=verifyfull;database=d", "db")]
    public void Normalize_KeyValueForms_KeepEverySetting(string target, string host)
    {
        Assert.True(PostgresConnectionString.Recognise(target));
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(target));

        Assert.Equal(host, builder.Host);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("d", builder.Database);
    }

    [Trait("Finding", "M2")]
    [Theory]
    [InlineData("./exports/Host=eu/b.csv", "csv")]
    [InlineData("Host=eu/b.csv", "csv")]
    [InlineData("Data Source=bounces.db", "sqlite")]
    [InlineData("exports/Server=x/bounces.ndjson", "ndjson")]
    [InlineData("bounces.db", "sqlite")]
    [InlineData("Host=db", "postgres")]
    [InlineData("Server=db;Database=d", "postgres")]
    [InlineData("Data Source=db.example.com;Database=d;Password=x", "postgres")]
    [InlineData("POSTGRES://h/d", "postgres")]
    public void FormatOf_PathsAndConnectionStrings_TellApart(string target, string format)
    {
        Assert.Equal(format, TargetResolver.FormatOf(target)?.Name());
    }

    [Trait("Finding", "M2")]
    [Fact]
    public void Describe_HostPortDatabaseOnly()
    {
        Assert.Equal("PostgreSQL h:5432/d", PostgresConnectionString.Describe(PostgresConnectionString.Normalize("postgres://u:SECRET@h/d")));
    }
}
