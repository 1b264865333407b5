using System.Text;

namespace Mailkit.Reports.Diagnostics;

/// <summary>
/// What an SDK exception keeps of the exception that caused it, when that exception's message may quote the response
/// body (a decoder's own error): the name of its type, its message with the md5 hidden, its stack trace, and the same for
/// each exception inside it. The original is not kept, so no unredacted text reaches <see cref="Exception.ToString"/>.
/// </summary>
internal sealed class RedactedException : Exception
{
    /// <summary>How many inner exceptions deep the chain is copied; a decoder's chain is one or two long.</summary>
    private const int MaxDepth = 8;

    private readonly string? _stackTrace;

    public RedactedException()
        : this("An exception whose message was not kept.")
    {
    }

    public RedactedException(string message)
        : base(message)
    {
        OriginalTypeName = typeof(Exception).FullName!;
    }

    public RedactedException(string message, Exception innerException)
        : base(message, innerException)
    {
        OriginalTypeName = typeof(Exception).FullName!;
    }

    private RedactedException(string originalTypeName, string message, string? stackTrace, Exception? innerException)
        : base(message, innerException)
    {
        OriginalTypeName = originalTypeName;
        _stackTrace = stackTrace;
    }

    /// <summary>Gets the full name of the type of the exception this one stands for, for example <c>System.FormatException</c>.</summary>
    public string OriginalTypeName { get; }

    /// <inheritdoc />
    public override string? StackTrace => _stackTrace;

    /// <summary>The stand-in for <paramref name="original"/> and every exception inside it, each message passed through <paramref name="redact"/>.</summary>
    public static RedactedException From(Exception original, Func<string, string> redact) => From(original, redact, 0);

    /// <summary>The same layout as <see cref="Exception.ToString"/>, naming the type the exception stands for.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(OriginalTypeName).Append(": ").Append(Message);
        if (InnerException is { } inner)
        {
            text.Append(" ---> ").Append(inner.ToString()).AppendLine().Append("   --- End of inner exception stack trace ---");
        }

        if (StackTrace is { Length: > 0 } trace)
        {
            text.AppendLine().Append(trace);
        }

        return text.ToString();
    }

    private static RedactedException From(Exception original, Func<string, string> redact, int depth)
    {
        var inner = original.InnerException is { } next && depth < MaxDepth ? From(next, redact, depth + 1) : null;
        var type = original.GetType();
        return new RedactedException(type.FullName ?? type.Name, redact(original.Message), original.StackTrace, inner);
    }
}
