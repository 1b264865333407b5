namespace Mailkit.Reports.Decoding.XmlRpc;

/// <summary>What a member's <c>&lt;value&gt;</c> holds.</summary>
internal enum XmlRpcValueKind
{
    /// <summary>A text: a scalar type, or no type (a string).</summary>
    Scalar,

    /// <summary>A <c>&lt;nil/&gt;</c>: no value.</summary>
    Nil,

    /// <summary>A <c>&lt;struct&gt;</c> or an <c>&lt;array&gt;</c>.</summary>
    Nested,
}
