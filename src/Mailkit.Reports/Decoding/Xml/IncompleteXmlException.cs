namespace Mailkit.Reports.Decoding.Xml;

/// <summary>The body ended inside the document: it is incomplete rather than malformed.</summary>
internal sealed class IncompleteXmlException : FormatException
{
    public IncompleteXmlException()
        : base("the body ended inside the document.")
    {
    }

    public IncompleteXmlException(string message)
        : base(message)
    {
    }

    public IncompleteXmlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
