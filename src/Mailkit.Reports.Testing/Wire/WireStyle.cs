namespace Mailkit.Reports.Testing.Wire;

/// <summary>The quirks that change how numbers are typed in an answer.</summary>
/// <param name="NumbersAsJsonNumbers">IDs and counts a report sends as strings are sent as numbers instead.</param>
/// <param name="NumbersAsJsonStrings">Numbers a report sends as JSON numbers are sent as strings instead.</param>
internal readonly record struct WireStyle(bool NumbersAsJsonNumbers, bool NumbersAsJsonStrings);
