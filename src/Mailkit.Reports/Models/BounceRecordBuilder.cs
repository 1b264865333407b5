using Mailkit.Reports.Decoding;

namespace Mailkit.Reports.Models;

/// <summary>
/// Assembles a <see cref="BounceRecord"/> from the keys and values of one decoded record.
/// Transports use it so that every wire format maps keys, empty values and unknown keys the same way.
/// </summary>
/// <remarks>
/// Keys are matched as Mailkit sends them (upper case), falling back to a case-insensitive match.
/// A builder is not thread-safe; one decoder uses one builder for all the records of a response.
/// </remarks>
public sealed class BounceRecordBuilder
{
    private readonly RecordAssembler _assembler = new();

    /// <summary>Sets a key to a text value: a JSON or XML-RPC string, or a number's digits.</summary>
    /// <param name="key">The key as received, for example <c>ID_SEND</c> or <c>BOUNCE_CAT</c>.</param>
    /// <param name="value">The value as text; <see langword="null"/> and an empty string both mean "no value".</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// The key is an ID and the value is not an integer, or the key is a documented one (in any case) that was already set.
    /// </exception>
    public BounceRecordBuilder Set(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _assembler.Set(key, value);
        return this;
    }

    /// <summary>Sets a key to an integer value.</summary>
    /// <param name="key">The key as received.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// The key is an ID and the value is negative, or the key is a documented one (in any case) that was already set.
    /// </exception>
    public BounceRecordBuilder Set(string key, long value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _assembler.Set(key, value);
        return this;
    }

    /// <summary>Creates the record from the values set since the last <see cref="Build"/> or <see cref="Clear"/>, and clears the builder.</summary>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">No <c>ID_UNDELIVERED_LOG</c> was set.</exception>
    public BounceRecord Build() => (BounceRecord)_assembler.Build();

    /// <summary>Forgets every value set since the last <see cref="Build"/>.</summary>
    public void Clear() => _assembler.Clear();
}
