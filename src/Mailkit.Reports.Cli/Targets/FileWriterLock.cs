using Mailkit.Reports.Storage;

namespace Mailkit.Reports.Cli.Targets;

/// <summary>
/// The lock beside a file target (<c>FILE.lock</c>) that one export at a time holds, from before it reads the checkpoint
/// until it ends, so that a second export into the file is refused instead of cutting back pages the first is writing.
/// </summary>
/// <remarks>
/// A file of its own rather than the data file: a lock on the data file would also refuse readers (<c>stats</c>,
/// <c>suppressions</c>) while a <c>--follow</c> runs, and the checkpoint cannot hold one, as each page renames a new file
/// over it. The lock file is never deleted: removing it would let one run lock the removed file and another a new one of
/// the same name. The operating system releases the lock when the process ends, however it ends. On Unix this is an
/// advisory <c>flock</c>, which .NET takes for <see cref="FileShare.None"/>; some network file systems ignore it.
/// </remarks>
internal sealed class FileWriterLock : IDisposable
{
    // What the runtime reports when another open file holds the lock: EWOULDBLOCK on Linux and on macOS and the BSDs
    // (as the exception's HResult), a sharing or lock violation on Windows.
    private const int LinuxWouldBlock = 11;
    private const int BsdWouldBlock = 35;
    private const int WindowsSharingViolation = unchecked((int)0x80070020);
    private const int WindowsLockViolation = unchecked((int)0x80070021);

    private readonly FileStream _file;

    private FileWriterLock(FileStream file) => _file = file;

    /// <summary>
    /// Takes the lock of the file target at <paramref name="path"/>, creating its lock file (owner-only) when there is
    /// none; throws <see cref="TargetException"/> when another export holds it.
    /// </summary>
    public static FileWriterLock Take(string path)
    {
        try
        {
            return new FileWriterLock(OwnerOnlyFile.Open(path + ".lock", FileMode.OpenOrCreate, FileAccess.Read, FileShare.None));
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            throw new TargetException($"{SafeText.Path(path)} is in use by another export; wait for it to finish or give another --output.");
        }
    }

    public void Dispose() => _file.Dispose();

    private static bool IsHeldElsewhere(IOException ex) => ex.GetType() == typeof(IOException) && ex.HResult switch
    {
        LinuxWouldBlock => OperatingSystem.IsLinux(),
        BsdWouldBlock => OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD(),
        WindowsSharingViolation or WindowsLockViolation => OperatingSystem.IsWindows(),
        _ => false,
    };
}
