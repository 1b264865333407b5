namespace Mailkit.Reports.Testing;

/// <summary>
/// One record of the emulator's world as a report sends it: its fields in the order they are sent, every value as text
/// (<c>""</c> for no value). How a value is typed on the wire (string, number, boolean) is the report's rule, not the
/// record's.
/// </summary>
public abstract class EmulatedRecord
{
    private protected EmulatedRecord()
    {
    }

    /// <summary>Gets the fields as sent, built from the record's values on each call.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => BuildFields();

    /// <summary>Returns the value of a key, or <see langword="null"/> when the record has no such key.</summary>
    /// <param name="key">The key, for example <c>EMAIL</c>.</param>
    /// <returns>The value as sent.</returns>
    public string? Value(string key)
    {
        foreach (var field in BuildFields())
        {
            if (field.Key == key)
            {
                return field.Value;
            }
        }

        return null;
    }

    /// <summary>Builds the fields in the order the report sends them.</summary>
    private protected abstract List<KeyValuePair<string, string>> BuildFields();
}
