namespace Mailkit.Reports.Cli.Tests;

/// <summary>A test that needs PostgreSQL: skipped, with the reason and how to run it, where none can be had.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
