namespace Mailkit.Reports.Testing;

/// <summary>How the emulator answers a call that finds no record; Mailkit's documentation shows both shapes.</summary>
public enum EmulatorEmptyAnswer
{
    /// <summary>
    /// Each function's own shape: <c>{}</c> for the raw reports (raw bounces, messages and responses) and <c>[]</c> for the
    /// others over JSON; an empty array over XML-RPC.
    /// </summary>
    FunctionDefault = 0,

    /// <summary><c>[]</c> over JSON, an empty array over XML-RPC, whatever the function.</summary>
    EmptyArray = 1,

    /// <summary><c>{}</c> over JSON, an empty <c>struct</c> over XML-RPC, whatever the function.</summary>
    EmptyObject = 2,
}
