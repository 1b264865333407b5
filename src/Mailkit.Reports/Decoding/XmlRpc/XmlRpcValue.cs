using Mailkit.Reports.Decoding.Xml;

namespace Mailkit.Reports.Decoding.XmlRpc;

/// <summary>A member's value: its kind, a nested value's type (struct or array; null otherwise), and the text or markup it spans.</summary>
internal readonly record struct XmlRpcValue(XmlRpcValueKind Kind, string? NestedType, XmlToken Text, bool IsInt32 = false);
