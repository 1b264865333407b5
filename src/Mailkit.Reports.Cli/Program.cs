using System.Collections;
using Mailkit.Reports.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops cleanly: the page in progress is dropped, what was committed stays, and the next run continues.
    e.Cancel = true;
    cancellation.Cancel();
};

var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
return await CliApp.RunAsync(args, Console.Out, Console.Error, !Console.IsErrorRedirected, environment, cancellation.Token);
