using System.Reflection;
using Xunit.Sdk;

namespace Mailkit.Reports.Cli.Tests;

/// <summary>
/// A theory's row that needs PostgreSQL: skipped, with the reason and how to run it, where none can be had, while the
/// theory's other rows run.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class PostgresInlineDataAttribute : DataAttribute
{
    private readonly object?[] _data;

    public PostgresInlineDataAttribute(params object?[] data)
    {
        _data = data;
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }

    public override IEnumerable<object?[]> GetData(MethodInfo testMethod) => [_data];
}
