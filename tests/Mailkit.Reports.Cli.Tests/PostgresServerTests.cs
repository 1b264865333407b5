namespace Mailkit.Reports.Cli.Tests;

/// <summary>The PostgreSQL server CI starts for these tests asks for a password, and a random one.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    [Trait("Finding", "L7")]
    public void CiPostgres_UsesScramWithARandomPassword()
    {
        var script = File.ReadAllText(FindRepositoryFile(".ci/postgres"));

        Assert.DoesNotContain("-A trust", script, StringComparison.Ordinal);
        Assert.Contains("-A scram-sha-256", script, StringComparison.Ordinal);
        Assert.Contains("Password=$password", script, StringComparison.Ordinal);
    }

    private static string FindRepositoryFile(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{relative} not found.");
    }
}
