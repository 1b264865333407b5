using System.Data.Common;
using System.Net.Sockets;
using Mailkit.Reports.Cli.Targets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mailkit.Reports.Cli;

/// <summary>How the ordinary failures of a target map onto exit codes.</summary>
internal static class TargetFailures
{
    /// <summary>
    /// The exit code for a failure while opening a target: 2 for what the user must change (a missing folder, a read-only
    /// file, not a database, a bad connection string, a refusal), 4 for a server that is down or fails; otherwise
    /// <see langword="null"/>.
    /// </summary>
    public static int? ExitCodeOnOpen(Exception ex) => ex switch
    {
        TargetException or IOException or UnauthorizedAccessException or ArgumentException => ExitCodes.Usage,
        SqliteException => ExitCodes.Usage,
        NpgsqlException or SocketException or TimeoutException or DbException => ExitCodes.Failed,
        _ => null,
    };

    /// <summary>
    /// Why a target failed, for a message: file errors by kind, since their messages quote the path, which may hold
    /// <c>=</c> or <c>://</c>; other messages as they are (made safe when printed).
    /// </summary>
    public static string Reason(Exception ex, string target) => ex switch
    {
        DirectoryNotFoundException => "its folder does not exist",
        FileNotFoundException => "it does not exist",
        UnauthorizedAccessException => "permission denied",
        IOException when target.Contains('=', StringComparison.Ordinal) || target.Contains("://", StringComparison.Ordinal) => "an I/O error",
        _ => ex.Message,
    };

    /// <summary>Whether an exception is an ordinary failure to write a page.</summary>
    public static bool IsWriteFailure(Exception ex) =>
        ex is DbException or IOException or UnauthorizedAccessException or SocketException or TimeoutException or ArgumentException or InvalidOperationException;
}
