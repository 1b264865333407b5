namespace Mailkit.Reports.DependencyInjection;

/// <summary>The option names registered with <c>AddMailkitClient</c>; only those are validated as Mailkit settings.</summary>
internal sealed class MailkitRegistrations
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public static string HttpClientName(string name) => name.Length == 0 ? "Mailkit.Reports" : "Mailkit.Reports:" + name;

    public void Add(string name)
    {
        lock (_names)
        {
            _names.Add(name);
        }
    }

    public bool Contains(string name)
    {
        lock (_names)
        {
            return _names.Contains(name);
        }
    }
}
