namespace Mailkit.Reports.Cli.Targets;

/// <summary>A target that cannot be used as given; the message says why and holds no secret.</summary>
internal sealed class TargetException(string message) : Exception(message);
