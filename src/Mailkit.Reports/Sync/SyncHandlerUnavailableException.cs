namespace Mailkit.Reports.Sync;

/// <summary>The host could not resolve or build the sync's handler: waiting does not fix that, so the sync halts.</summary>
internal sealed class SyncHandlerUnavailableException : Exception
{
    public SyncHandlerUnavailableException()
        : this("The sync's handler could not be built.")
    {
    }

    public SyncHandlerUnavailableException(string message)
        : base(message)
    {
    }

    public SyncHandlerUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
