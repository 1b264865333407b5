namespace Mailkit.Reports.Cli.Targets;

/// <summary>The account a target holds: <c>demo</c>, or the client ID and the endpoint.</summary>
internal static class ExportAccount
{
    public const string Demo = "demo";

    /// <summary>The demo that serves the emulator's whole world (any dataset beside the bounces): other data than <see cref="Demo"/>'s, so never mixed with it.</summary>
    public const string DemoWorld = "demo world";

    /// <summary>The key a target stores: <see cref="MailkitAccount.ToString"/>, the SDK's one identity of an account.</summary>
    public static string Of(bool demo, int clientId, Uri endpoint) =>
        demo ? Demo : new MailkitAccount(endpoint, clientId).ToString();

    /// <summary>The refusal when a target holds another account's export than the one being run.</summary>
    public static TargetException Mismatch(string target, string held, string wanted) =>
        new($"{target} holds {Describe(held)}, and this is {Describe(wanted)}; choose another --output or remove it.");

    private static string Describe(string account) => account switch
    {
        Demo => "the demo export",
        DemoWorld => "the export of the demo's world",
        _ => $"the export of {SafeText.Line(account)}",
    };
}
