namespace Mailkit.Reports.Hosting;

/// <summary>
/// A cursor file of <see cref="FileBounceCursorStore"/> cannot be read as a cursor: it is not the JSON the store writes,
/// or a value in it is out of range. The sync does not guess where to continue: fix or delete the file (deleting it
/// starts the sync again from <see cref="BounceSyncOptions.StartId"/>).
/// </summary>
public sealed class CorruptBounceCursorException : IOException
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public CorruptBounceCursorException()
        : this("The bounce cursor file is corrupt.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public CorruptBounceCursorException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CorruptBounceCursorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance naming the corrupt file and what is wrong with it.</summary>
    /// <param name="filePath">The path of the cursor file.</param>
    /// <param name="reason">What is wrong, for example <c>not valid JSON</c>.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CorruptBounceCursorException(string filePath, string reason, Exception? innerException)
        : base($"The bounce cursor file '{filePath}' is corrupt ({reason}). Fix it, or delete it to start the sync again from BounceSyncOptions.StartId.", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Gets the path of the corrupt cursor file, or <see langword="null"/> when none was given.</summary>
    public string? FilePath { get; }
}
